import ArgumentParser
import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging

/// `hedge soak`: the daemon in testnet mode, with the real Binance (or, with `--venue coinbase`,
/// Coinbase) adapter, against the loopback venue (started here over the bundled data, with the
/// fault profile given) or against the URL given (the real testnet). At the end it drains (open orders cancelled) and compares the daemon's
/// store with what the venue says. With `--kill N` the daemon runs as a child process that is
/// SIGKILLed N times and restarted on the same state directory. Exit 0 when clean, 1 when a
/// duplicate, an orphan, a position drift, a reused or unrecorded client order id was found or a
/// daemon crashed.
struct SoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Run the daemon in testnet mode against the loopback venue (or --base-url) and audit the venue afterwards."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "How long the daemon trades, seconds.")
    var duration: Double = 60

    @Option(help: "A loopback fault profile (JSON, snake_case keys; see docs/loopback-venue.md).")
    var faults: String?

    @Option(help: "Loopback replay speed factor over --data.")
    var speed: Double = 3000

    @Option(help: "Bars the loopback venue replays.")
    var data: String = "data/demo/1m"

    @Option(name: .customLong("state-dir"), help: "Where the daemon writes its state files (default: a fresh temporary directory).")
    var stateDir: String?

    @Option(help: "SIGKILL the daemon (run as a child process) this many times at random moments, restarting it each time.")
    var kill: Int = 0

    @Option(help: "The seed that chooses the kill moments (default: random; printed in the report to repeat a run).")
    var seed: UInt64?

    @Option(name: .customLong("trades-per-hour"),
            help: "Run the daemons on a copy of the config (in the soak's directory) with max_trades_per_hour set to this (and max_trades_per_day to at least 24 times it), so a long soak keeps trading.")
    var tradesPerHour: Int?

    @Option(name: .customLong("log-level"), help: "Log level on stderr for the daemon and the loopback venue.")
    var logLevel: Logger.Level = .warning

    @OptionGroup var binance: BinanceVenueOptions

    @Option(help: "The venue's protocol and adapter: binance (USD-M futures) or coinbase (Advanced Trade spot).")
    var venue: VenueKind = .binance

    func validate() throws {
        if !NumberRule.seconds.accepts(duration) {
            throw ValidationError("--duration must be a number of seconds in (0, \(Int(NumberRule.maxSeconds))], got \(duration)")
        }
        if kill < 0 { throw ValidationError("--kill must be 0 or more, got \(kill)") }
        if let tradesPerHour, tradesPerHour < 1 { throw ValidationError("--trades-per-hour must be at least 1, got \(tradesPerHour)") }
        if venue == .sim { throw ValidationError("--venue must be binance or coinbase: a soak exercises a venue's adapter") }
    }

    func run() async throws {
        let stateDirectory = stateDir ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("hedge-soak-\(UUID().uuidString)/state").path
        var configOptions = options
        if let tradesPerHour {
            let copy = URL(fileURLWithPath: stateDirectory).deletingLastPathComponent().appendingPathComponent("config").path
            do {
                configOptions.config = try SoakConfigCopy.make(from: options.config, into: copy, tradesPerHour: tradesPerHour)
            } catch {
                printError("hedge soak: cannot prepare the soak's config copy in \(copy): \(error)")
                throw ExitStatus.configError
            }
        }
        var config = try configOptions.load()
        config.runtime.mode = .testnet
        config.runtime.venue = venue
        config.runtime.stateDirectory = stateDirectory
        config.runtime.drain.onShutdown = .cancel
        var logger = Logger(label: "hedge.soak")
        logger.logLevel = logLevel

        var loopback: SoakLoopback?
        let plan: SoakVenuePlan
        if binance.baseURL == nil {
            let started = try await SoakLoopback.start(venue: venue, dataPath: data, speed: speed, faultsPath: faults, logger: logger)
            loopback = started
            if let credentials = started.coinbaseCredentials {
                plan = .coinbase(CoinbaseLaunchPlan(restURL: started.baseURL, marketStreamURL: BinanceLaunchPlan.streamURL(forREST: started.baseURL) + "/ws",
                                                    userStreamURL: BinanceLaunchPlan.streamURL(forREST: started.baseURL) + "/ws/user",
                                                    credentials: credentials, orderPolicy: .send))
            } else {
                plan = .binance(BinanceLaunchPlan(restURL: started.baseURL, streamURL: BinanceLaunchPlan.streamURL(forREST: started.baseURL),
                                                  credentials: started.binanceCredentials, orderPolicy: .send))
            }
        } else if venue == .coinbase {
            plan = .coinbase(try binance.coinbasePlan(mode: .testnet, settings: config.runtime.coinbase, command: "hedge soak"))
        } else {
            plan = .binance(try binance.plan(mode: .testnet, settings: config.runtime.binance, command: "hedge soak"))
        }
        let soakStarted = ContinuousClock.now
        let report: SoakSummary
        do {
            report = try await soak(config: config, configDirectory: configOptions.config, plan: plan, loopback: loopback, logger: logger)
        } catch {
            // A soak that could not finish still reports, with the reason.
            await loopback?.stop()
            let reason = if let exit = error as? ExitCode { "stopped with exit \(exit.rawValue) (the cause is on stderr)" } else { "\(error)" }
            try print(Self.json(.failed(venue: plan.restURL, durationSeconds: Double((ContinuousClock.now - soakStarted).wholeMilliseconds) / 1000,
                                        reason: reason)))
            throw error is ExitCode ? error : ExitStatus.failure
        }
        await loopback?.stop()
        try print(Self.json(report))
        if !report.passed { throw ExitStatus.failure }
    }

    private func soak(config: HedgeConfig, configDirectory: String, plan: SoakVenuePlan, loopback: SoakLoopback?,
                      logger: Logger) async throws -> SoakSummary {
        if kill > 0 {
            try await SoakKillRun(config: config, configDirectory: URL(fileURLWithPath: configDirectory).standardizedFileURL.path, plan: plan,
                                  childEnvironment: loopback?.credentialsEnvironment ?? [:], loopback: loopback, logLevel: logLevel,
                                  logger: logger)
                .run(duration: duration, schedule: SoakKillSchedule(kills: kill, durationSeconds: duration, seed: seed ?? .random(in: .min ... .max)))
        } else {
            try await SoakRun(config: config, plan: plan, loopback: loopback, logger: logger).run(duration: duration)
        }
    }

    static func json(_ report: SoakSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
