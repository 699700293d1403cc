import Foundation
import Testing
@testable import HedgeCore

/// One post-only-first sequence: the policy, the attempt outcomes, and the step the last one
/// must produce.
struct FallbackScript: Sendable, CustomTestStringConvertible {
    var rule: String
    var policy: RouterPolicy = .default
    var quantity: Decimal = 1
    var outcomes: [MakerAttemptOutcome]
    /// The book the last step is priced on; the normal book otherwise.
    var lastBook: BookTop = OrderMakerFallbackPlanTests.book
    var expected: MakerFallbackStep
    var testDescription: String { rule }
}

@Suite("Orders: the maker-first fallback plan")
struct OrderMakerFallbackPlanTests {
    /// Bid 100, ask 100.5: wide enough that the default policy rests; a BUY taker pays
    /// 0.25 / 100.25 ≈ 24.9 bps over mid (inside T3's 30 bps, outside T1's 5 bps).
    static let book = BookTop(bidPrice: 100, bidQuantity: 5, askPrice: Decimal(1005) / 10, askQuantity: 5)
    static let crossedBook = BookTop(bidPrice: 101, bidQuantity: 5, askPrice: 100, askQuantity: 5)
    static let takerBps = checkTakerSlippage(side: .buy, book: book, maxSlippageBps: 30)
    static let filters = VenueFilters(
        symbol: "BTCUSDT", price: PriceFilter(tickSize: Decimal(1) / 10, minPrice: 0, maxPrice: 0),
        lot: LotSizeFilter(stepSize: Decimal(1) / 1000, minQty: Decimal(1) / 1000, maxQty: 1000), minNotional: 5)
    static let bid = Decimal(100)
    static let belowBid = Decimal(999) / 10

    static var expectedTakerBps: Double {
        if case .allowed(_, let bps) = takerBps { return bps }
        return .nan
    }

    @Test("each outcome leads to the documented next step", arguments: [
        FallbackScript(rule: "the first attempt rests 0.5 bps behind the bid", outcomes: [],
                       expected: .postOnly(attempt: 0, price: belowBid, offsetBps: 0.5, quantity: 1)),
        FallbackScript(rule: "a timed-out attempt is re-priced closer (0.25 bps)", outcomes: [.timedOut],
                       expected: .postOnly(attempt: 1, price: belowBid, offsetBps: 0.25, quantity: 1)),
        FallbackScript(rule: "a would-cross expiry is re-priced; the last attempt joins the bid", outcomes: [.timedOut, .expiredWouldCross],
                       expected: .postOnly(attempt: 2, price: bid, offsetBps: 0, quantity: 1)),
        FallbackScript(rule: "after the last post-only attempt the plan takes within the guard",
                       outcomes: [.timedOut, .expiredWouldCross, .timedOut],
                       expected: .take(quantity: 1, expectedPrice: Decimal(1005) / 10, expectedSlippageBps: expectedTakerBps, reason: nil)),
        FallbackScript(rule: "the guard refusing the fallback gives up with the figures",
                       policy: RouterPolicy(makerFirst: true, takerBias: 0.25, offsetBps: 0.5, tier: .t1),
                       outcomes: [.timedOut, .timedOut, .timedOut],
                       expected: .giveUp(.slippageRefused(expectedSlippageBps: expectedTakerBps, maxSlippageBps: 5))),
        FallbackScript(rule: "a broken book at fallback time gives up", outcomes: [.timedOut, .timedOut, .timedOut],
                       lastBook: crossedBook, expected: .giveUp(.invalidBook)),
        FallbackScript(rule: "a partial fill retries only the remainder", outcomes: [.partiallyFilled(quantity: Decimal(4) / 10)],
                       expected: .postOnly(attempt: 1, price: belowBid, offsetBps: 0.25, quantity: Decimal(6) / 10)),
        FallbackScript(rule: "a partial fill on the last attempt falls back with the remainder",
                       outcomes: [.timedOut, .timedOut, .partiallyFilled(quantity: Decimal(4) / 10)],
                       expected: .take(quantity: Decimal(6) / 10, expectedPrice: Decimal(1005) / 10, expectedSlippageBps: expectedTakerBps, reason: nil)),
        FallbackScript(rule: "a complete fill is done", outcomes: [.timedOut, .filled], expected: .done(unfilledQuantity: 0)),
        FallbackScript(rule: "partials adding up to the quantity are done", outcomes: [.partiallyFilled(quantity: 1)],
                       expected: .done(unfilledQuantity: 0)),
        FallbackScript(rule: "a remainder below the minimum quantity is left", quantity: Decimal(15) / 10_000,
                       outcomes: [.partiallyFilled(quantity: Decimal(1) / 1000)], expected: .done(unfilledQuantity: Decimal(5) / 10_000)),
        FallbackScript(rule: "a rejection re-pricing cannot fix stops", outcomes: [.rejected(reason: "-4164 notional")],
                       expected: .giveUp(.rejected(reason: "-4164 notional"))),
        FallbackScript(rule: "a taker-only policy takes at once, saying why",
                       policy: RouterPolicy(makerFirst: false, takerBias: 0.25, offsetBps: 0.5, tier: .t3), outcomes: [],
                       expected: .take(quantity: 1, expectedPrice: Decimal(1005) / 10, expectedSlippageBps: expectedTakerBps, reason: .makerDisabled)),
    ])
    func step(script: FallbackScript) {
        var plan = MakerFallbackPlan(side: .buy, quantity: script.quantity, policy: script.policy, filters: Self.filters)
        var step = plan.start(book: script.outcomes.isEmpty ? script.lastBook : Self.book)
        for (index, outcome) in script.outcomes.enumerated() {
            step = plan.next(after: outcome, book: index == script.outcomes.count - 1 ? script.lastBook : Self.book)
        }
        #expect(step == script.expected)
    }

    @Test("a finished plan repeats its final step and records the fallback")
    func finishedRepeats() {
        var plan = MakerFallbackPlan(side: .buy, quantity: 1, policy: .default, filters: Self.filters)
        _ = plan.start(book: Self.book)
        _ = plan.next(after: .timedOut, book: Self.book)
        _ = plan.next(after: .timedOut, book: Self.book)
        let take = plan.next(after: .timedOut, book: Self.book)
        #expect(plan.isFinished && plan.fellBackToTaker && plan.postOnlyAttempts == 3)
        #expect(plan.next(after: .filled, book: Self.book) == take)
        #expect(plan.start(book: Self.book) == take)
    }

    @Test("a SELL rests above the ask and falls back to the bid")
    func sellSide() {
        var plan = MakerFallbackPlan(side: .sell, quantity: 1, policy: .default, filters: Self.filters,
                                     parameters: RoutingParameters(maxPostOnlyAttempts: 1))
        #expect(plan.start(book: Self.book) == .postOnly(attempt: 0, price: Decimal(1006) / 10, offsetBps: 0.5, quantity: 1))
        guard case .take(_, let price, _, nil) = plan.next(after: .expiredWouldCross, book: Self.book) else {
            Issue.record("expected a taker fallback")
            return
        }
        #expect(price == 100)
    }
}
