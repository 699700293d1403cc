import Foundation
import HedgeCore
import HedgeExchange
import HedgeStore

extension RouterActor {
    /// What the store keeps of an order after each event the router fed its machine: the order's
    /// new phase, status and fill, and the event itself. Nothing for an event the machine ignored,
    /// nor for the send (the journal wrote the row ahead of it).
    func recordProgress(of id: String, event: OrderEvent, actions: [OrderAction]) {
        guard let recording, let tracked = orders[id] else { return }
        if case .submitted = event { return }
        if actions.count == 1, case .ignored = actions[0] { return }
        let machine = tracked.machine
        let now = time.nowMs()
        var reason: String?
        for case .emitClose(_, let closeReason) in actions { reason = closeReason }
        recording.recorder.submit([
            .orderProgress(StoredOrderProgress(
                clientOrderId: id, venueOrderId: machine.venueOrderId, state: machine.phase.rawValue, status: machine.status,
                filledQuantity: machine.cumulativeFilled, filledQuote: machine.cumulativeQuote, updatedAtMs: now, reason: reason)),
            .orderEvent(StoredOrderEvent(clientOrderId: id, kind: event.kind, status: machine.status.rawValue, timeMs: now,
                                         detail: event.detail ?? reason)),
        ])
    }

    /// A fill, recorded once by its trade id (one derived from the cumulative when the venue gave none).
    func record(_ fill: StoredFill) {
        recording?.recorder.submit(.fill(fill))
    }

    /// The open round-trip legs, after a fill changed them.
    func recordLegs() {
        recording?.recorder.submit(.openLegs(tracker.openLegStates))
    }

    func recordClosed(_ trade: ClosedTrade) {
        guard let recording else { return }
        recording.recorder.submit(.closedTrade(runId: recording.runId, trade))
    }

    func recordMetrics(_ row: OrderMetricsRecord) {
        recording?.recorder.submit(.orderMetrics(row))
    }

    /// The store's row for a fill the state machine applied to order `id`.
    func storedFill(_ fill: OrderFill, of tracked: TrackedOrder, id: String, timeMs: Int64) -> StoredFill {
        StoredFill(symbol: tracked.symbol, tradeId: fill.tradeId ?? "derived:\(id):\(tracked.machine.cumulativeFilled.venueString)",
                   clientOrderId: id, venueOrderId: tracked.machine.venueOrderId, side: tracked.side,
                   positionSide: hedgeMode ? tracked.leg : nil, quantity: fill.quantity, price: fill.price,
                   feeUSD: fill.feeUSD ?? 0, liquidity: (fill.liquidity ?? .taker).rawValue, timeMs: timeMs, runId: ids.runId,
                   foreign: false)
    }
}

extension OrderEvent {
    /// The event's name in the store's order history.
    var kind: String {
        switch self {
        case .submitted: "SUBMIT"
        case .accepted: "ACCEPTED"
        case .update(let update): update.lastFill == nil ? "UPDATE" : "TRADE"
        case .rejected: "REJECTED"
        case .submitFailed(let unknown, _): unknown ? "SUBMIT_UNKNOWN" : "SUBMIT_FAILED"
        case .cancelRequested: "CANCEL_REQUESTED"
        case .cancelFailed: "CANCEL_FAILED"
        case .queryNotFound: "NOT_FOUND"
        case .timeout: "TIMEOUT"
        }
    }

    /// What the event said beyond its kind.
    var detail: String? {
        switch self {
        case .update(let update):
            "\(update.status.rawValue) filled \(update.cumulativeFilled?.venueString ?? "?")"
                + (update.lastFill.map { " trade \($0.tradeId) \($0.quantity.venueString)@\($0.price.venueString)" } ?? "")
        case .rejected(let reason), .submitFailed(_, let reason): reason
        case .accepted(let venueOrderId, _): "venue order \(venueOrderId)"
        default: nil
        }
    }
}
