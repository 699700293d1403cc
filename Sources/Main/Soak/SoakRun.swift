import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging

/// One soak with the daemon inside this process: the daemon over the venue's adapter for
/// `duration`, its drain, then the audit of its store against the venue.
struct SoakRun {
    let config: HedgeConfig
    let plan: SoakVenuePlan
    let loopback: SoakLoopback?
    let logger: Logger

    func run(duration: Double) async throws -> SoakSummary {
        let session = plan.session(config: config, logger: logger)
        do {
            let summary = try await run(duration: duration, session: session)
            await session.shutdown()
            return summary
        } catch {
            await session.shutdown()
            throw error
        }
    }

    private func run(duration: Double, session: SoakVenueSession) async throws -> SoakSummary {
        let client = session.client
        try await session.prepare()
        var config = config
        if let coinbase = client as? CoinbaseAdvancedClient {
            config.universe = try await CoinbaseUniverse.atStart(config.universe, venue: coinbase, logger: logger)
        }
        let daemon: Daemon
        do {
            daemon = try await Daemon.open(config: config, exchange: client, logger: logger)
        } catch {
            printError("hedge soak: \(error)")
            throw ExitStatus.configError
        }
        let runtime = daemon.runtime
        let (stop, trigger) = AsyncStream.makeStream(of: Void.self)
        let started = ContinuousClock.now
        var crashes: [String] = []
        let running = Task { try await runtime.run(until: stop) }
        try? await Task.sleep(for: .milliseconds(Int64(duration * 1000)))
        trigger.yield()
        do {
            let report = try await running.value
            await daemon.recordEnd(report)
            if report.exitCode != 0 { crashes.append("drain forced: abandoned \(report.abandoned.joined(separator: ","))") }
        } catch {
            crashes.append("daemon run failed: \(error)")
        }
        let elapsed = ContinuousClock.now - started
        guard let store = runtime.persistence?.store else {
            printError("hedge soak: the daemon ran without its store; nothing to audit")
            throw ExitStatus.failure
        }
        let audit = SoakVenueAudit(session: session, loopback: loopback, symbols: config.universe.enabledSymbols)
        let seconds = Double(elapsed.wholeMilliseconds) / 1000
        var summary: SoakSummary
        do {
            summary = SoakSummary(venue: plan.restURL, durationSeconds: seconds, findings: try await audit.findings(store: store), crashes: crashes)
        } catch {
            summary = .failed(venue: plan.restURL, durationSeconds: seconds, reason: "the audit could not finish: \(error)", crashes: crashes)
        }
        let health = await client.health()
        summary.retries = health.retries
        summary.reconnects = health.reconnects
        summary.alerts = health.alerts
        return summary
    }
}
