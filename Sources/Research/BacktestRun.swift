import AsyncAlgorithms
import Foundation
import HedgeCore

/// One backtest as `hedge backtest` runs it: the data set's bars are parsed in chunks on one task,
/// the backtest runs on the caller's, the equity curve and trades are written on a third, and the
/// report's artifacts (report.json, report.html, expectancy.json, symbol_scores.json) at the end.
public struct BacktestRun {
    public var dataSet: MarketDataSet
    public var options: BacktestOptions
    public var config: HedgeConfig
    public var strategies: [any Strategy]
    /// Where the files go (created when missing).
    public var outputDirectory: String

    public init(dataSet: MarketDataSet, options: BacktestOptions, config: HedgeConfig, strategies: [any Strategy],
                outputDirectory: String) {
        self.dataSet = dataSet
        var options = options
        // What the daemon's router and universe would use on these bars: each file's interval,
        // the configured router policies, the universe interval.
        for file in dataSet.files { options.barIntervalMs[file.symbol] = file.barIntervalMs }
        if options.routerPolicies.isEmpty {
            for (symbol, entry) in config.universe.symbols {
                options.routerPolicies[symbol] = config.runtime.router.policy(for: symbol, tier: entry.tier).policy
            }
        }
        options.universeIntervalMs = config.runtime.intervals.universe.wholeMilliseconds
        options.intelIntervalMs = config.runtime.intervals.intel.wholeMilliseconds
        if !options.skipRisk { options.expectancyGate = config.flags.isEnabled(.intel) }
        self.options = options
        self.config = config
        self.strategies = strategies
        self.outputDirectory = outputDirectory
    }

    /// What a finished run produced besides its files.
    public struct Result: Sendable {
        public var report: BacktestReport
        /// Gaps and other oddities the reader found in the bars.
        public var warnings: [MarketDataWarning]
    }

    /// The symbols of the data set on which risk will refuse every entry, each as one line that
    /// says why (disabled or not listed in the universe). Empty when risk is skipped: a research
    /// run trades whatever it is given.
    public var untradableSymbols: [String] {
        guard !options.skipRisk else { return [] }
        let file = "\(config.directory)/pairs_universe.json"
        return dataSet.symbols.compactMap { symbol in
            guard config.universe.tradable(symbol) == nil else { return nil }
            let why = config.universe.symbols[symbol] == nil ? "is not listed in \(file)" : "is disabled in \(file)"
            return "\(symbol) \(why): risk vetoes every entry on it (enable it, or pass --no-risk for a research run)"
        }
    }

    /// Runs the backtest to the end of the data. `progress` is called after each chunk with the
    /// bars done so far and the share of the input consumed (when known).
    public func run(progress: (_ bars: Int, _ fraction: Double?) -> Void = { _, _ in }) async throws -> Result {
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw BacktestOutputError.unwritable(path: outputDirectory, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        let (writer, writing) = try BacktestFileWriter.start(directory: outputDirectory)
        var backtest = Backtest(
            options: options, limits: config.riskLimits, universe: config.universe, strategies: strategies,
            regime: config.strategies.regime,
            funding: dataSet.funding.mapValues { $0.rates.map { FundingPoint(timeMs: $0.timeMs, rate: $0.rate) } },
            recorder: BatchingRecorder())
        var bars = 0
        var warnings: [MarketDataWarning] = []
        do {
            for try await chunk in BarChunkReader.start(dataSet) {
                for event in chunk.events { try backtest.onBar(event.bar, symbol: event.symbol) }
                await writer.send(backtest.recorder.takeBatch())
                bars += chunk.events.count
                warnings += chunk.warnings
                progress(bars, chunk.fractionConsumed)
            }
        } catch {
            writer.finish()
            _ = await writing.result
            throw error
        }
        let report = try backtest.finish()
        await writer.send(backtest.recorder.takeBatch())
        writer.finish()
        try await writing.value
        try BacktestArtifacts.write(report: report, backtest: backtest, directory: outputDirectory)
        return Result(report: report, warnings: warnings)
    }
}
