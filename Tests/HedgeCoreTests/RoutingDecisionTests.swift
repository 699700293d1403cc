import Foundation
import Testing
@testable import HedgeCore

@Suite("Routing: maker-or-taker decision and taker slippage guard")
struct RoutingDecisionTests {
    private static func dec(_ string: String) throws -> Decimal {
        try #require(Decimal(venueString: string))
    }

    private static func book(_ bid: String, _ ask: String) throws -> BookTop {
        BookTop(bidPrice: try dec(bid), bidQuantity: 1, askPrice: try dec(ask), askQuantity: 1)
    }

    private static func filters(tick: String = "0.1") throws -> VenueFilters {
        try #require(VenueFilters(
            symbol: "BTCUSDT", tickSize: tick, minPrice: "0", maxPrice: "0",
            stepSize: "0.001", minQty: "0.001", maxQty: "1000", minNotional: "5"))
    }

    private static func policy(makerFirst: Bool = true, takerBias: Double = 0.25, offsetBps: Double = 1) -> RouterPolicy {
        RouterPolicy(makerFirst: makerFirst, takerBias: takerBias, offsetBps: offsetBps, tier: .t1)
    }

    @Test("an immediate order takes even when the policy is maker first")
    func urgentTakes() throws {
        let choice = decideExecution(policy: Self.policy(), book: try Self.book("100", "101"), side: .buy,
                                     filters: try Self.filters(), urgency: .immediate)
        #expect(choice == .taker(reason: .urgent))
    }

    @Test("a policy that is not maker first takes")
    func makerDisabledTakes() throws {
        let choice = decideExecution(policy: Self.policy(makerFirst: false), book: try Self.book("100", "101"),
                                     side: .sell, filters: try Self.filters())
        #expect(choice == .taker(reason: .makerDisabled))
    }

    @Test("an invalid book cannot be rested on", arguments: [("100", "100"), ("101", "100"), ("0", "100")])
    func invalidBookTakes(bid: String, ask: String) throws {
        let choice = decideExecution(policy: Self.policy(), book: try Self.book(bid, ask), side: .buy, filters: try Self.filters())
        #expect(choice == .taker(reason: .invalidBook))
    }

    @Test("a taker-leaning policy takes when the spread is one tick")
    func tightByTicks() throws {
        let book = try Self.book("94230.2", "94230.3")
        let choice = decideExecution(policy: Self.policy(takerBias: 0.5), book: book, side: .buy, filters: try Self.filters())
        guard case .taker(.tightSpread(let spreadBps, let bias)) = choice else {
            Issue.record("expected a tight-spread taker, got \(choice)")
            return
        }
        #expect(bias == 0.5)
        #expect(abs(spreadBps - 0.0106122) < 1e-6)
    }

    @Test("a taker-leaning policy takes when the spread is within the bps threshold though many ticks wide")
    func tightByBps() throws {
        // Spread 0.008 on 100 is 0.8 bps: 8 ticks of 0.001, but under the 1 bps default.
        let book = try Self.book("99.996", "100.004")
        let choice = decideExecution(policy: Self.policy(takerBias: 0.9), book: book, side: .sell, filters: try Self.filters(tick: "0.001"))
        #expect(choice == .taker(reason: .tightSpread(spreadBps: 0.8, takerBias: 0.9)))
    }

    @Test("a spread exactly at the bps threshold counts as tight")
    func tightAtBoundary() throws {
        let book = try Self.book("99.995", "100.005") // exactly 1 bps of mid 100
        let choice = decideExecution(policy: Self.policy(takerBias: 0.5), book: book, side: .buy, filters: try Self.filters(tick: "0.001"))
        #expect(choice == .taker(reason: .tightSpread(spreadBps: 1, takerBias: 0.5)))
    }

    @Test("a taker-leaning policy still rests when the spread is wide")
    func wideSpreadRests() throws {
        let book = try Self.book("100", "100.5")
        let choice = decideExecution(policy: Self.policy(takerBias: 1, offsetBps: 2.5), book: book, side: .buy, filters: try Self.filters())
        #expect(choice == .maker(price: try Self.dec("99.9"), offsetBps: 2.5))
    }

    @Test("a maker-leaning policy rests even on a one-tick spread", arguments: Side.allCases)
    func lowBiasRests(side: Side) throws {
        let book = try Self.book("94230.2", "94230.3")
        let choice = decideExecution(policy: Self.policy(takerBias: 0.49, offsetBps: 0), book: book, side: side, filters: try Self.filters())
        #expect(choice == .maker(price: book.near(for: side), offsetBps: 0))
    }

    @Test("the thresholds are parameters, not literals")
    func parametersMatter() throws {
        let book = try Self.book("100", "100.5") // 5 ticks, ~50 bps
        let loose = RoutingParameters(highTakerBias: 0.2, tightSpreadTicks: 5)
        let choice = decideExecution(policy: Self.policy(takerBias: 0.25), book: book, side: .buy,
                                     filters: try Self.filters(), parameters: loose)
        guard case .taker(.tightSpread) = choice else {
            Issue.record("expected a tight-spread taker, got \(choice)")
            return
        }
    }

    @Test("with no positive resting price the decision falls to taker")
    func noMakerPriceTakes() throws {
        let choice = decideExecution(policy: Self.policy(offsetBps: 0), book: try Self.book("0.5", "3"), side: .buy,
                                     filters: try Self.filters(tick: "1"))
        #expect(choice == .taker(reason: .noMakerPrice))
    }

    @Test("a taker order within the budget is allowed, with the touch as expected price", arguments: [
        (Side.buy, "100.1"), (.sell, "99.9"),
    ])
    func guardAllows(side: Side, touch: String) throws {
        let verdict = checkTakerSlippage(side: side, book: try Self.book("99.9", "100.1"), maxSlippageBps: 10)
        #expect(verdict == .allowed(expectedPrice: try Self.dec(touch), expectedSlippageBps: 10))
        #expect(verdict.isAllowed)
    }

    @Test("a touch beyond the budget is refused with the computed bps", arguments: Side.allCases)
    func guardRefuses(side: Side) throws {
        let book = try Self.book("99.9", "100.1")
        let verdict = checkTakerSlippage(side: side, book: book, maxSlippageBps: 9.99)
        #expect(verdict == .refused(expectedPrice: book.touch(for: side), expectedSlippageBps: 10, maxSlippageBps: 9.99))
        #expect(!verdict.isAllowed)
    }

    @Test("the guard refuses an invalid book and a NaN budget")
    func guardRefusesBadInput() throws {
        #expect(checkTakerSlippage(side: .buy, book: try Self.book("100", "100"), maxSlippageBps: 50) == .invalidBook)
        #expect(!checkTakerSlippage(side: .buy, book: try Self.book("99.9", "100.1"), maxSlippageBps: .nan).isAllowed)
    }

    @Test("the guard takes its budget from the policy's tier", arguments: [(Tier.t1, false), (.t2, true), (.t3, true)])
    func guardUsesTierBudget(tier: Tier, allowed: Bool) throws {
        // Half-spread of 10 bps: over T1's 5, within T2's 15 and T3's 30.
        let policy = RouterPolicy(makerFirst: true, takerBias: 0, offsetBps: 0, tier: tier)
        let verdict = checkTakerSlippage(side: .buy, book: try Self.book("99.9", "100.1"), policy: policy)
        #expect(verdict.isAllowed == allowed)
    }
}
