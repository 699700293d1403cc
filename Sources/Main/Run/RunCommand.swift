import ArgumentParser
import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import Logging
import ServiceLifecycle
import UnixSignals

/// `hedge run`: the daemon. With no flags: paper mode on the simulated venue replaying the
/// bundled data, accelerated, writing state files and logs under `logs/`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon (default: paper mode on the sim venue replaying bundled data).",
        discussion: "SIGTERM or SIGINT drains gracefully (drain.deadline_s); a second signal forces the exit."
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("state-dir"), help: "Override runtime.yaml state_dir (state files; logs go to its parent).")
    var stateDir: String?

    @Option(help: "Override the mode: dry-run | paper | testnet | live.")
    var mode: String?

    @Option(help: "Override the venue: sim or binance (coinbase arrives with its adapter).")
    var venue: String?

    @OptionGroup var binance: BinanceVenueOptions

    @Option(help: "Sim replay speed factor (overrides runtime.yaml sim.speed).")
    var speed: Double?

    @Option(help: "Stop after this many seconds, through the same drain as a signal.")
    var duration: Double?

    @Option(name: .customLong("log-format"), help: "text (default) or json.")
    var logFormat: String = "text"

    func run() async throws {
        var config = try options.load()
        if let mode {
            guard let parsed = RunMode(rawValue: mode) else { throw usage("--mode must be dry-run, paper, testnet or live, got \"\(mode)\"") }
            config.runtime.mode = parsed
        }
        if let venue {
            guard let parsed = VenueKind(rawValue: venue) else { throw usage("--venue must be sim, binance or coinbase, got \"\(venue)\"") }
            config.runtime.venue = parsed
        }
        if let stateDir { config.runtime.stateDirectory = stateDir }
        if let speed {
            guard speed > 0 else { throw usage("--speed must be > 0, got \(speed)") }
            config.runtime.sim.speed = speed
        }
        guard ["text", "json"].contains(logFormat) else { throw usage("--log-format must be text or json, got \"\(logFormat)\"") }
        switch config.runtime.venue {
        case .sim:
            if config.runtime.mode == .live || config.runtime.mode == .testnet {
                throw usage("mode \(config.runtime.mode.rawValue) needs a real venue; the sim venue runs dry-run or paper")
            }
        case .binance:
            break
        case .coinbase:
            throw usage("venue coinbase is not available in this build yet; use --venue sim or binance")
        }
        // Refused before anything else starts: live without ALLOW_PROD_WRITE=1 or credentials.
        let binancePlan = config.runtime.venue == .binance
            ? try binance.plan(mode: config.runtime.mode, settings: config.runtime.binance, command: "hedge run") : nil

        let level = Logger.Level(rawValue: config.runtime.logging.level.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            if logFormat == "json" {
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "hedge")

        let stateDirectory = config.runtime.stateDirectory
        let lock: InstanceLock
        do {
            lock = try InstanceLock(stateDirectory: stateDirectory)
        } catch {
            printError("hedge run: \(error)")
            throw ExitCode(75)
        }

        let time = MeshClock.system
        let venue: RunVenue
        if let binancePlan {
            venue = try await RunVenue.binance(plan: binancePlan, settings: config.runtime.binance, logger: logger)
        } else {
            venue = try RunVenue.sim(config: config, time: time, logger: logger)
        }
        let logsDirectory = (stateDirectory as NSString).deletingLastPathComponent.isEmpty ? "." : (stateDirectory as NSString).deletingLastPathComponent
        let sink = FileTelemetrySink(stateDirectory: stateDirectory, logsDirectory: logsDirectory, flags: config.flags,
                                     jsonlMaxBytes: config.runtime.logging.jsonlMaxBytes, jsonlKeep: config.runtime.logging.jsonlKeep)
        let runtime = Runtime(config: config, exchange: venue.exchange, time: time, sink: sink, feed: venue.feed, logger: logger)

        logger.notice("hedge run: state files in \(stateDirectory)/, logs in \(logsDirectory)/execution/ and \(logsDirectory)/pipeline_v6_*.jsonl")
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: runtime)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
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
        await venue.shutdown()
        lock.release()
        let report = await runtime.drainReport
        if let report, report.exitCode != 0 {
            logger.error("exit after a forced drain", metadata: ["abandoned": "\(report.abandoned.joined(separator: ","))"])
            throw ExitCode(report.exitCode)
        }
    }

    /// The first SIGTERM/SIGINT is the group's graceful shutdown; a second one forces the exit,
    /// saying what the unfinished drain leaves behind.
    private static func forceOnSecondSignal(logger: Logger) async throws {
        var seen = 0
        for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
            seen += 1
            if seen >= 2 {
                logger.critical("second \(signal) during the drain: forced exit; working orders, queued telemetry and final state files may be abandoned")
                Foundation.exit(130)
            }
        }
    }

    private func usage(_ message: String) -> ValidationError {
        ValidationError(message)
    }
}
