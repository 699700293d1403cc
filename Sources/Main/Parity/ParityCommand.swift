import ArgumentParser
import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeResearch
import Logging

/// `hedge parity`: runs the backtest and the daemon (paper, sim venue, lockstep replay) over the
/// same bars and config and compares the orders they sent, in sequence. Prints one JSON object;
/// exit 0 when identical, 1 when not.
struct ParityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity",
        abstract: "Run the backtest and the daemon over the same bars and compare their orders.",
        discussion: """
        The daemon runs in paper mode on the sim venue, replaying the bars in lockstep (as `hedge run --speed max`), \
        with a fresh state directory. Compared: each order the venue accepted (the ACK lines of orders.jsonl and \
        orders_executed.jsonl), by symbol, side, position side, type, quantity, price and reason, in sequence. \
        Prints {"identical", "backtest_orders", "daemon_orders", "first_difference"}; exit 0 when identical, 1 when not.
        """
    )

    @Option(help: "A directory of SYMBOL-<interval>.csv files (and funding).")
    var data: String

    @Option(help: "Comma-separated symbols (default: every file in --data).")
    var symbols: String?

    @Option(help: "Start, ISO 8601 UTC, inclusive.")
    var from: String?

    @Option(help: "End, ISO 8601 UTC, exclusive.")
    var to: String?

    @Option(help: "Keep both runs' files here (default: a temporary directory, removed after).")
    var keep: String?

    @Option(name: .customLong("log-level"), help: "The daemon's log level on stderr.")
    var logLevel: Logger.Level = .warning

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config: HedgeConfig
        do {
            config = try options.load()
        } catch let error as ConfigError {
            for problem in error.problems { printError(problem.description) }
            throw ExitStatus.configError
        }
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let directory = keep ?? NSTemporaryDirectory() + "hedge-parity-\(ProcessInfo.processInfo.processIdentifier)"
        for part in ["backtest", "daemon"] where FileManager.default.fileExists(atPath: "\(directory)/\(part)") {
            // The daemon must start from nothing (a store left there would be restored), and
            // nothing already written is overwritten.
            printError("hedge parity: \(directory)/\(part) exists; parity runs on fresh directories: remove it or --keep another")
            throw ExitStatus.badInput
        }
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let result: OrderParity
        do {
            let dataSet = try openData()
            let backtestOrders = try await runBacktest(config: config, dataSet: dataSet, directory: "\(directory)/backtest")
            let daemonOrders = try await runDaemon(config: config, dataSet: dataSet, directory: "\(directory)/daemon")
            result = OrderParity(backtest: backtestOrders, daemon: daemonOrders)
        } catch let error as MarketDataError {
            printError("hedge parity: \(error)")
            throw ExitStatus.badInput
        } catch let error as CLIError {
            printError("hedge parity: \(error)")
            throw ExitStatus.badInput
        } catch let error as InputFileError {
            printError("hedge parity: \(error)")
            throw ExitStatus.badInput
        }
        print(try JSONOutput.encode(result, pretty: false))
        if !result.identical { throw ExitCode(1) }
    }

    private func openData() throws -> MarketDataSet {
        let fromMs = try from.map { try parseTime($0, flag: "--from") }
        let toMs = try to.map { try parseTime($0, flag: "--to") }
        let symbolList = symbols.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        return try MarketDataSet.open(path: data, symbols: symbolList, fromMs: fromMs, toMs: toMs)
    }

    /// The backtest as `hedge backtest` runs it by default, with the sim venue's money and rules.
    private func runBacktest(config: HedgeConfig, dataSet: MarketDataSet, directory: String) async throws -> [OrderLogEvent] {
        var options = BacktestOptions(initialEquityUSD: Self.initialEquityUSD)
        options.maxHoldMsByStrategy = config.strategies.maxHoldMsByStrategy
        let strategies = config.strategies.enabledNames.compactMap {
            config.strategies.strategies[$0]?.parameters.makeStrategy(tiers: config.universe.tierBySymbol, gate: .allowAll)
        }
        let run = BacktestRun(dataSet: dataSet, options: options, config: config, strategies: strategies, outputDirectory: directory)
        _ = try await run.run()
        return try JSONLines.read(OrderLogEvent.self, path: "\(directory)/orders.jsonl")
    }

    /// The daemon in paper mode on the sim venue, replayed in lockstep to the end of the data.
    private func runDaemon(config: HedgeConfig, dataSet: MarketDataSet, directory: String) async throws -> [OrderLogEvent] {
        var config = config
        config.runtime.mode = .paper
        config.runtime.venue = .sim
        config.runtime.stateDirectory = "\(directory)/state"
        let logger = Logger(label: "hedge.parity")
        let market = MarketTime()
        let time = MeshClock.market(market)
        let sim = SimExchange(configuration: SimExchangeConfiguration(initialWalletUSD: Self.initialEquityUSD), clock: time.clock, logger: logger)
        let replay = try SimReplay(exchange: sim, dataSet: dataSet)
        let daemon: Daemon
        do {
            daemon = try await Daemon.open(config: config, exchange: sim, time: time, lockstep: LockstepFeed(replay: replay, market: market),
                                           logger: logger)
        } catch {
            throw CLIError("the daemon cannot start: \(error)")
        }
        let (never, _) = AsyncStream.makeStream(of: Void.self)
        let report = try await daemon.runtime.run(until: never)
        await daemon.recordEnd(report)
        guard report.exitCode == 0 else {
            throw CLIError("the daemon's drain was forced (abandoned: \(report.abandoned.joined(separator: ", ")))")
        }
        return try JSONLines.read(OrderLogEvent.self, path: "\(daemon.directories.logs)/execution/orders_executed.jsonl")
    }

    /// The money both runs start with.
    static let initialEquityUSD = 100_000.0

    private func parseTime(_ text: String, flag: String) throws -> Int64 {
        guard let ms = UTCTime.parse(text) else {
            throw CLIError("\(flag) must be an ISO 8601 UTC time like 2025-01-01 or 2025-01-01T00:00:00Z, got \"\(text)\"")
        }
        return ms
    }
}
