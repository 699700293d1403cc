import Foundation
import HedgeCore
@testable import HedgeExchange
@testable import HedgeVenueServer
import Testing

/// Where and how a Coinbase daemon connects in each mode, decided before anything connects.
@Suite struct CoinbaseLaunchPlanTests {
    static let credentials = CoinbaseCredentials.generated(keyName: "organizations/plan/apiKeys/test")
    static let keyed = [CoinbaseCredentials.apiKeyVariable: credentials.keyName, CoinbaseCredentials.apiSecretVariable: credentials.privateKeyPEM]

    static func resolve(_ mode: RunMode, _ environment: [String: String], baseURL: String? = nil) throws(VenueLaunchError) -> CoinbaseLaunchPlan {
        try CoinbaseLaunchPlan.resolve(mode: mode, settings: .defaults, environment: environment, baseURL: baseURL)
    }

    @Test func dryRunReadsCoinbaseWithOrWithoutAKey() throws {
        let plan = try Self.resolve(.dryRun, [:])
        #expect(plan.orderPolicy == .dryRun)
        #expect(plan.credentials == nil)
        #expect(plan.restURL == "https://api.coinbase.com")
        #expect(plan.userStreamURL == "wss://advanced-trade-ws-user.coinbase.com")
        #expect(try Self.resolve(.dryRun, Self.keyed).credentials?.keyName == Self.credentials.keyName)
    }

    @Test func testnetIsTheLoopbackAndNeedsAKey() throws {
        #expect(throws: VenueLaunchError.self) { try Self.resolve(.testnet, Self.keyed) }
        #expect(throws: VenueLaunchError.self) { try Self.resolve(.testnet, [:], baseURL: "http://127.0.0.1:8080") }
        let plan = try Self.resolve(.testnet, Self.keyed, baseURL: "http://127.0.0.1:8080/")
        #expect(plan.orderPolicy == .send)
        #expect(plan.restURL == "http://127.0.0.1:8080")
        #expect(plan.marketStreamURL == "ws://127.0.0.1:8080/ws")
        #expect(plan.userStreamURL == "ws://127.0.0.1:8080/ws/user")
    }

    @Test func liveNeedsAllowProdWriteAKeyAndTLS() throws {
        #expect(throws: VenueLaunchError.liveNotAllowed("live mode refused: set ALLOW_PROD_WRITE=1 to let Hedge send real orders")) {
            try Self.resolve(.live, Self.keyed)
        }
        var allowed = Self.keyed
        allowed["ALLOW_PROD_WRITE"] = "1"
        #expect(throws: VenueLaunchError.self) { try Self.resolve(.live, ["ALLOW_PROD_WRITE": "1"]) }
        #expect(throws: VenueLaunchError.insecureEndpoint(
            "live mode refused: the REST URL http://127.0.0.1:9 is not https:// (plain http:// and ws:// are for the loopback venue only)")) {
            try Self.resolve(.live, allowed, baseURL: "http://127.0.0.1:9")
        }
        #expect(try Self.resolve(.live, allowed).orderPolicy == .send)
        #expect(throws: VenueLaunchError.self) { try Self.resolve(.paper, allowed) }
    }
}

/// Five-minute candles from one-minute bars, as the loopback's candles channel builds them.
@Suite struct CandleBucketsShapeTests {
    @Test func theLastMinuteOfABucketClosesIt() {
        let minute: Int64 = 60_000
        let start: Int64 = 1_735_689_600_000
        var bars: [Bar] = []
        for index in 0..<7 {
            let offset = Double(index)
            bars.append(Bar(openTimeMs: start + Int64(index) * minute, open: 100 + offset, high: 110 + offset, low: 90 - offset,
                            close: 101 + offset, volume: 1))
        }
        let closed = CandleBuckets.aggregate(bars, lengthMs: minute)
        #expect(closed == [Bar(openTimeMs: start, open: 100, high: 114, low: 86, close: 105, volume: 5)])
    }
}
