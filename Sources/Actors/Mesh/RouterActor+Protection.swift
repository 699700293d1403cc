import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// Protective exits on the venue, as the backtest places them: once an entry order ends with a
/// fill, its leg gets a `STOP_MARKET` at the signal's stop and a `TAKE_PROFIT_MARKET` at its
/// take-profit, each closing the whole leg (hedge mode: the opposite side on the same position
/// side; one-way: reduce-only), triggered on the mark price. A second entry fill re-sizes them.
/// When the leg goes flat (a stop, a take-profit, a reduction) the router cancels what is left of
/// them. `ensureProtection()`, run by the order-timeouts job, places them again for any held leg
/// whose orders are gone (after a reconnect, a restart, or a cancel at the venue), at most once per
/// `protectionRetryMs` per leg.
extension RouterActor {
    /// The protective orders of one leg, by client order id.
    struct LegProtection: Sendable, Hashable {
        var stopId: String?
        var takeProfitId: String?
        /// The quantity they close.
        var quantity: Decimal
        /// When they were last (re)placed, monotonic ms: a leg whose placement fails is retried
        /// no sooner than `protectionRetryMs` after.
        var placedAtMs: Int64

        var ids: [String] { [stopId, takeProfitId].compactMap { $0 } }
    }

    /// How long a leg whose protective orders are missing waits between placements.
    static let protectionRetryMs: Int64 = 30_000

    /// The exit a filled protective order records for its round trip.
    static func exitReason(for type: VenueOrderType) -> String? {
        switch type {
        case .stopMarket: "stop"
        case .takeProfitMarket: "take_profit"
        case .market, .limit: nil
        }
    }

    static func protectionKey(_ symbol: String, _ leg: PositionSide) -> String { "\(symbol)|\(leg.rawValue)" }

    /// The client ids of every protective order working now.
    public func protectiveOrderIds() -> [String] {
        protections.values.flatMap(\.ids).filter { unfinished.contains($0) }.sorted()
    }

    /// Places the leg's protective orders for what it holds now, replacing any working ones of
    /// another size. Nothing when the leg is flat, has neither a stop nor a take-profit, or the
    /// router is draining.
    func protect(symbol: String, leg: PositionSide) async {
        guard !draining, let open = tracker.openLeg(symbol: symbol, leg: leg), open.stopPrice != nil || open.takeProfitPrice != nil,
              let venueFilters = filters[symbol], let held = ExitPlan.closingQuantity(held: open.quantity, filters: venueFilters)
        else { return }
        let key = Self.protectionKey(symbol, leg)
        if let current = protections[key] {
            let working = current.ids.filter { unfinished.contains($0) }
            if current.quantity == held, working.count == current.ids.count { return }
            // Re-sized or partly gone: the old ones go before the new ones are placed, so the
            // leg is never closed twice over.
            for id in working { await cancel(id) }
        }
        var protection = LegProtection(quantity: held, placedAtMs: time.monotonicMs())
        var triggers = ExitPlan.triggers(leg: leg, stopPrice: open.stopPrice, takeProfitPrice: open.takeProfitPrice, filters: venueFilters)
        // A spot venue holds the base of each resting sell: one exit rests (the stop when there
        // is one); the take-profit is watched by the router (`takeProfitOnSpot`).
        if spotVenue, triggers.count > 1 { triggers = triggers.filter { $0.kind == .stop } }
        for trigger in triggers {
            // The stop may have filled at once (the market was already past it): nothing left to protect.
            guard tracker.openLeg(symbol: symbol, leg: leg) != nil else { continue }
            let type: VenueOrderType = trigger.kind == .stop ? .stopMarket : .takeProfitMarket
            let request = VenueOrderRequest(clientOrderId: ids.next(), symbol: symbol, side: ExitPlan.closingSide(leg),
                                            positionSide: hedgeMode ? leg : nil, type: type, quantity: held,
                                            stopPrice: trigger.price, reduceOnly: !hedgeMode)
            if type == .stopMarket { protection.stopId = request.clientOrderId } else { protection.takeProfitId = request.clientOrderId }
            protections[key] = protection
            await place(request, intentId: nil, strategy: open.strategy, leg: leg, opening: false, route: .taker, fallback: false,
                        mid: books[symbol]?.mid)
        }
        logger.info("protective orders placed", metadata: [
            "symbol": "\(symbol)", "leg": "\(leg.rawValue)", "qty": "\(held)",
            "stop": "\(open.stopPrice.map { "\($0)" } ?? "none")", "take_profit": "\(open.takeProfitPrice.map { "\($0)" } ?? "none")"])
    }

    /// Closes what the leg holds at market now, its round trip recorded with `reason` (a trigger
    /// the market was already past, a max-hold exit). Nothing when flat or draining, or while a
    /// close of the leg is already working.
    func exitAtMarket(symbol: String, leg: PositionSide, reason: String) async {
        guard !draining, let open = tracker.openLeg(symbol: symbol, leg: leg), let venueFilters = filters[symbol],
              let held = ExitPlan.closingQuantity(held: open.quantity, filters: venueFilters) else { return }
        let closing = unfinished.contains { id in
            orders[id].map { !$0.opening && $0.symbol == symbol && $0.leg == leg && $0.triggerPrice == nil } ?? false
        }
        guard !closing else { return }
        logger.notice("leg closed at market", metadata: ["symbol": "\(symbol)", "leg": "\(leg.rawValue)", "qty": "\(held)", "reason": "\(reason)"])
        let request = VenueOrderRequest(clientOrderId: ids.next(), symbol: symbol, side: ExitPlan.closingSide(leg),
                                        positionSide: hedgeMode ? leg : nil, type: .market, quantity: held, reduceOnly: !hedgeMode)
        await place(request, intentId: nil, strategy: open.strategy, leg: leg, opening: false, route: .taker, fallback: false,
                    mid: books[symbol]?.mid, exitReason: reason)
    }

    /// The strategies' longest holds (`max_hold_minutes`, in ms), from `strategy_config.json`.
    public func configureMaxHold(_ byStrategy: [String: Int64]) {
        maxHoldMs = byStrategy
    }

    /// Closes at market every leg held past its strategy's max hold: in market time since its
    /// opening fill (what a replay faster than real time runs on), or, when that is unknown (a leg
    /// from before a restart), on the wall clock since it opened. Run by the order-timeouts job.
    func closeLegsPastMaxHold() async {
        guard !draining else { return }
        let wallNow = time.nowMs()
        for open in tracker.openLegStates {
            guard let maxHold = maxHoldMs[open.strategy] else { continue }
            let past = if let openedAt = legOpenedAtMarketMs[Self.protectionKey(open.symbol, open.leg)] {
                ExitPlan.isPastMaxHold(openedAtMs: openedAt, nowMs: marketTimeMs, maxHoldMs: maxHold)
            } else {
                ExitPlan.isPastMaxHold(openedAtMs: open.openedAtMs, nowMs: wallNow, maxHoldMs: maxHold)
            }
            guard past else { continue }
            await exitAtMarket(symbol: open.symbol, leg: open.leg, reason: "max_hold")
        }
    }

    /// The leg went flat: what is left of its protective orders is canceled (`except` the order
    /// whose fill closed it).
    func unprotect(symbol: String, leg: PositionSide, except closingId: String?) async {
        guard let protection = protections.removeValue(forKey: Self.protectionKey(symbol, leg)) else { return }
        for id in protection.ids where id != closingId && unfinished.contains(id) {
            await cancel(id)
        }
    }

    /// Places protective orders for every held leg that should have them and has none working:
    /// after a reconnect or a restart, or when the venue canceled them. Run by the order-timeouts
    /// job.
    func ensureProtection() async {
        guard !draining else { return }
        let now = time.monotonicMs()
        for open in tracker.openLegStates where open.stopPrice != nil || open.takeProfitPrice != nil {
            let key = Self.protectionKey(open.symbol, open.leg)
            if let current = protections[key] {
                let missing = current.ids.isEmpty || current.ids.contains { !unfinished.contains($0) }
                guard missing, now - current.placedAtMs >= Self.protectionRetryMs else { continue }
                logger.warning("protective orders missing for a held leg; placing them again", metadata: [
                    "symbol": "\(open.symbol)", "leg": "\(open.leg.rawValue)"])
            }
            // An entry still working will protect the leg when it ends.
            guard !unfinished.contains(where: { orders[$0].map { $0.opening && $0.symbol == open.symbol && $0.leg == open.leg } ?? false })
            else { continue }
            await protect(symbol: open.symbol, leg: open.leg)
        }
    }

    /// A resumed order (after a restart) that is a protective one is counted as its leg's.
    func adoptProtection(clientOrderId id: String, symbol: String, leg: PositionSide, type: VenueOrderType, quantity: Decimal) {
        let key = Self.protectionKey(symbol, leg)
        var protection = protections[key] ?? LegProtection(quantity: quantity, placedAtMs: time.monotonicMs())
        switch type {
        case .stopMarket: protection.stopId = id
        case .takeProfitMarket: protection.takeProfitId = id
        case .market, .limit: return
        }
        protections[key] = protection
    }
}
