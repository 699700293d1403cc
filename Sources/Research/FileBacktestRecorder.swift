import Foundation
import HedgeCore

/// Streams the backtest's equity curve to `equity.csv` (time, equity in USD to 1/100 cent,
/// drawdown_pct to 6 decimals), its trades to `trades.jsonl` and its order events to `orders.jsonl`
/// (the daemon's `orders_executed.jsonl` format), so memory stays flat however
/// many bars run. Lines are built as bytes: this runs once per bar time.
struct FileBacktestRecorder: BacktestRecorder {
    let equity: BufferedFileWriter
    let trades: BufferedFileWriter
    let orders: BufferedFileWriter
    private var timeWriter = ISO8601Writer()
    private var line: [UInt8] = []

    init(directory: String) throws(BacktestOutputError) {
        equity = try BufferedFileWriter(path: "\(directory)/equity.csv")
        trades = try BufferedFileWriter(path: "\(directory)/trades.jsonl")
        orders = try BufferedFileWriter(path: "\(directory)/orders.jsonl")
        try equity.write("time,equity,drawdown_pct\n")
    }

    mutating func recordEquity(timeMs: Int64, equityUSD: Double, drawdownPct: Double) throws(BacktestOutputError) {
        line.removeAll(keepingCapacity: true)
        timeWriter.append(ms: timeMs, to: &line)
        line.append(44)
        appendFixedPoint(equityUSD, decimals: 4, to: &line)
        line.append(44)
        appendFixedPoint(drawdownPct, decimals: 6, to: &line)
        line.append(10)
        try equity.write(line)
    }

    mutating func recordTrade(_ trade: ClosedTrade) throws(BacktestOutputError) {
        line.removeAll(keepingCapacity: true)
        trade.appendJSONLine(to: &line, times: &timeWriter)
        try trades.write(line)
    }

    mutating func recordOrder(_ event: OrderLogEvent) throws(BacktestOutputError) {
        line.removeAll(keepingCapacity: true)
        event.appendJSON(to: &line)
        line.append(10)
        try orders.write(line)
    }

    var recordsOrders: Bool { true }

    func close() throws(BacktestOutputError) {
        try equity.close()
        try trades.close()
        try orders.close()
    }
}
