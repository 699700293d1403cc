import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

/// `hedge soak --kill N`: the daemon as a child process (`hedge run` in testnet mode over the
/// venue's adapter) on one state directory, SIGKILLed at each moment of `schedule` and started
/// again at once, the last one drained by SIGTERM at the end of the soak; then the store, which
/// every run wrote, is audited against the venue.
struct SoakKillRun {
    let config: HedgeConfig
    /// The config directory the children read (absolute).
    let configDirectory: String
    let plan: SoakVenuePlan
    /// Set on top of the soak's environment for each child: the loopback's key pair.
    let childEnvironment: [String: String]
    let loopback: SoakLoopback?
    let logLevel: Logger.Level
    let logger: Logger

    func run(duration: Double, schedule: SoakKillSchedule) async throws -> SoakSummary {
        let stateDirectory = config.runtime.stateDirectory
        let logDirectory = URL(fileURLWithPath: stateDirectory).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let started = ContinuousClock.now
        var crashes: [String] = []
        let ends = schedule.moments + [duration]
        for (index, end) in ends.enumerated() {
            let last = index == ends.count - 1
            let child = SoakDaemonProcess(executable: SoakDaemonProcess.currentExecutable(), arguments: arguments(),
                                          environment: childEnvironment, logPath: "\(logDirectory)/daemon-\(index + 1).log")
            let lifetime = max(.zero, started + .milliseconds(Int64(end * 1000)) - ContinuousClock.now)
            let deadline = config.runtime.drain.deadline + .seconds(30)
            let outcome = try await child.run(for: lifetime, ending: last ? .drain(deadline: deadline) : .kill)
            let expected: SoakDaemonProcess.Outcome = last ? .exited(0) : .signaled(SIGKILL)
            if outcome != expected {
                crashes.append("daemon \(index + 1) (log \(child.logPath)) \(outcome), expected \(expected)")
            }
            logger.notice("soak daemon stopped", metadata: ["daemon": "\(index + 1)", "outcome": "\(outcome)"])
        }
        let elapsed = Double((ContinuousClock.now - started).wholeMilliseconds) / 1000

        let store: SQLiteTradingStore
        do {
            store = try SQLiteTradingStore(path: "\(stateDirectory)/hedge.sqlite")
        } catch {
            return .failed(venue: plan.restURL, durationSeconds: elapsed, reason: "the daemons' store cannot be read: \(error)", crashes: crashes)
        }
        let session = plan.session(config: config, logger: logger)
        let findings: SoakFindings
        do {
            // The children discovered their universe at start; the audit reads every symbol the
            // store traded, and those the configuration lists.
            let traded = Set(try await store.orders(AuditFilter(limit: Int.max)).map(\.symbol))
            let audit = SoakVenueAudit(session: session, loopback: loopback,
                                       symbols: traded.union(config.universe.enabledSymbols).sorted())
            findings = try await audit.findings(store: store)
            await session.shutdown()
        } catch {
            await session.shutdown()
            return .failed(venue: plan.restURL, durationSeconds: elapsed, reason: "the audit could not finish: \(error)", crashes: crashes)
        }
        return SoakSummary(venue: plan.restURL, durationSeconds: elapsed, findings: findings,
                           restarts: schedule.moments.count, killsAtSeconds: schedule.moments, seed: schedule.seed, crashes: crashes)
    }

    /// `hedge run` for every child: the same config, state directory and venue.
    private func arguments() -> [String] {
        ["run", "--config", configDirectory, "--state-dir", config.runtime.stateDirectory,
         "--mode", "testnet"] + plan.runArguments + ["--log-level", logLevel.rawValue]
    }
}
