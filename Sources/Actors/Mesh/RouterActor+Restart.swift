import Foundation
import HedgeCore
import HedgeExchange
import HedgeStore

extension RouterActor {
    /// Continues what an earlier process left: its open round-trip legs (so a close is sized from
    /// them) and its latest order metrics (router health).
    public func restore(openLegs: [RoundTripTracker.LegState], metrics rows: [OrderMetricsRecord]) {
        tracker = RoundTripTracker(restoring: openLegs)
        for row in rows.suffix(retained) { metrics.append(row) }
    }

    /// Takes over an order an earlier run recorded as unfinished. Its machine continues from
    /// the recorded phase and from the fills recorded for it (`fills`: its cumulative and the
    /// trade ids already applied), and never re-sends: an entry decided before a restart must not
    /// go out after it. Reconciliation then asks the venue (`reconcile`).
    public func resume(_ stored: StoredOrder, fills: [StoredFill]) {
        guard orders[stored.clientOrderId] == nil else { return }
        let filled = fills.reduce(Decimal(0)) { $0 + $1.quantity }
        let quote = fills.reduce(Decimal(0)) { $0 + $1.quantity * $1.price }
        let machine = OrderStateMachine(
            resuming: stored.clientOrderId, symbol: stored.symbol, side: stored.side, requestedQuantity: stored.quantity,
            phase: OrderPhase(rawValue: stored.state) ?? .unknown, status: filled > 0 && stored.status == .new ? .partiallyFilled : stored.status,
            cumulativeFilled: filled, cumulativeQuote: quote, venueOrderId: stored.venueOrderId,
            knownTradeIds: Set(fills.map(\.tradeId)), resumedAtMs: time.nowMs(), configuration: OrderStateMachineConfiguration(maxResends: 0))
        orders[stored.clientOrderId] = TrackedOrder(
            machine: machine, intentId: stored.intentId, symbol: stored.symbol, side: stored.side,
            leg: stored.positionSide ?? stored.side.leg(reduceOnly: !stored.opening), opening: stored.opening,
            route: ExecutionRoute(rawValue: stored.route) ?? .taker, fallback: stored.fallback, strategy: stored.strategy,
            decisionMid: nil, limitPrice: stored.price, submittedAtMs: stored.createdAtMs,
            filledQuantity: filled.analyticsDouble)
        orders[stored.clientOrderId]?.orderType = VenueOrderType(rawValue: stored.type)
        if let type = VenueOrderType(rawValue: stored.type), let reason = Self.exitReason(for: type) {
            orders[stored.clientOrderId]?.exitReason = reason
            adoptProtection(clientOrderId: stored.clientOrderId, symbol: stored.symbol,
                            leg: stored.positionSide ?? stored.side.leg(reduceOnly: true), type: type, quantity: stored.quantity)
        }
        resumed.insert(stored.clientOrderId)
        unfinished.insert(stored.clientOrderId)
    }

    /// Resumed orders the venue has not yet answered for.
    public func unresolvedResumedOrders() -> [(clientOrderId: String, symbol: String, createdAtMs: Int64)] {
        resumed.sorted().compactMap { id in orders[id].map { (id, $0.symbol, $0.submittedAtMs) } }
    }

    /// What the venue said about a resumed order.
    public enum ResumeOutcome: Sendable, Hashable {
        /// The venue has it and it matches the store: the router follows it again.
        case adopted
        /// The venue has an order under this id that is not the one recorded (symbol, side or
        /// quantity differ): not adopted.
        case mismatch(String)
        /// The venue does not have it: it never got there, and is closed here.
        case neverReached
    }

    /// Applies the venue's answer for resumed order `id`: first its trades (`trades`, each
    /// applied once by trade id, so fills that happened while the daemon was down are recorded
    /// with their prices and fees), then its current state. `venueOrder` nil means the venue has
    /// no such order.
    public func reconcile(_ id: String, venueOrder: VenueOrder?, trades: [VenueFill]) async -> ResumeOutcome? {
        guard resumed.contains(id), let tracked = orders[id] else { return nil }
        guard let venueOrder else {
            resumed.remove(id)
            await handle(.queryNotFound, for: id)
            return .neverReached
        }
        guard venueOrder.symbol == tracked.symbol, venueOrder.side == tracked.side,
              venueOrder.quantity == tracked.machine.requestedQuantity else {
            resumed.remove(id)
            await handle(.rejected(reason: "reconciliation: the venue's order differs from the store's"), for: id)
            return .mismatch("\(venueOrder.symbol) \(venueOrder.side.rawValue) \(venueOrder.quantity.venueString) at the venue, "
                + "\(tracked.symbol) \(tracked.side.rawValue) \(tracked.machine.requestedQuantity.venueString) in the store")
        }
        resumed.remove(id)
        for trade in trades.sorted(by: { ($0.timeMs, $0.tradeId) < ($1.timeMs, $1.tradeId) }) where trade.orderId == venueOrder.orderId {
            await handle(.update(OrderUpdate(
                clientOrderId: id, status: .partiallyFilled, cumulativeFilled: nil,
                lastFill: TradeReport(quantity: trade.quantity, price: trade.price, feeUSD: trade.feeUSD, liquidity: trade.liquidity,
                                      tradeId: trade.tradeId),
                venueOrderId: venueOrder.orderId, updateTimeMs: trade.timeMs)), for: id)
        }
        await apply(update(from: venueOrder, fill: nil))
        return .adopted
    }

    /// Makes every leg the router tracks hold what the venue says (`positions`), adopting the
    /// venue's entry price for a leg it did not know or knew at another size; legs the venue
    /// does not hold become flat. Returns every leg held afterwards, as `SYMBOL LEG qty`, with
    /// ` (adopted)` on those that changed: an operator reads what the daemon now holds.
    public func adoptPositions(_ positions: [VenuePosition], symbols: [String]) -> [String] {
        let now = time.nowMs()
        var changed = false
        var legs: [String] = []
        var held: [String: VenuePosition] = [:]
        for position in positions { held["\(position.symbol)|\(position.side.rawValue)"] = position }
        let tracked = tracker.openLegStates.map { ($0.symbol, $0.leg) }
        let wanted = Set(symbols).union(positions.map(\.symbol)).union(tracked.map(\.0))
        for symbol in wanted.sorted() {
            for leg in PositionSide.allCases {
                let position = held["\(symbol)|\(leg.rawValue)"]
                let quantity = position?.quantity.analyticsDouble ?? 0
                let adopted = tracker.adopt(symbol: symbol, leg: leg, quantity: quantity, entryPrice: position?.entryPrice.analyticsDouble ?? 0,
                                            timeMs: now)
                changed = changed || adopted
                if quantity != 0 || adopted {
                    legs.append("\(symbol) \(leg.rawValue) \(quantity)" + (adopted ? " (adopted)" : ""))
                }
            }
        }
        if changed { recordLegs() }
        return legs
    }

    /// Applies a trade nobody here recorded: a fill of an order this daemon does not know
    /// (foreign: the leg follows it) or of one of its own finished orders whose fill was lost in
    /// the crash (recorded for history; the leg is set from the venue's positions afterwards).
    public func recover(_ trade: VenueFill, ownOrder: Bool) async {
        if ownOrder {
            record(StoredFill(symbol: trade.symbol, tradeId: trade.tradeId, clientOrderId: trade.clientOrderId, venueOrderId: trade.orderId,
                              side: trade.side, positionSide: trade.positionSide, quantity: trade.quantity, price: trade.price,
                              feeUSD: trade.feeUSD, liquidity: trade.liquidity.rawValue, timeMs: trade.timeMs, runId: ids.runId,
                              foreign: false))
        } else {
            await applyForeignFill(trade)
        }
    }

    /// Client order ids and venue order ids of every order the router holds.
    public func heldOrderIds() -> (client: Set<String>, venue: Set<String>) {
        (Set(orders.keys), Set(orders.values.compactMap(\.machine.venueOrderId)))
    }
}
