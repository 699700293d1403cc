import AsyncAlgorithms
import HedgeCore

/// Writes recorded batches to `equity.csv`, `trades.jsonl` and `orders.jsonl` on its own task, so formatting and
/// system calls never run on the backtest's core.
enum BacktestFileWriter {
    /// Starts the writer; send batches into the returned channel, `finish()` it, then await the task.
    static func start(directory: String) throws(BacktestOutputError) -> (AsyncChannel<BatchingRecorder.Batch>, Task<Void, any Error>) {
        var files = try FileBacktestRecorder(directory: directory)
        let channel = AsyncChannel<BatchingRecorder.Batch>()
        let task = Task.detached {
            for await batch in channel {
                for sample in batch.equity {
                    try files.recordEquity(timeMs: sample.timeMs, equityUSD: sample.equityUSD, drawdownPct: sample.drawdownPct)
                }
                for trade in batch.trades { try files.recordTrade(trade) }
                for order in batch.orders { try files.recordOrder(order) }
            }
            try files.close()
        }
        return (channel, task)
    }
}
