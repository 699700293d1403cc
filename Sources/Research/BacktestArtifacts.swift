import Foundation
import HedgeCore

/// Writes the files that summarise a finished backtest: report.json (sorted keys, byte-stable),
/// report.html and, from the trades, expectancy.json and symbol_scores.json (no router metrics in a
/// backtest, so router components score neutral).
enum BacktestArtifacts {
    static func write<R>(report: BacktestReport, backtest: Backtest<R>, directory: String) throws {
        try (JSONOutput.encode(report) + "\n").write(toFile: "\(directory)/report.json", atomically: true, encoding: .utf8)
        let html = BacktestHTML.render(report: report, chart: backtest.chart, trades: Array(backtest.recentTrades),
                                       totalTrades: report.trades)
        try html.write(toFile: "\(directory)/report.html", atomically: true, encoding: .utf8)

        // The learning layer over the run's own trades, from sums kept as they closed.
        try (JSONOutput.encode(backtest.tradeLedger.expectancy()) + "\n")
            .write(toFile: "\(directory)/expectancy.json", atomically: true, encoding: .utf8)
        try (JSONOutput.encode(backtest.tradeLedger.scores(health: [:])) + "\n")
            .write(toFile: "\(directory)/symbol_scores.json", atomically: true, encoding: .utf8)
    }
}
