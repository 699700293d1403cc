import HedgeCore

/// Collects what the backtest records (equity, trades, order events) during one input chunk; the run hands each batch to
/// `BacktestFileWriter`, which formats and writes on another task. The backtest's own core never
/// formats a number or makes a system call. Memory is bounded by one chunk of bars.
public struct BatchingRecorder: BacktestRecorder {
    /// What one chunk of bars recorded.
    public struct Batch: Sendable {
        var equity: [EquitySample] = []
        var trades: [ClosedTrade] = []
        var orders: [OrderLogEvent] = []
    }

    struct EquitySample: Sendable {
        var timeMs: Int64
        var equityUSD: Double
        var drawdownPct: Double
    }

    private var batch = Batch()

    public init() {}

    public mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) {
        batch.equity.append(EquitySample(timeMs: timeMs, equityUSD: equityUSD, drawdownPct: drawdownPct))
    }

    public mutating func recordTrade(_ trade: ClosedTrade) {
        batch.trades.append(trade)
    }

    public mutating func recordOrder(_ event: OrderLogEvent) {
        batch.orders.append(event)
    }

    public var recordsOrders: Bool { true }

    /// What was recorded since the last call.
    public mutating func takeBatch() -> Batch {
        defer { batch = Batch() }
        return batch
    }
}
