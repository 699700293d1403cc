import Foundation
import Testing
@testable import HedgeCore

@Suite("Routing: router policy, parameters and book top")
struct RoutingPolicyTests {
    private func dec(_ string: String) throws -> Decimal {
        try #require(Decimal(venueString: string))
    }

    @Test("a policy decodes from snake_case keys and encodes back to them")
    func snakeCaseRoundTrip() throws {
        let json = #"{"maker_first": false, "taker_bias": 0.8, "offset_bps": 1.5, "tier": "T1"}"#
        let policy = try JSONDecoder().decode(RouterPolicy.self, from: Data(json.utf8))
        #expect(policy == RouterPolicy(makerFirst: false, takerBias: 0.8, offsetBps: 1.5, tier: .t1))
        let encoded = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(policy)) as? [String: Any])
        #expect(Set(encoded.keys) == ["maker_first", "taker_bias", "offset_bps", "tier"])
    }

    @Test("a policy with a missing key does not decode")
    func missingKeyFails() {
        let json = #"{"maker_first": true, "taker_bias": 0.2, "tier": "T2"}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RouterPolicy.self, from: Data(json.utf8))
        }
    }

    @Test("the default policy rests first, leans maker, sits half a bps back and assumes T3")
    func defaultPolicy() {
        #expect(RouterPolicy.default == RouterPolicy(makerFirst: true, takerBias: 0.25, offsetBps: 0.5, tier: .t3))
        var problems = ConfigProblems()
        RouterPolicy.default.validate(file: "config/router.json", keyPath: "default", into: &problems)
        #expect(problems.isEmpty)
    }

    @Test("validation reports every out-of-range value with its key path")
    func validationCollectsAll() {
        var problems = ConfigProblems()
        RouterPolicy(makerFirst: true, takerBias: 1.5, offsetBps: -2, tier: .t1)
            .validate(file: "config/router.json", keyPath: "symbols.BTCUSDT", into: &problems)
        #expect(problems.all.map(\.description) == [
            "config/router.json: symbols.BTCUSDT.taker_bias: must be in [0, 1], got 1.5",
            "config/router.json: symbols.BTCUSDT.offset_bps: must be ≥ 0, got -2",
        ])
    }

    @Test("the slippage budget grows from T1 to T3", arguments: [(Tier.t1, 5.0), (.t2, 15.0), (.t3, 30.0)])
    func slippageBudget(tier: Tier, bps: Double) {
        #expect(RoutingParameters.default.slippageBudget.maxSlippageBps(for: tier) == bps)
    }

    @Test("mid and spread come from the touch, the spread in bps of mid")
    func bookMidAndSpread() throws {
        let book = BookTop(bidPrice: try dec("99.99"), bidQuantity: 3, askPrice: try dec("100.01"), askQuantity: 2)
        #expect(book.isValid)
        #expect(book.mid == 100)
        #expect(book.spread == (try dec("0.02")))
        let spreadBps = try #require(book.spreadBps)
        #expect(abs(spreadBps - 2) < 1e-12)
        #expect(book.touch(for: .buy) == (try dec("100.01")))
        #expect(book.touch(for: .sell) == (try dec("99.99")))
        #expect(book.near(for: .buy) == (try dec("99.99")))
        #expect(book.near(for: .sell) == (try dec("100.01")))
    }

    @Test("a locked, crossed or empty book is not valid and has no spread in bps", arguments: [
        ("100", "100"), ("100.1", "100"), ("0", "100"), ("-1", "100"),
    ])
    func invalidBooks(bid: String, ask: String) throws {
        let book = BookTop(bidPrice: try dec(bid), bidQuantity: 1, askPrice: try dec(ask), askQuantity: 1)
        #expect(!book.isValid)
        #expect(book.spreadBps == nil)
    }
}
