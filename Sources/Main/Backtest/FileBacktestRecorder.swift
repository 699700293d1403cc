import Foundation
import HedgeCore

/// Streams the backtest's equity curve to `equity.csv` (time, equity, drawdown_pct) and its
/// trades to `trades.jsonl`, so memory stays flat however many bars run.
struct FileBacktestRecorder: BacktestRecorder {
    let equity: BufferedFileWriter
    let trades: BufferedFileWriter
    private let encoder: JSONEncoder

    init(directory: String) throws {
        equity = try BufferedFileWriter(path: "\(directory)/equity.csv")
        trades = try BufferedFileWriter(path: "\(directory)/trades.jsonl")
        try equity.write("time,equity,drawdown_pct\n")
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) throws {
        try equity.write("\(UTCTime.iso8601(ms: timeMs)),\(equityUSD),\(drawdownPct)\n")
    }

    mutating func recordTrade(_ trade: ClosedTrade) throws {
        try trades.write(String(decoding: try encoder.encode(trade), as: UTF8.self) + "\n")
    }

    func close() throws {
        try equity.close()
        try trades.close()
    }
}
