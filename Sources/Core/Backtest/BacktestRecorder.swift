/// Where a backtest streams what it produces, so memory never grows with the number of bars:
/// the CLI writes `equity.csv` and `trades.jsonl` as they come; tests and benchmarks collect or
/// discard them.
public protocol BacktestRecorder {
    /// One equity sample per distinct bar time (after every bar of that time was processed).
    mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) throws
    /// One closed round trip.
    mutating func recordTrade(_ trade: ClosedTrade) throws
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
    public init() {}
    public mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) {
        equity.append((timeMs, equityUSD, drawdownPct))
    }
    public mutating func recordTrade(_ trade: ClosedTrade) { trades.append(trade) }
}
