import AsyncHTTPClient
import Foundation
import HedgeCore
import HedgeExchange
import HedgeTestKit
import HedgeVenueServer
import Logging
import NIOCore
import NIOHTTP1
import Testing

/// A loopback venue on an ephemeral port of 127.0.0.1 over a scripted sim, a test-moved wall
/// clock, and an HTTP client to talk to it. `with` starts it, runs the test, then shuts the client
/// down and stops the venue.
struct LoopbackHarness: Sendable {
    static let apiKey = "loopback-test-key"
    static let apiSecret = "loopback-test-secret"
    /// 2025-01-01T00:10:00Z: the wall clock starts here; tests move it by hand.
    static let startWallMs: Int64 = 1_735_690_200_000

    let wallMs: LockedValue<Int64>
    let sim: SimExchange
    let replay: SimReplay
    let venue: LoopbackVenue
    let client: HTTPClient
    let port: Int

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) }
        var object: [String: Any] { (json as? [String: Any]) ?? [:] }
        var code: Int? { object["code"] as? Int }
    }

    static func with(faults: LoopbackFaults = .none, weightLimit: Int = 2400, bars: Int = 3, controlToken: String? = nil,
                     _ body: (LoopbackHarness) async throws -> Void) async throws {
        let wallMs = LockedValue(startWallMs)
        var logger = Logger(label: "test.loopback")
        // Cancelling the server at the end of a test logs at error level; only worse is shown.
        logger.logLevel = .critical
        let market = try await LoopbackMarket(
            venue: LoopbackVenueConfiguration(apiKey: apiKey, apiSecret: apiSecret, controlToken: controlToken, faults: faults,
                                              weightLimitPerMinute: weightLimit,
                                              wallClockMs: { wallMs.value }),
            sim: SimFixture.configuration(wallet: 10_000),
            makeReplay: { SimReplay(exchange: $0, bars: SimFixture.bars(Array(repeating: 100, count: 20))) }, warmUpBars: bars,
            logger: logger)
        let sim = market.exchange, replay = market.replay, venue = market.venue
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await venue.run() }
            let port = try await venue.waitUntilListening()
            var configuration = HTTPClient.Configuration()
            configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(10))
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let harness = LoopbackHarness(wallMs: wallMs, sim: sim, replay: replay, venue: venue, client: client, port: port)
            do {
                try await body(harness)
            } catch {
                try await client.shutdown()
                group.cancelAll()
                throw error
            }
            try await client.shutdown()
            group.cancelAll()
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `params` with `timestamp` (the wall clock unless given) and a signature made with `secret`.
    func signed(_ params: [(String, String)], timestamp: Int64? = nil, secret: String = apiSecret) -> String {
        var query = BinanceQuery(params)
        query.append("timestamp", String(timestamp ?? wallMs.value))
        let encoded = query.encoded
        return encoded + "&signature=" + BinanceSigner(secret: secret).signature(for: encoded)
    }

    func request(_ method: HTTPMethod, _ path: String, query: String = "", body: String? = nil,
                 apiKey: String? = LoopbackHarness.apiKey, headers extra: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path + (query.isEmpty ? "" : "?" + query))
        request.method = method
        if let apiKey { request.headers.add(name: "X-MBX-APIKEY", value: apiKey) }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 22)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return Reply(status: Int(response.status.code), headers: headers, body: String(buffer: bytes))
    }

    /// A GTC limit buy far below the market (it rests).
    func placeRestingOrder(_ clientOrderId: String) async throws -> Reply {
        try await request(.POST, "/fapi/v1/order", body: signed([
            ("symbol", SimFixture.symbol), ("side", "BUY"), ("positionSide", "LONG"), ("type", "LIMIT"), ("timeInForce", "GTC"),
            ("quantity", "1"), ("price", "90"), ("newClientOrderId", clientOrderId),
        ]))
    }
}

@Suite("Loopback venue: signing and authentication")
struct LoopbackVenueAuthTests {
    @Test("with a control token, the /_loopback endpoints refuse requests without it or with another, and answer with it")
    func controlEndpointsNeedTheToken() async throws {
        try await LoopbackHarness.with(controlToken: "tok-123") { venue in
            let missing = try await venue.request(.GET, "/_loopback/journal")
            #expect(missing.status == 401)
            let wrong = try await venue.request(.POST, "/_loopback/sockets/drop", headers: [("X-Loopback-Token", "tok-124")])
            #expect(wrong.status == 401)
            let right = try await venue.request(.GET, "/_loopback/journal", headers: [("X-Loopback-Token", "tok-123")])
            #expect(right.status == 200)
            #expect(right.object["orders"] is [Any])
        }
    }

    @Test("a correctly signed request is answered with the account")
    func signedRequestIsAccepted() async throws {
        try await LoopbackHarness.with { venue in
            let reply = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([]))
            #expect(reply.status == 200)
            let rows = try #require(reply.json as? [[String: Any]])
            #expect(rows.first?["asset"] as? String == "USDT")
            #expect(rows.first?["balance"] as? String == "10000.00000000")
        }
    }

    @Test("a signature made with another secret is -1022")
    func wrongSignatureIsRefused() async throws {
        try await LoopbackHarness.with { venue in
            let reply = try await venue.request(.GET, "/fapi/v3/account", query: venue.signed([], secret: "not-the-secret"))
            #expect(reply.status == 400)
            #expect(reply.code == -1022)
            #expect(reply.object["msg"] as? String == "Signature for this request is not valid.")
        }
    }

    @Test("another API key is HTTP 401 with -2015")
    func wrongKeyIsRefused() async throws {
        try await LoopbackHarness.with { venue in
            let reply = try await venue.request(.GET, "/fapi/v2/account", query: venue.signed([]), apiKey: "someone-else")
            #expect(reply.status == 401)
            #expect(reply.code == -2015)
        }
    }

    @Test("a timestamp older than recvWindow, or a skewed server clock, is -1021 until the client resyncs")
    func timestampOutsideRecvWindow() async throws {
        try await LoopbackHarness.with { venue in
            let stale = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([], timestamp: venue.wallMs.value - 6_000))
            #expect(stale.status == 400)
            #expect(stale.code == -1021)
            let ahead = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([], timestamp: venue.wallMs.value + 1_500))
            #expect(ahead.code == -1021)

            await venue.venue.setFaults(LoopbackFaults(clockSkewMs: 10_000))
            let skewed = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([]))
            #expect(skewed.code == -1021)
            let time = try await venue.request(.GET, "/fapi/v1/time")
            let serverTime = try #require(time.object["serverTime"] as? Int64)
            #expect(serverTime == venue.wallMs.value + 10_000)
            let resynced = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([], timestamp: serverTime))
            #expect(resynced.status == 200)
        }
    }
}

@Suite("Loopback venue: rate limits")
struct LoopbackVenueRateLimitTests {
    @Test("every response carries the used weight; past the limit it is 429 with Retry-After and -1003")
    func weightLimit() async throws {
        try await LoopbackHarness.with(weightLimit: 12) { venue in
            let first = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([]))
            #expect(first.headers["x-mbx-used-weight-1m"] == "5")
            let second = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([]))
            #expect(second.headers["x-mbx-used-weight-1m"] == "10")
            let third = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([]))
            #expect(third.status == 429)
            #expect(third.code == -1003)
            // 00:10:00 on the wall clock: the minute ends in 60 s.
            #expect(third.headers["retry-after"] == "60")
            venue.wallMs.withLock { $0 += 60_000 }
            let nextMinute = try await venue.request(.GET, "/fapi/v1/ping")
            #expect(nextMinute.status == 200)
            #expect(nextMinute.headers["x-mbx-used-weight-1m"] == "1")
        }
    }

    @Test("a 418 ban refuses every request until it ends")
    func banRefusesEverythingUntilItEnds() async throws {
        try await LoopbackHarness.with(faults: LoopbackFaults(ban: .init(retryAfterSeconds: 2, afterRequests: 1))) { venue in
            #expect(try await venue.request(.GET, "/fapi/v1/ping").status == 200)
            let banned = try await venue.request(.GET, "/fapi/v1/time")
            #expect(banned.status == 418)
            #expect(banned.code == -1003)
            #expect(banned.headers["retry-after"] == "2")
            let until = venue.wallMs.value + 2_000
            #expect((banned.object["msg"] as? String)?.hasPrefix("Way too many requests; IP banned until \(until).") == true)
            venue.wallMs.withLock { $0 += 1_000 }
            let stillBanned = try await venue.request(.GET, "/fapi/v2/balance", query: venue.signed([]))
            #expect(stillBanned.status == 418)
            #expect(stillBanned.headers["retry-after"] == "1")
            venue.wallMs.withLock { $0 += 1_000 }
            #expect(try await venue.request(.GET, "/fapi/v1/ping").status == 200)
        }
    }
}
