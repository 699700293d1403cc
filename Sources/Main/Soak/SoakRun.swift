import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging

/// One soak: the daemon over the Binance adapter for `duration`, its drain, then the audit
/// (`SoakAudit`) of what the daemon believes against what the venue says.
struct SoakRun {
    let config: HedgeConfig
    let plan: BinanceLaunchPlan
    let loopback: SoakLoopback?
    let logger: Logger

    func run(duration: Double) async throws -> SoakSummary {
        let session = BinanceSession(plan: plan, settings: config.runtime.binance, logger: logger)
        do {
            let summary = try await run(duration: duration, client: session.client)
            await session.shutdown()
            return summary
        } catch {
            await session.shutdown()
            throw error
        }
    }

    private func run(duration: Double, client: BinanceUSDMClient) async throws -> SoakSummary {
        try await client.prepare()
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

        let router = runtime.router
        let counts = await router.orderCounts()
        let health = await client.health()
        let symbols = config.universe.enabledSymbols
        let venueOrderIds = try await venueClientOrderIds(client: client, symbols: symbols)
        let (orphans, drift) = try await SoakAudit.compare(router: router, exchange: client, symbols: symbols)
        return SoakSummary(
            venue: plan.restURL, durationSeconds: Double(elapsed.wholeMilliseconds) / 1000, orders: counts.orders,
            filledOrders: counts.filledOrders, venueOrders: venueOrderIds.count, retries: health.retries, reconnects: health.reconnects,
            duplicates: SoakAudit.duplicates(venueClientOrderIds: venueOrderIds), orphans: orphans, positionDrift: drift,
            crashes: crashes, alerts: health.alerts)
    }

    /// The client order id of every order the venue created: the loopback's journal, or what a
    /// real venue still lists per symbol.
    private func venueClientOrderIds(client: BinanceUSDMClient, symbols: [String]) async throws -> [String] {
        if let loopback {
            return await loopback.venue.journal().entries.map(\.clientOrderId)
        }
        var ids: [String] = []
        for symbol in symbols { ids += try await client.allOrders(symbol: symbol).map(\.clientOrderId) }
        return ids
    }
}
