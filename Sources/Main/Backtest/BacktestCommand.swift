import ArgumentParser
import Foundation
import HedgeCore
import HedgeResearch

/// `hedge backtest`: runs the daemon's pipeline over historical bars and writes report.json,
/// report.html, equity.csv, trades.jsonl, expectancy.json and symbol_scores.json.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay history through strategy → sizer → risk → router → matching; write a report.",
        discussion: """
        Research flags (--param, --fee-bps, --slippage-bps, --no-risk, --fill-model) change the pipeline; the \
        report records them under "research".
        """
    )

    @Option(help: "A directory of SYMBOL-<interval>.csv files, or one CSV file (read whatever its name; --symbols names its symbol).")
    var data: String

    @Option(help: "Comma-separated symbols (default: every file in --data).")
    var symbols: String?

    @Option(help: "Start, ISO 8601 UTC (e.g. 2025-01-01 or 2025-01-01T00:00:00Z), inclusive.")
    var from: String?

    @Option(help: "End, ISO 8601 UTC, exclusive.")
    var to: String?

    @Option(help: "Run one strategy (default: every enabled strategy of strategy_config.json).")
    var strategy: String?

    @Option(name: .customLong("param"), help: "Research: set a strategy parameter, KEY=VALUE (repeatable).")
    var parameters: [String] = []

    @Option(name: .customLong("fee-bps"), help: "Research: taker fee in bps (maker fee stays configured unless lower).")
    var feeBps: Double?

    @Option(name: .customLong("slippage-bps"), help: "Research: slippage in bps; also drops the range component.")
    var slippageBps: Double?

    @Flag(name: .customLong("no-risk"), help: "Research: skip checkOrder and the sizer (fills and accounting only); orders fill whole at the next open unless --fill-model says otherwise.")
    var noRisk = false

    @Option(name: .customLong("fill-model"), help: "volume-capped (an order takes at most the configured share of a bar's volume) or whole (every order fills whole at the next open). Default: whole with --no-risk, else volume-capped.")
    var fillModel: FillModel?

    @Option(help: "Starting equity in USD.")
    var equity: Double = 100_000

    @Option(help: "Leverage the intents carry and the venue margins with.")
    var leverage: Double = 1

    @Option(name: .customLong("position-mode"), help: "hedge (LONG and SHORT legs) or one_way.")
    var positionMode: PositionMode = .hedge

    @Option(name: .customLong("venue-kind"), help: "futures (LONG and SHORT legs, the configured fees) or spot (no short entries, no leverage, Coinbase's 40/60 bps maker/taker fees). Default: spot when runtime.yaml's venue is coinbase, else futures.")
    var venueKind: VenueMarketKind?

    @Flag(help: "Treat gaps in the bars as errors instead of warnings.")
    var strict = false

    @Option(help: "Output directory (created if missing).")
    var out: String

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        do {
            try await runBacktest()
        } catch let error as ConfigError {
            for problem in error.problems { printError(problem.description) }
            throw ExitStatus.configError
        } catch let error as MarketDataError {
            printError("hedge backtest: \(error)")
            throw ExitStatus.badInput
        } catch let error as CLIError {
            printError("hedge backtest: \(error)")
            throw ExitStatus.badInput
        } catch let error as BacktestOutputError {
            printError("hedge backtest: \(error)")
            throw ExitStatus.badInput
        }
    }

    private func runBacktest() async throws {
        var config = try options.load()
        let kind = venueKind ?? (config.runtime.venue == .coinbase ? .spot : .futures)
        if kind == .spot {
            guard leverage == 1 else { throw CLIError("--venue-kind spot trades without leverage; --leverage must be 1, got \(leverage)") }
            config.universe.spot = true
        }
        let fromMs = try from.map { try parseTime($0, flag: "--from") }
        let toMs = try to.map { try parseTime($0, flag: "--to") }
        let symbolList = symbols.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let dataSet = try MarketDataSet.open(path: data, symbols: symbolList, fromMs: fromMs, toMs: toMs, strict: strict)

        var backtestOptions = BacktestOptions(initialEquityUSD: equity, leverage: leverage, skipRisk: noRisk)
        backtestOptions.matching.positionMode = positionMode
        backtestOptions.maxHoldMsByStrategy = config.strategies.maxHoldMsByStrategy
        backtestOptions.matching.fillModel = fillModel ?? (noRisk ? .whole : .volumeCapped)
        if kind == .spot {
            backtestOptions.matching.makerFeeBps = VenueMarketKind.spotMakerFeeBps
            backtestOptions.matching.takerFeeBps = VenueMarketKind.spotTakerFeeBps
            backtestOptions.researchOverrides["venue_kind"] = kind.rawValue
        }
        if let fillModel { backtestOptions.researchOverrides["fill_model"] = fillModel.rawValue }
        if let feeBps {
            backtestOptions.matching.takerFeeBps = feeBps
            backtestOptions.matching.makerFeeBps = min(backtestOptions.matching.makerFeeBps, feeBps)
            backtestOptions.researchOverrides["fee_bps"] = String(feeBps)
        }
        if let slippageBps {
            backtestOptions.matching.slippageBps = slippageBps
            backtestOptions.matching.slippageRangeFraction = 0
            backtestOptions.researchOverrides["slippage_bps"] = String(slippageBps)
        }
        let strategies = try makeStrategies(config: config, research: &backtestOptions.researchOverrides)

        let run = BacktestRun(dataSet: dataSet, options: backtestOptions, config: config, strategies: strategies, outputDirectory: out)
        for line in run.untradableSymbols { printError("warning: \(line)") }
        var progress = ProgressLine()
        let result = try await run.run { bars, fraction in progress.update(bars: bars, fraction: fraction) }
        progress.finish()
        for warning in result.warnings { printError("warning: \(warning)") }
        let report = result.report
        let seconds = progress.elapsedSeconds
        printError("backtest: \(report.bars) bars, \(report.trades) trades, return \(fixedPoint(report.totalReturnPct)) %, "
            + "max drawdown \(fixedPoint(report.maxDrawdownPct)) %, \(report.vetoesByCode.values.reduce(0, +)) vetoes; "
            + "\(fixedPoint(seconds)) s (\(Int(Double(report.bars) / max(seconds, 1e-9))) bars/s); wrote \(out)/report.json")
    }

    private func makeStrategies(config: HedgeConfig, research: inout [String: String]) throws -> [any Strategy] {
        let gate = ExpectancyGate.allowAll
        let tiers = config.universe.tierBySymbol
        guard let name = strategy else {
            guard parameters.isEmpty else { throw CLIError("--param needs --strategy NAME") }
            let names = config.strategies.enabledNames
            guard !names.isEmpty else { throw CLIError("no strategy is enabled in \(config.directory)/strategy_config.json; pass --strategy NAME") }
            return names.compactMap { config.strategies.strategies[$0]?.parameters.makeStrategy(tiers: tiers, gate: gate) }
        }
        var overrides: [String: JSONValue] = [:]
        for parameter in parameters {
            let parts = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw CLIError("--param must be KEY=VALUE, got \"\(parameter)\"") }
            overrides[parts[0]] = Self.parseValue(parts[1])
            research["param.\(parts[0])"] = parts[1]
        }
        let parameters = try config.strategies.parameters(for: name, overrides: overrides, source: "--param")
        return [parameters.makeStrategy(tiers: tiers, gate: gate)]
    }

    private static func parseValue(_ text: String) -> JSONValue {
        if let number = Double(text) { return .number(number) }
        if let flag = FeatureFlag.parseValue(text), ["true", "false"].contains(text.lowercased()) { return .bool(flag) }
        return .string(text)
    }

    private func parseTime(_ text: String, flag: String) throws -> Int64 {
        guard let ms = UTCTime.parse(text) else {
            throw CLIError("\(flag) must be an ISO 8601 UTC time like 2025-01-01 or 2025-01-01T00:00:00Z, got \"\(text)\"")
        }
        return ms
    }
}

/// `--venue-kind`: how the venue backtested trades.
enum VenueMarketKind: String, ExpressibleByArgument, CaseIterable {
    case futures, spot

    /// Coinbase Advanced Trade's default (lowest-volume) tier.
    static let spotMakerFeeBps = 40.0
    static let spotTakerFeeBps = 60.0
}
