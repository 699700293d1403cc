import Foundation
import HTTPTypes
import HedgeCore
import HedgeExchange
import Hummingbird
import Logging
import NIOCore

/// Answers the Coinbase loopback's REST requests as Advanced Trade would: route, rate limit
/// (429 with `Retry-After`), JWT (`Authorization: Bearer`, checked with `CoinbaseJWTVerifier`
/// against `METHOD host/path` of this very request), faults, then the endpoint's work.
struct CoinbaseLoopbackResponder: HTTPResponder {
    let services: CoinbaseLoopbackServices
    static let prefix = CoinbaseRESTClient.pathPrefix

    func respond(to request: Request, context: LoopbackRequestContext) async throws -> Response {
        let method = request.method.rawValue
        let path = request.uri.path
        if path.hasPrefix("/_loopback/") { return try await control(request, method: method, path: path, context: context) }
        let body = try await request.body.collect(upTo: 1 << 20)
        guard path.hasPrefix(Self.prefix), let route = CoinbaseLoopbackRoute(method: method, path: String(path.dropFirst(Self.prefix.count))) else {
            return Self.response(status: 404, CoinbasePayloads.error("NOT_FOUND", "Path \(path), method \(method) is not served"))
        }
        var headers: [(String, String)] = []
        switch await services.state.admit(method: method, path: path, weight: 1) {
        case .refused(let refusal):
            let retryAfter = refusal.headers.first { $0.0 == "Retry-After" }?.1 ?? "1"
            services.logger.notice("coinbase loopback: rate limited", metadata: ["path": "\(path)", "retry_after_s": "\(retryAfter)"])
            return Self.response(status: 429, CoinbasePayloads.error("RATE_LIMIT_EXCEEDED", "Too many requests"),
                                 headers: [("Retry-After", retryAfter)])
        case .admitted(let used):
            let now = services.wallClockMs()
            headers = [("x-ratelimit-limit", String(services.requestLimitPerMinute)),
                       ("x-ratelimit-remaining", String(max(0, services.requestLimitPerMinute - used))),
                       ("x-ratelimit-reset", String((now / 60_000 + 1) * 60))]
        }
        if route.isPrivate {
            let host = request.head.authority ?? ""
            let uri = CoinbaseJWTSigner.uri(method: method, host: host, path: path)
            let authorization = request.headers[.authorization] ?? ""
            guard authorization.hasPrefix("Bearer ") else {
                services.logger.notice("coinbase loopback: request without a bearer JWT", metadata: ["path": "\(path)"])
                return Self.response(status: 401, CoinbasePayloads.error("UNAUTHENTICATED", "Unauthorized"))
            }
            let nowSeconds = await services.state.serverTimeMs() / 1000
            if let refusal = services.verifier.refusal(of: String(authorization.dropFirst(7)), uri: uri, nowSeconds: nowSeconds) {
                services.logger.notice("coinbase loopback: JWT refused", metadata: ["path": "\(path)", "reason": "\(refusal)"])
                return Self.response(status: 401, CoinbasePayloads.error("UNAUTHENTICATED", "Unauthorized", details: refusal.description))
            }
        }
        let incoming = CoinbaseLoopbackRequest(method: method, path: path, query: BinanceQuery.parse(Substring(request.uri.query ?? "")),
                                               body: Data(body.readableBytesView))
        var reply = await answer(route, incoming, context: context)
        reply.headers += headers
        return Self.response(status: reply.status, reply.body, headers: reply.headers)
    }

    /// Faults around the work, as the Binance loopback applies them (same profile format).
    private func answer(_ route: CoinbaseLoopbackRoute, _ request: CoinbaseLoopbackRequest, context: LoopbackRequestContext) async -> LoopbackReply {
        let before = await services.state.takeRequestFaults(method: request.method, path: request.path, phase: .before)
        if let seconds = before.delaySeconds { await delay(seconds, request.path) }
        if let status = before.serverErrorStatus {
            services.logger.notice("coinbase loopback fault: server error before processing", metadata: ["path": "\(request.path)", "status": "\(status)"])
            return LoopbackReply(status: status, body: CoinbasePayloads.error("INTERNAL", "Internal server error"))
        }
        let reply = await handle(route, request)
        let after = await services.state.takeRequestFaults(method: request.method, path: request.path, phase: .after)
        if let seconds = after.delaySeconds { await delay(seconds, request.path) }
        if let status = after.serverErrorStatus {
            services.logger.notice("coinbase loopback fault: server error after processing", metadata: ["path": "\(request.path)", "status": "\(status)"])
            await markLost(route, reply)
            return LoopbackReply(status: status, body: CoinbasePayloads.error("INTERNAL", "Internal server error"))
        }
        if let lost = await services.state.takeLostResponse(method: request.method, path: request.path) {
            services.logger.notice("coinbase loopback fault: response lost", metadata: ["path": "\(request.path)"])
            await markLost(route, reply)
            if let hang = lost.hangSeconds { await delay(hang, request.path) }
            try? await context.channel.close()
            return LoopbackReply(status: 503, body: CoinbasePayloads.error("UNAVAILABLE", "Service unavailable"))
        }
        return reply
    }

    private func markLost(_ route: CoinbaseLoopbackRoute, _ reply: LoopbackReply) async {
        guard route == .createOrder, case .object(let members) = reply.body,
              case .string(let orderId)? = members.first(where: { $0.0 == "order_id" })?.1, let id = Int64(orderId) else { return }
        await services.state.markResponseLost(orderId: id)
    }

    private func delay(_ seconds: Double, _ path: String) async {
        services.logger.notice("coinbase loopback fault: delaying response", metadata: ["path": "\(path)", "seconds": "\(seconds)"])
        try? await services.clock.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }

    /// The control endpoints: `GET /_loopback/journal`, `POST /_loopback/faults`, `POST /_loopback/sockets/drop`,
    /// `POST /_loopback/sequence/skip`
    /// (127.0.0.1 only, with the control token when the server has one).
    private func control(_ request: Request, method: String, path: String, context: LoopbackRequestContext) async throws -> Response {
        guard LoopbackResponder.isLoopback(context.channel.remoteAddress) else {
            return Self.response(status: 403, CoinbasePayloads.error("PERMISSION_DENIED", "loopback control endpoints answer 127.0.0.1 only"))
        }
        if let token = services.controlToken {
            guard let sent = request.headers[HTTPField.Name(LoopbackHeaders.controlToken)!], LoopbackResponder.constantTimeEqual(sent, token) else {
                return Self.response(status: 401, CoinbasePayloads.error("UNAUTHENTICATED", "loopback control endpoints need the X-Loopback-Token the server printed"))
            }
        }
        switch (method, path) {
        case ("GET", "/_loopback/journal"):
            return Self.response(status: 200, LoopbackResponder.journalJSON(await services.state.journal))
        case ("POST", "/_loopback/faults"):
            let body = try await request.body.collect(upTo: 1 << 20)
            do {
                await services.setFaults(try LoopbackFaults.decode(Data(body.readableBytesView), source: "request body"))
                return Self.response(status: 200, .object([]))
            } catch {
                return Self.response(status: 400, CoinbasePayloads.error("INVALID_ARGUMENT", error.description))
            }
        case ("POST", "/_loopback/sockets/drop"):
            await services.state.dropSockets()
            return Self.response(status: 200, .object([]))
        case ("POST", "/_loopback/sequence/skip"):
            services.sequenceSkips.add()
            return Self.response(status: 200, .object([]))
        default:
            return Self.response(status: 404, CoinbasePayloads.error("NOT_FOUND", "Path \(path), method \(method) is not served"))
        }
    }

    static func response(status: Int, _ body: BinanceJSON, headers extra: [(String, String)] = []) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in extra {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: body.serialized)))
    }
}

/// One request as the handlers read it.
struct CoinbaseLoopbackRequest: Sendable {
    var method: String
    var path: String
    var query: BinanceQuery
    var body: Data

    /// Every value of a repeated parameter (`product_ids=A&product_ids=B`).
    func values(_ name: String) -> [String] { query.items.filter { $0.name == name }.map(\.value) }

    func json() -> [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}
