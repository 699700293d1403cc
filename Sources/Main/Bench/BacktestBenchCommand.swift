import ArgumentParser
import Foundation
import HedgeCore

/// `hedge bench backtest [--bars N]`: the `trend` strategy with risk checks and fills over seeded
/// synthetic bars generated on the fly (no I/O), reporting bars/s, seconds and peak RSS.
struct BacktestBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest throughput on seeded synthetic bars: bars/s, seconds, peak RSS."
    )

    @Option(help: "Total bars (across all symbols).")
    var bars: Int = 1_000_000

    @Option(help: "How many symbols the bars interleave.")
    var symbols: Int = 5

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let config = try options.load()
        let universeSymbols = Array(config.universe.enabledSymbols.prefix(max(1, symbols)))
        let trend = try config.strategies.parameters(for: "trend", overrides: [:], source: "bench")
        var backtest = Backtest(
            options: BacktestOptions(), limits: config.riskLimits, universe: config.universe,
            strategies: [trend.makeStrategy(tiers: config.universe.tierBySymbol, gate: .allowAll)],
            regime: config.strategies.regime, recorder: DiscardingRecorder())
        let clock = ContinuousClock()
        let start = clock.now
        var source = SyntheticBars(symbols: universeSymbols, count: bars)
        while let event = source.next() {
            try backtest.onBar(event.bar, symbol: event.symbol)
        }
        let report = try backtest.finish()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("bench backtest: \(report.bars) bars, \(universeSymbols.count) symbols, strategy trend, risk on")
        print("  seconds:    \(fixedPoint(seconds, 3))")
        print("  bars/s:     \(Int(Double(report.bars) / seconds))")
        print("  trades:     \(report.trades), signals \(report.signals), vetoes \(report.vetoesByCode.values.reduce(0, +))")
        print("  peak RSS:   \(PeakMemory.residentMegabytes().map { fixedPoint($0, 1) + " MB" } ?? "unavailable")")
    }
}
