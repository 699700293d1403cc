import ArgumentParser
import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeOperator
import Logging
import ServiceLifecycle
import UnixSignals

/// `hedge run`: the daemon. With no flags: paper mode on the simulated venue replaying the
/// bundled data, accelerated, writing state files and logs under `logs/`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon (default: paper mode on the sim venue replaying bundled data).",
        discussion: """
        SIGTERM or SIGINT drains gracefully (drain.deadline_s); a second signal forces the exit. Exit 0 after a clean drain, \
        1 after a forced one, 69 when the venue cannot be reached, 75 when another instance holds the state directory, \
        78 on a bad config, a start the config forbids, or a store that cannot be opened, migrated or read back.
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("state-dir"), help: "Override runtime.yaml state_dir (state files; logs go to its parent, or to the working directory when it has none).")
    var stateDir: String?

    @Option(help: "Override the mode.")
    var mode: RunMode?

    @Option(help: "Override the venue: sim, binance (USD-M futures) or coinbase (Advanced Trade spot).")
    var venue: VenueKind?

    @OptionGroup var binance: BinanceVenueOptions

    @Option(name: .customLong("sim-data"), help: "Override runtime.yaml sim.data: the bars the sim venue replays.")
    var simData: String?

    @Option(help: "Sim replay speed factor (overrides runtime.yaml sim.speed), or max: every bar as soon as the mesh has acted on the last, the same orders every run, drained at the end of the data.")
    var speed: ReplaySpeed?

    @Option(help: "Stop after this many seconds, through the same drain as a signal.")
    var duration: Double?

    @Option(name: .customLong("log-format"), help: "How log lines are written on stderr.")
    var logFormat: LogFormat = .text

    @Option(name: .customLong("log-level"), help: "Override runtime.yaml logging.level.")
    var logLevel: Logger.Level?

    @Option(name: .customLong("reset-risk-state"), help: ArgumentHelp("Drop the saved risk counters before starting (daily figures, peak NAV, loss streak, trade counts), recording REASON in the store. Needed only when they cannot be read back.", valueName: "REASON"))
    var resetRiskState: String?

    func validate() throws {
        if case .factor(let speed) = speed, !(speed > 0 && speed.isFinite) {
            throw ValidationError("--speed must be a finite number > 0 or max, got \(speed)")
        }
        if let duration, !NumberRule.seconds.accepts(duration) {
            throw ValidationError("--duration must be a number of seconds in (0, \(Int(NumberRule.maxSeconds))], got \(duration)")
        }
    }

    func run() async throws {
        var config = try effectiveConfig()
        // Refused before anything else starts: live without ALLOW_PROD_WRITE=1 or credentials.
        let binancePlan = config.runtime.venue == .binance
            ? try binance.plan(mode: config.runtime.mode, settings: config.runtime.binance, command: "hedge run") : nil
        let coinbasePlan = config.runtime.venue == .coinbase
            ? try binance.coinbasePlan(mode: config.runtime.mode, settings: config.runtime.coinbase, command: "hedge run") : nil
        bootstrapLogging(level: logLevel ?? Logger.Level(rawValue: config.runtime.logging.level.rawValue) ?? .info)
        let logger = Logger(label: "hedge")

        let lock: InstanceLock
        do {
            lock = try InstanceLock(stateDirectory: config.runtime.stateDirectory)
        } catch {
            printError("hedge run: \(error)")
            throw ExitStatus.alreadyRunning
        }
        if speed == .max, config.runtime.venue != .sim {
            printError("hedge run: --speed max replays the sim venue's data; venue \(config.runtime.venue.rawValue) runs in real time")
            throw ExitStatus.configError
        }
        // Lockstep: the mesh reads the venue's market time, advanced bar by bar by the runtime.
        let market = speed == .max ? MarketTime() : nil
        let time = market.map { MeshClock.market($0) } ?? MeshClock.system
        let venue = if let binancePlan {
            try await RunVenue.binance(plan: binancePlan, settings: config.runtime.binance, logger: logger)
        } else if let coinbasePlan {
            try await RunVenue.coinbase(plan: coinbasePlan, settings: config.runtime.coinbase, logger: logger)
        } else {
            try await RunVenue.sim(config: config, time: time, market: market, logger: logger)
        }
        if let coinbase = venue.exchange as? CoinbaseAdvancedClient {
            config.universe = try await CoinbaseUniverse.atStart(config.universe, venue: coinbase, logger: logger)
        }
        let daemon: Daemon
        do {
            daemon = try await Daemon.open(config: config, exchange: venue.exchange, time: time, feed: venue.feed,
                                           lockstep: venue.lockstep, resetRiskState: resetRiskState, logger: logger)
        } catch {
            await venue.shutdown()
            printError("hedge run: \(error)")
            throw ExitStatus.configError
        }
        logger.notice("hedge run: state files in \(daemon.directories.state)/, logs in \(daemon.directories.logs)/execution/ and \(daemon.directories.logs)/pipeline_v6_*.jsonl")
        let token: OperatorToken?
        do {
            token = try OperatorToken.load(file: "\(daemon.directories.state)/operator.token")
        } catch {
            printError("hedge run: \(error)")
            throw ExitStatus.configError
        }
        if token == nil {
            logger.notice("no operator token (HEDGE_OPERATOR_TOKEN or \(daemon.directories.state)/operator.token): the operator API's mutating routes answer 403")
        }
        let operatorServer = OperatorServer(runtime: daemon.runtime, directories: daemon.directories, token: token, logger: logger)
        let report = try await serve(daemon.runtime, operator: operatorServer, logger: logger)
        await daemon.recordEnd(report)
        await venue.shutdown()
        lock.release()
        if let report, report.exitCode != 0 {
            logger.error("exit after a forced drain", metadata: ["abandoned": "\(report.abandoned.joined(separator: ","))"])
            throw ExitStatus.drain(report.exitCode)
        }
    }

    /// The bundled configuration with this command's overrides, checked for what the venue can run.
    private func effectiveConfig() throws -> HedgeConfig {
        var config = try options.load()
        if let mode { config.runtime.mode = mode }
        if let venue { config.runtime.venue = venue }
        if let stateDir { config.runtime.stateDirectory = stateDir }
        if let simData { config.runtime.sim.dataPath = simData }
        if case .factor(let speed) = speed { config.runtime.sim.speed = speed }
        switch config.runtime.venue {
        case .sim where config.runtime.mode == .live || config.runtime.mode == .testnet:
            throw ValidationError("mode \(config.runtime.mode.rawValue) needs a real venue; the sim venue runs dry-run or paper")
        case .sim, .binance, .coinbase:
            return config
        }
    }

    private func bootstrapLogging(level: Logger.Level) {
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }

    /// Runs `runtime` under a service group until SIGTERM/SIGINT or `--duration`, and returns how
    /// its drain went.
    private func serve(_ runtime: Runtime, operator operatorServer: OperatorServer, logger: Logger) async throws -> DrainReport? {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            // Shut down in reverse order: the runtime drains first while the operator API still
            // answers, then the API stops. The API ending on its own (it could not bind) leaves
            // trading running. A lockstep replay ends the runtime itself at the end of its data:
            // a clean finish.
            services: [.init(service: operatorServer, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore),
                       .init(service: runtime, successTerminationBehavior: runtime.lockstep == nil ? .cancelGroup : .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        let duration = duration
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await Self.forceOnSecondSignal(logger: logger) }
            if let duration {
                tasks.addTask {
                    try await Task.sleep(for: .milliseconds(Int64(duration * 1000)))
                    logger.notice("--duration reached; draining")
                    await group.triggerGracefulShutdown()
                }
            }
            // The group returns once the runtime has drained; the helpers are then cancelled.
            try await group.run()
            tasks.cancelAll()
        }
        return await runtime.drainReport
    }

    /// The first SIGTERM/SIGINT is the group's graceful shutdown; a second one forces the exit,
    /// saying what the unfinished drain leaves behind.
    private static func forceOnSecondSignal(logger: Logger) async throws {
        var seen = 0
        for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
            seen += 1
            if seen >= 2 {
                logger.critical("second \(signal) during the drain: forced exit; working orders, queued telemetry and final state files may be abandoned")
                Foundation.exit(ExitStatus.forcedBySignal)
            }
        }
    }
}

/// `--speed`: a factor over real time, or `max` (lockstep: as fast as the mesh takes the bars).
enum ReplaySpeed: ExpressibleByArgument, Equatable {
    case factor(Double)
    case max

    init?(argument: String) {
        if argument.lowercased() == "max" {
            self = .max
        } else if let factor = Double(argument) {
            self = .factor(factor)
        } else {
            return nil
        }
    }
}
