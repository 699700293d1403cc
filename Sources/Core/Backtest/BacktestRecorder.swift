/// Where a backtest streams what it produces, so memory never grows with the number of bars:
/// the CLI writes `equity.csv` and `trades.jsonl` as they come; tests and benchmarks collect or
/// discard them.
public protocol BacktestRecorder {
    /// One equity sample per distinct bar time (after every bar of that time was processed).
    mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) throws
    /// One closed round trip.
    mutating func recordTrade(_ trade: ClosedTrade) throws
    /// One order event (ACK, FILL, CLOSE) in the format of the daemon's
    /// `orders_executed.jsonl` (the CLI writes `orders.jsonl`; `hedge parity` compares them).
    mutating func recordOrder(_ event: OrderLogEvent) throws
    /// False when `recordOrder` discards its input: the backtest then builds no order events
    /// (the benchmarks' hot path stays free of them).
    var recordsOrders: Bool { get }
}

extension BacktestRecorder {
    public mutating func recordOrder(_ event: OrderLogEvent) throws {}
    public var recordsOrders: Bool { false }
}

/// Discards everything (benchmarks).
public struct DiscardingRecorder: BacktestRecorder {
    public init() {}
    public mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) {}
    public mutating func recordTrade(_ trade: ClosedTrade) {}
}

/// Keeps everything in memory (tests, small runs).
public struct CollectingRecorder: BacktestRecorder {
    public var equity: [(timeMs: Int64, equityUSD: Double, drawdownPct: Double)] = []
    public var trades: [ClosedTrade] = []
    public var orders: [OrderLogEvent] = []
    public init() {}
    public mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) {
        equity.append((timeMs, equityUSD, drawdownPct))
    }
    public mutating func recordTrade(_ trade: ClosedTrade) { trades.append(trade) }
    public mutating func recordOrder(_ event: OrderLogEvent) { orders.append(event) }
    public var recordsOrders: Bool { true }
}
