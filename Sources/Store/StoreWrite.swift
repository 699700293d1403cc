import HedgeCore

/// One write-behind change: everything the daemon records, applied in batches (one transaction
/// per batch) off the order path.
public enum StoreWrite: Sendable {
    /// A new order's row (already in the order journal, which made it durable before the venue call).
    case order(StoredOrder)
    case orderProgress(StoredOrderProgress)
    case orderEvent(StoredOrderEvent)
    case fill(StoredFill)
    case decision(StoredDecision)
    case navSample(runId: String, NavSample)
    /// The whole risk-counter state, replacing the last one.
    case riskCounters(RiskCounters, atMs: Int64)
    /// Every open round-trip leg, replacing the last set (legs not listed are flat).
    case openLegs([RoundTripTracker.LegState])
    case closedTrade(runId: String, ClosedTrade)
    case orderMetrics(OrderMetricsRecord)
}

extension StoreWrite {
    /// The record's kind, for messages.
    public var kind: String {
        switch self {
        case .order(let order): "order \(order.clientOrderId)"
        case .orderProgress(let progress): "order progress \(progress.clientOrderId)"
        case .orderEvent(let event): "order event \(event.kind) \(event.clientOrderId)"
        case .fill(let fill): "fill \(fill.symbol) \(fill.tradeId)"
        case .decision(let decision): "decision \(decision.intentId)"
        case .navSample: "NAV sample"
        case .riskCounters: "risk counters"
        case .openLegs: "open legs"
        case .closedTrade(_, let trade): "closed trade \(trade.symbol) \(trade.side.rawValue)"
        case .orderMetrics(let row): "order metrics \(row.clientOrderId)"
        }
    }
}
