import AsyncHTTPClient
import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeOperator
import HedgeStore
import HedgeTestKit
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// The operator API over real sockets, in front of a daemon on the sim venue with a store.
@Suite("Operator HTTP: health, readiness, the state API, the kill switch")
struct OperatorServerTests {
    static let token = "op-Zq9-not-a-real-token"

    /// A running daemon (store in a scratch directory), its operator server on a free port, and a
    /// client; `body` gets the base URL. Everything is stopped after.
    static func withServer(token: OperatorToken?, _ body: (String, MeshFixture, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-operator-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        let config = try MeshFixture.config(strategiesEnabled: false)
        let fixture = try await MeshFixture.withStore(directory: directory + "/state", clock: clock,
                                                      exchange: MeshFixture.venue(config: config, clock: clock), strategiesEnabled: false) {
            $0.runtime.http.port = 0
            $0.runtime.http.bind = "127.0.0.1"
        }
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let run = Task { try await runtime.run(until: shutdown) }
        await clock.waitForSleepers(runtime.periodicJobCount)
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let server = OperatorServer(runtime: runtime, directories: DaemonDirectories(stateDirectory: directory + "/state"), token: token,
                                    logger: quiet)
        let serving = Task { try await server.run() }
        let address = await runtime.operatorAddress.wait()
        do {
            try await body("http://\(address)", fixture, directory)
        } catch {
            serving.cancel()
            trigger.yield()
            _ = try? await run.value
            throw error
        }
        serving.cancel()
        _ = try? await serving.value
        trigger.yield()
        _ = try await run.value
    }

    static func get(_ url: String, headers: [(String, String)] = []) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    static func post(_ url: String, json: String, authorization: String? = nil) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    @Test("every read route: status codes and JSON shapes; no request path reaches the filesystem unchecked")
    func readRoutes() async throws {
        try await Self.withServer(token: OperatorToken(Self.token)) { base, fixture, directory in
            let health = try await Self.get(base + "/healthz")
            #expect(health.status == 200 && Self.object(health.body)?["status"] as? String == "ok")

            let ready = try await Self.get(base + "/readyz")
            let readiness = try #require(Self.object(ready.body), "\(ready.body)")
            // Ready or not, the answer says which and why, and the status agrees.
            #expect((ready.status == 200) == (readiness["ready"] as? Bool == true))
            #expect(readiness["reasons"] is [String])

            // A state file the daemon wrote is served as it is; other names and paths are 404.
            try #"{"nav":{"nav_usd":100000}}"#.write(toFile: directory + "/state/nav.json", atomically: true, encoding: .utf8)
            let nav = try await Self.get(base + "/api/state/nav")
            #expect(nav.status == 200 && nav.body == #"{"nav":{"nav_usd":100000}}"#)
            try "secret".write(toFile: directory + "/state/hedge.token", atomically: true, encoding: .utf8)
            for name in ["hedge.token", "..%2Fstate%2Fnav", "nav.json", "orders.journal", "hedge.sqlite", "unknown"] {
                let refused = try await Self.get(base + "/api/state/" + name)
                #expect(refused.status == 404, "\(name): \(refused.status)")
                #expect(!refused.body.contains("secret"))
            }
            let names = try await Self.get(base + "/api/state")
            #expect((Self.object(names.body)?["names"] as? [String])?.contains("risk_snapshot") == true)

            // The order and veto logs' latest lines.
            try FileManager.default.createDirectory(atPath: directory + "/execution", withIntermediateDirectories: true)
            let orderLines = (1...5).map { #"{"client_order_id":"hm-1-\#($0)","event":"ACK"}"# }
            try (orderLines.joined(separator: "\n") + "\n").write(toFile: directory + "/execution/orders_executed.jsonl", atomically: true, encoding: .utf8)
            let orders = try await Self.get(base + "/api/orders?limit=2")
            #expect(orders.status == 200)
            let latest = try #require((try? JSONSerialization.jsonObject(with: Data(orders.body.utf8))) as? [[String: Any]])
            #expect(latest.map { $0["client_order_id"] as? String } == ["hm-1-4", "hm-1-5"])
            #expect(try await Self.get(base + "/api/orders?limit=0").status == 400)

            let vetoLines = [#"{"time":"2025-05-05T00:00:00Z","vetoes":["kill_switch"]}"#, #"{"time":"2025-05-06T00:00:00Z","vetoes":["max_drawdown"]}"#]
            try (vetoLines.joined(separator: "\n") + "\n").write(toFile: directory + "/execution/risk_vetoes.jsonl", atomically: true, encoding: .utf8)
            let vetoes = try await Self.get(base + "/api/vetoes?since=2025-05-05T12:00:00Z")
            let recent = try #require((try? JSONSerialization.jsonObject(with: Data(vetoes.body.utf8))) as? [[String: Any]])
            #expect(recent.count == 1 && (recent.first?["vetoes"] as? [String]) == ["max_drawdown"])
            #expect(try await Self.get(base + "/api/vetoes?since=yesterday").status == 400)
            _ = fixture
        }
    }

    @Test("the kill switch needs the bearer token: 401 without or with a wrong one, 200 with it; recorded in the store and applied to risk")
    func killSwitchNeedsTheToken() async throws {
        try await Self.withServer(token: OperatorToken(Self.token)) { base, fixture, _ in
            let body = #"{"on": true, "reason": "maintenance window"}"#
            let anonymous = try await Self.post(base + "/api/kill-switch", json: body)
            #expect(anonymous.status == 401)
            let wrong = try await Self.post(base + "/api/kill-switch", json: body, authorization: "Bearer \(Self.token)x")
            #expect(wrong.status == 401)
            #expect(try await fixture.store?.killSwitch() == nil, "nothing recorded before the token was right")
            let bad = try await Self.post(base + "/api/kill-switch", json: #"{"on": true}"#, authorization: "Bearer \(Self.token)")
            #expect(bad.status == 400)

            let accepted = try await Self.post(base + "/api/kill-switch", json: body, authorization: "Bearer \(Self.token)")
            #expect(accepted.status == 200, "\(accepted.body)")
            #expect(!accepted.body.contains(Self.token) && !anonymous.body.contains(Self.token) && !wrong.body.contains(Self.token))
            let recorded = try #require(try await fixture.store?.killSwitch())
            #expect(recorded.engaged && recorded.reason == "maintenance window" && recorded.source == "operator API")
            let halts = await fixture.runtime.risk.snapshotPayload(symbol: nil).halts
            #expect(halts.contains(VetoCode.killSwitch.rawValue))

            let released = try await Self.post(base + "/api/kill-switch", json: #"{"on": false, "reason": "done"}"#,
                                               authorization: "Bearer \(Self.token)")
            #expect(released.status == 200)
            #expect(!(await fixture.runtime.risk.snapshotPayload(symbol: nil).halts).contains(VetoCode.killSwitch.rawValue))
        }
    }

    @Test("/metrics is Prometheus text with every required family; counters follow the daemon; the token never appears")
    func metrics() async throws {
        try await Self.withServer(token: OperatorToken(Self.token)) { base, fixture, directory in
            try #"{"nav":{}}"#.write(toFile: directory + "/state/nav.json", atomically: true, encoding: .utf8)
            // A veto to count: the kill switch on, then an entry signal.
            _ = try await Self.post(base + "/api/kill-switch", json: #"{"on": true, "reason": "metrics test"}"#,
                                    authorization: "Bearer \(Self.token)")
            let signal = StrategySignal(symbol: "BTCUSDT", side: .buy, timeMs: MeshFixture.epochMs, referencePrice: 95_000, conviction: 1,
                                        stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 0.5, reason: "test", strategy: "trend", regime: .chop)
            _ = await fixture.runtime.risk.process(signal: signal)

            let scrape = try await Self.get(base + "/metrics")
            #expect(scrape.status == 200)
            #expect(!scrape.body.contains(Self.token))
            var samples: [String: Double] = [:]
            for line in scrape.body.split(separator: "\n") where !line.hasPrefix("#") {
                // name{labels} value — the value is the last field and parses as a number.
                let parts = line.split(separator: " ")
                let value = try #require(parts.last.flatMap { Double($0) }, "unparsable sample: \(line)")
                samples[parts.dropLast().joined(separator: " ")] = value
            }
            let families = Set(samples.keys.map { String($0.prefix { $0 != "{" && $0 != " " }) })
            for family in ["hedge_up", "hedge_nav_usd", "hedge_orders_total", "hedge_vetoes_total", "hedge_fills_total",
                           "hedge_state_file_age_seconds", "hedge_venue_weight_used", "hedge_stream_reconnects_total",
                           "hedge_events_dropped_total", "hedge_slippage_bps_bucket", "hedge_order_latency_seconds_bucket"] {
                #expect(families.contains(family), "\(family) missing from /metrics")
            }
            #expect(samples["hedge_up"] == 1)
            #expect(samples["hedge_kill_switch"] == 1 && samples["hedge_venue_ip_banned"] == 0 && samples["hedge_position_drift"] == 0)
            // Every series the alert rules use is one the daemon exports.
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let rules = try String(contentsOf: root.appendingPathComponent("ops/prometheus/alerts.yml"), encoding: .utf8)
            let used = Set(rules.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
                .filter { $0.hasPrefix("hedge_") })
            #expect(!used.isEmpty)
            for name in used { #expect(families.contains(name), "alerts.yml uses \(name), which /metrics does not export") }
            #expect(samples[#"hedge_vetoes_total{code="kill_switch"}"#] == 1)
            #expect(samples[#"hedge_fills_total{symbol="BTCUSDT"}"#] == 0)
            #expect(samples[#"hedge_state_file_age_seconds{file="nav"}"#].map { $0 >= 0 && $0 < 60 } == true)

            // Counters only grow: a second veto, a second scrape.
            _ = await fixture.runtime.risk.process(signal: signal)
            let again = try await Self.get(base + "/metrics")
            #expect(again.body.contains(#"hedge_vetoes_total{code="kill_switch"} 2"#))
        }
    }

    @Test("/readyz answers 503 with its reasons while the daemon is not up")
    func notReady() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-operator-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        let config = try MeshFixture.config(strategiesEnabled: false)
        // A daemon built but not running: no stream subscribed, not reconciled, no NAV.
        let fixture = try await MeshFixture.withStore(directory: directory, clock: clock, exchange: MeshFixture.venue(config: config, clock: clock),
                                                      strategiesEnabled: false) { $0.runtime.http.port = 0 }
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let server = OperatorServer(runtime: fixture.runtime, directories: DaemonDirectories(stateDirectory: directory), token: nil, logger: quiet)
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        let address = await fixture.runtime.operatorAddress.wait()
        let ready = try await Self.get("http://\(address)/readyz")
        #expect(ready.status == 503)
        let reasons = try #require(Self.object(ready.body)?["reasons"] as? [String])
        #expect(reasons.contains("market stream not subscribed") && reasons.contains("reconciliation with the venue not done")
            && reasons.contains("NAV stale or unknown"), "\(reasons)")
        #expect(try await Self.get("http://\(address)/healthz").status == 200, "alive all the same")
    }

    @Test("without a configured token every mutating route answers 403")
    func noTokenNoMutation() async throws {
        try await Self.withServer(token: nil) { base, fixture, _ in
            let refused = try await Self.post(base + "/api/kill-switch", json: #"{"on": true, "reason": "x"}"#, authorization: "Bearer anything")
            #expect(refused.status == 403)
            #expect(try await fixture.store?.killSwitch() == nil)
        }
    }

    @Test("the token: from the environment first, else an owner-only file; a file others can read is refused; compared exactly")
    func tokenLoading() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-token-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/operator.token"
        #expect(try OperatorToken.load(environment: [:], file: file) == nil)
        try "from-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(throws: OperatorToken.FileError.self) { try OperatorToken.load(environment: [:], file: file) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let fromFile = try #require(try OperatorToken.load(environment: [:], file: file))
        #expect(fromFile.accepts(authorization: "Bearer from-file"))
        #expect(!fromFile.accepts(authorization: "Bearer from-fil") && !fromFile.accepts(authorization: "from-file") && !fromFile.accepts(authorization: nil))
        let fromEnvironment = try #require(try OperatorToken.load(environment: ["HEDGE_OPERATOR_TOKEN": "env"], file: file))
        #expect(fromEnvironment.accepts(authorization: "Bearer env") && !fromEnvironment.accepts(authorization: "Bearer from-file"))
    }
}
