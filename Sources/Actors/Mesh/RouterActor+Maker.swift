import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// The maker path of an entry: post-only first (`MakerFallbackPlan`, the Core plan), an attempt
/// that rests past `RoutingParameters.makerAttemptMs` canceled and re-priced up to
/// `maxPostOnlyAttempts`, then a taker order only inside the tier's slippage budget and on a quote
/// younger than `maxQuoteAgeMs`, or the entry abandoned. Every outcome is logged with its reason
/// and counted in `router_health.json` `maker`.
extension RouterActor {
    /// A maker-first entry in progress: its plan, what its orders serve, and the attempt's clock.
    struct MakerEntry: Sendable {
        var plan: MakerFallbackPlan
        var intentId: String
        var symbol: String
        var leg: PositionSide
        var strategy: String
        /// When the attempt was placed (monotonic ms).
        var placedAtMs: Int64
        /// The market time when it was placed (venue epoch ms).
        var placedAtMarketMs: Int64 = 0
        /// The attempt's place among all orders sent (stale attempts are canceled in this order).
        var sequence = 0
        /// True once the router canceled the attempt for resting past its window.
        var canceledForTimeout = false
        /// True when the venue refused the attempt because it would have crossed (Binance -5022).
        var wouldCross = false
    }

    /// `router_health.json` `maker`: how maker entries ended.
    public struct MakerCounts: Sendable, Hashable, Encodable {
        /// Post-only attempts after the first (each re-priced against the fresh book).
        public var repriced = 0
        /// Attempts canceled for resting past `makerAttemptMs`.
        public var timedOut = 0
        /// Entries that fell back to a taker order inside the slippage budget.
        public var takerFallbacks = 0
        /// Entries given up, by reason (`slippage`, `stale_quote`, `invalid_book`, `rejected`,
        /// `canceled_at_venue`).
        public var abandoned: [String: Int] = [:]

        enum CodingKeys: String, CodingKey {
            case repriced, abandoned
            case timedOut = "timed_out"
            case takerFallbacks = "taker_fallbacks"
        }
    }

    /// Starts the maker path of an opening order: the plan's first step on `quoted`.
    func startMakerEntry(intentId: String, symbol: String, side: Side, leg: PositionSide, quantity: Decimal, strategy: String,
                         filters venueFilters: VenueFilters, quoted: QuotedBook) async {
        var plan = MakerFallbackPlan(side: side, quantity: quantity, policy: policy(for: symbol), filters: venueFilters, parameters: routing)
        let step = plan.start(book: quoted.book)
        let entry = MakerEntry(plan: plan, intentId: intentId, symbol: symbol, leg: leg, strategy: strategy, placedAtMs: time.monotonicMs())
        await execute(step, entry, mid: quoted.mid)
    }

    /// Carries out one step of an entry's plan.
    private func execute(_ step: MakerFallbackStep, _ entry: MakerEntry, mid: Decimal?) async {
        var entry = entry
        switch step {
        case .postOnly(let attempt, let price, let offsetBps, let quantity):
            let request = VenueOrderRequest(
                clientOrderId: ids.next(), symbol: entry.symbol, side: entry.plan.side, positionSide: hedgeMode ? entry.leg : nil,
                type: .limit, quantity: quantity, price: price, timeInForce: .gtx)
            if attempt > 0 {
                makerCounts.repriced += 1
                logger.info("maker entry re-priced", metadata: [
                    "symbol": "\(entry.symbol)", "intent": "\(entry.intentId)", "attempt": "\(attempt + 1)", "price": "\(price)",
                    "offset_bps": "\(fixedPoint(offsetBps, 2))"])
            }
            entry.placedAtMs = time.monotonicMs()
            entry.placedAtMarketMs = marketTimeMs
            entry.canceledForTimeout = false
            entry.wouldCross = false
            entry.sequence = ids.count
            makerEntries[request.clientOrderId] = entry
            await place(request, intentId: entry.intentId, strategy: entry.strategy, leg: entry.leg, opening: true, route: .maker,
                        fallback: attempt > 0, mid: mid)
        case .take(let quantity, let expectedPrice, let expectedSlippageBps, let reason):
            let fallback = reason == nil
            if fallback {
                // A fallback takes only on a fresh touch: the guard judged the book as it is now.
                guard let quoted = books[entry.symbol], quoteAgeMs(quoted) <= routing.maxQuoteAgeMs else {
                    abandon(entry, reason: "stale_quote", detail: "no quote younger than \(routing.maxQuoteAgeMs) ms")
                    return
                }
                makerCounts.takerFallbacks += 1
                logger.info("maker entry falls back to taker inside the slippage budget", metadata: [
                    "symbol": "\(entry.symbol)", "intent": "\(entry.intentId)", "expected_price": "\(expectedPrice)",
                    "expected_slippage_bps": "\(fixedPoint(expectedSlippageBps, 2))"])
            }
            let request = VenueOrderRequest(
                clientOrderId: ids.next(), symbol: entry.symbol, side: entry.plan.side, positionSide: hedgeMode ? entry.leg : nil,
                type: .market, quantity: quantity)
            await place(request, intentId: entry.intentId, strategy: entry.strategy, leg: entry.leg, opening: true, route: .taker,
                        fallback: fallback, mid: books[entry.symbol]?.mid ?? mid)
        case .done(let unfilled):
            if unfilled > 0 {
                logger.info("maker entry done; the rest is below the venue's minimum", metadata: [
                    "symbol": "\(entry.symbol)", "intent": "\(entry.intentId)", "unfilled": "\(unfilled)"])
            }
        case .giveUp(let reason):
            switch reason {
            case .slippageRefused(let bps, let maxBps):
                abandon(entry, reason: "slippage", detail: "touch \(fixedPoint(bps, 2)) bps beyond mid, budget \(fixedPoint(maxBps, 2)) bps")
            case .invalidBook:
                abandon(entry, reason: "invalid_book", detail: "the book is locked, crossed or empty")
            case .rejected(let why):
                abandon(entry, reason: "rejected", detail: why)
            }
        }
    }

    /// How old a quote is: behind the newest venue time seen on the market stream when the venue
    /// stamped it (a replay faster than real time ages it at its own pace; a symbol whose quotes
    /// stopped while others flow ages), else since the router received it.
    private func quoteAgeMs(_ quoted: QuotedBook) -> Int64 {
        if let venueTimeMs = quoted.venueTimeMs, marketTimeMs > 0 { return max(0, marketTimeMs - venueTimeMs) }
        return time.monotonicMs() - quoted.receivedAtMs
    }

    private func abandon(_ entry: MakerEntry, reason: String, detail: String) {
        makerCounts.abandoned[reason, default: 0] += 1
        logger.notice("maker entry abandoned", metadata: [
            "symbol": "\(entry.symbol)", "intent": "\(entry.intentId)", "reason": "\(reason)", "detail": "\(detail)",
            "attempts": "\(entry.plan.postOnlyAttempts)"])
    }

    /// A maker attempt `id` finished with `status`: the plan's next step, on the book as it is now.
    func continueMakerEntry(after id: String, status: OrderStatus, reason: String?) async {
        guard let entry = makerEntries.removeValue(forKey: id), let tracked = orders[id], !draining else { return }
        guard let outcome = MakerAttemptOutcome(status: status, filled: tracked.machine.cumulativeFilled,
                                                canceledForTimeout: entry.canceledForTimeout, refusedForCrossing: entry.wouldCross,
                                                reason: reason) else {
            // Not canceled by this router: a person or the venue stopped it; do not fight that.
            abandon(entry, reason: "canceled_at_venue", detail: reason ?? "canceled")
            return
        }
        var plan = entry.plan
        guard let quoted = books[entry.symbol] else {
            abandon(entry, reason: "invalid_book", detail: "no book for the symbol")
            return
        }
        let step = plan.next(after: outcome, book: quoted.book)
        var next = entry
        next.plan = plan
        await execute(step, next, mid: quoted.mid)
    }

    /// Cancels every maker attempt that rested past `makerAttemptMs`, in market time (what a
    /// replay faster than real time runs on) or on the monotonic clock (a stalled stream), which
    /// ever passes first. Run by the `order_timeouts` job (every second), never from the market
    /// consumer: a cancel is a venue call, and market data must not wait on one.
    func cancelStaleMakerAttempts() async {
        let now = time.monotonicMs()
        let window = routing.makerAttemptMs
        // In the order they were placed: the cancels' re-plans place orders, and the same state
        // must always send them in the same order.
        let stale = makerEntries.filter { _, entry in
            !entry.canceledForTimeout
                && (now - entry.placedAtMs >= window || (entry.placedAtMarketMs > 0 && marketTimeMs - entry.placedAtMarketMs >= window))
        }
        for (id, entry) in stale.sorted(by: { $0.value.sequence < $1.value.sequence }) {
            // A partly filled attempt keeps resting: it holds its queue place and part of the
            // position; the plan continues once it ends.
            guard let tracked = orders[id], !tracked.machine.isTerminal, tracked.machine.venueOrderId != nil,
                  tracked.machine.cumulativeFilled == 0 else { continue }
            makerEntries[id]?.canceledForTimeout = true
            makerCounts.timedOut += 1
            logger.info("maker attempt rested past its window; canceling it", metadata: [
                "symbol": "\(entry.symbol)", "clientOrderId": "\(id)", "window_ms": "\(routing.makerAttemptMs)"])
            await cancel(id)
        }
    }
}
