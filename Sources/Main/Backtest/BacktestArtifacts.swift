import Foundation
import HedgeCore

/// Writes the files that summarise a finished backtest: report.json (sorted keys, byte-stable),
/// report.html and, from the trades, expectancy.json and symbol_scores.json.
enum BacktestArtifacts {
    static func write<R>(report: BacktestReport, backtest: Backtest<R>, trades: String, directory: String) throws {
        try (JSONOutput.encode(report) + "\n").write(toFile: "\(directory)/report.json", atomically: true, encoding: .utf8)
        let html = BacktestHTML.render(report: report, chart: backtest.chart, trades: Array(backtest.recentTrades),
                                       totalTrades: report.trades)
        try html.write(toFile: "\(directory)/report.html", atomically: true, encoding: .utf8)
    }
}
