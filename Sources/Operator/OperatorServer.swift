import Foundation
import HedgeActors
import HedgeCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The daemon's operator surface over HTTP (Hummingbird), run in the daemon's service group and
/// stopped with it. Bound to `runtime.yaml` `http.bind:http.port` (`port: 0` picks a free port,
/// logged and published in `v6_runtime_probe.json` `http`).
///
/// - `GET /`: the dashboard (`DashboardPage`); `GET /api/freshness`: each state file's age.
/// - `GET /healthz`: 200 while the process runs.
/// - `GET /metrics`: Prometheus text (`OperatorMetrics`).
/// - `GET /readyz`: 200 when the daemon is ready to trade, else 503 with the reasons; both say
///   whether the kill switch is on and what halts entries now.
/// - `GET /api/state/{name}`: a state file's JSON (`logs/state/*.json` names only; 404 otherwise).
/// - `GET /api/orders?limit=N`, `GET /api/vetoes?since=ISO8601`: the latest order events, the
///   vetoes since a time (JSON arrays of the log lines).
/// - `POST /api/kill-switch` `{"on": bool, "reason": "..."}` with `Authorization: Bearer <token>`:
///   403 when no token is configured, 401 when the token is missing or wrong.
///
/// Responses carry no secret; request logs never carry the `Authorization` header.
public struct OperatorServer: Service, CustomStringConvertible {
    let runtime: Runtime
    let files: OperatorFiles
    let token: OperatorToken?
    let host: String
    let port: Int
    let logger: Logger
    let metrics: OperatorMetrics

    public init(runtime: Runtime, directories: DaemonDirectories, token: OperatorToken?, logger: Logger) {
        self.runtime = runtime
        files = OperatorFiles(directories: directories)
        metrics = OperatorMetrics(runtime: runtime, files: files)
        self.token = token
        host = runtime.config.runtime.http.bind
        port = runtime.config.runtime.http.port
        self.logger = logger
    }

    public var description: String { "operator HTTP (\(host):\(port))" }

    public func run() async throws {
        let runtime = runtime, logger = logger, host = host
        // The router measures slippage and order latency into the registry `/metrics` renders.
        await runtime.router.useMetrics(OrderPathMetrics(factory: metrics.factory))
        let app = Application(
            router: Self.router(runtime: runtime, files: files, token: token, metrics: metrics, logger: logger),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "hedge"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                runtime.operatorAddress.set("\(host):\(bound)")
                // systemd shows it in `systemctl status`; a supervisor (or a test) learns the port.
                runtime.notifier.notify("STATUS=operator HTTP listening on \(host):\(bound)")
                logger.notice("operator HTTP listening", metadata: ["address": "\(host):\(bound)"])
            },
            logger: logger)
        do {
            try await app.run()
        } catch {
            // The operator surface must not take trading down with it (a port in use, say).
            logger.warning("operator HTTP not available; the daemon runs without it", metadata: [
                "address": "\(host):\(port)", "error": "\(error)"])
        }
    }

    static func router(runtime: Runtime, files: OperatorFiles, token: OperatorToken?, metrics: OperatorMetrics,
                       logger: Logger) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html)))
        }
        router.get("/api/freshness") { _, _ in
            let entries = files.freshness(intervals: runtime.config.runtime.intervals)
            let data = (try? JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys])) ?? Data("[]".utf8)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/healthz") { _, _ in json(.ok, ["status": "ok"]) }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: await metrics.scrape())))
        }
        router.get("/readyz") { _, _ in
            // Live, not from a state file: whether it is ready, and what stops new entries now.
            let reasons = await runtime.notReadyReasons()
            let risk = await runtime.risk.snapshotPayload(symbol: nil)
            let body: [String: any Sendable] = ["ready": reasons.isEmpty, "reasons": reasons, "kill_switch": risk.state.killSwitch,
                                                "halts": risk.halts]
            return json(reasons.isEmpty ? .ok : .serviceUnavailable, body)
        }
        router.get("/api/state") { _, _ in json(.ok, ["names": files.stateNames]) }
        router.get("/api/state/:name") { _, context in
            guard let name = context.parameters.get("name"), let data = files.state(named: name) else {
                return json(.notFound, ["error": "no such state file; GET /api/state lists them"])
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/api/orders") { request, _ in
            let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 100
            guard (1...10_000).contains(limit) else { return json(.badRequest, ["error": "limit must be 1…10000"]) }
            return lines(files.orders(limit: limit))
        }
        router.get("/api/vetoes") { request, _ in
            var sinceMs: Int64?
            if let since = request.uri.queryParameters.get("since") {
                guard let parsed = UTCTime.parse(String(since)) else {
                    return json(.badRequest, ["error": "since must be an ISO 8601 UTC time like 2025-05-05T00:00:00Z"])
                }
                sinceMs = parsed
            }
            return lines(files.vetoes(sinceMs: sinceMs))
        }
        router.post("/api/kill-switch") { request, context in
            guard let token else {
                return json(.forbidden, ["error": "no operator token configured (HEDGE_OPERATOR_TOKEN or the token file): mutating routes are off"])
            }
            guard token.accepts(authorization: request.headers[.authorization]) else {
                logger.warning("operator API: kill-switch request refused (missing or wrong token)")
                return json(.unauthorized, ["error": "Authorization: Bearer <token> required"])
            }
            let body = try await request.body.collect(upTo: 16 * 1024)
            guard let change = try? JSONDecoder().decode(KillSwitchRequest.self, from: Data(body.readableBytesView)),
                  !change.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                return json(.badRequest, ["error": #"body must be {"on": true|false, "reason": "why"}"#])
            }
            do {
                try await runtime.setKillSwitch(engaged: change.on, reason: change.reason, source: "operator API")
            } catch {
                return json(.internalServerError, ["error": "the store could not record the change: \(error)"])
            }
            return json(.ok, ["kill_switch": change.on, "reason": change.reason] as [String: any Sendable])
        }
        return router
    }

    struct KillSwitchRequest: Decodable {
        var on: Bool
        var reason: String
    }

    /// A JSON object response.
    static func json(_ status: HTTPResponse.Status, _ object: [String: any Sendable]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON array of log lines (each already a JSON object).
    static func lines(_ lines: [String]) -> Response {
        let body = "[" + lines.joined(separator: ",") + "]"
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
