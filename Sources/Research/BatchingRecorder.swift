import AsyncAlgorithms
import HedgeCore

/// Collects what the backtest records during one input chunk; the command hands each batch to
/// `BacktestFileWriter`, which formats and writes on another task. The backtest's own core never
/// formats a number or makes a system call. Memory is bounded by one chunk of bars.
struct BatchingRecorder: BacktestRecorder {
    struct Batch: Sendable {
        var equity: [EquitySample] = []
        var trades: [ClosedTrade] = []
    }

    struct EquitySample: Sendable {
        var timeMs: Int64
        var equityUSD: Double
        var drawdownPct: Double
    }

    private var batch = Batch()

    mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) {
        batch.equity.append(EquitySample(timeMs: timeMs, equityUSD: equityUSD, drawdownPct: drawdownPct))
    }

    mutating func recordTrade(_ trade: ClosedTrade) {
        batch.trades.append(trade)
    }

    /// What was recorded since the last call.
    mutating func takeBatch() -> Batch {
        defer { batch = Batch() }
        return batch
    }
}

/// Writes batches to `equity.csv` and `trades.jsonl` on its own task.
enum BacktestFileWriter {
    /// Starts the writer; send batches into the returned channel, `finish()` it, then await the task.
    static func start(directory: String) throws -> (AsyncChannel<BatchingRecorder.Batch>, Task<Void, any Error>) {
        var files = try FileBacktestRecorder(directory: directory)
        let channel = AsyncChannel<BatchingRecorder.Batch>()
        let task = Task.detached {
            for await batch in channel {
                for sample in batch.equity {
                    try files.recordEquity(timeMs: sample.timeMs, equityUSD: sample.equityUSD, drawdownPct: sample.drawdownPct)
                }
                for trade in batch.trades { try files.recordTrade(trade) }
            }
            try files.close()
        }
        return (channel, task)
    }
}
