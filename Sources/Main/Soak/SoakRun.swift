import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging

/// One soak: the daemon over the Binance adapter for `duration`, its drain, then the audit.
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

        let stateDirectory = config.runtime.stateDirectory
        let logsDirectory = (stateDirectory as NSString).deletingLastPathComponent
        let sink = FileTelemetrySink(stateDirectory: stateDirectory, logsDirectory: logsDirectory, flags: config.flags,
                                     jsonlMaxBytes: config.runtime.logging.jsonlMaxBytes, jsonlKeep: config.runtime.logging.jsonlKeep)
        let runtime = Runtime(config: config, exchange: client, time: .system, sink: sink, logger: logger)
        let (stop, trigger) = AsyncStream.makeStream(of: Void.self)
        let started = ContinuousClock.now
        var crashes: [String] = []
        let daemon = Task { try await runtime.run(until: stop) }
        try? await Task.sleep(for: .milliseconds(Int64(duration * 1000)))
        trigger.yield()
        do {
            let report = try await daemon.value
            if report.exitCode != 0 { crashes.append("drain forced: abandoned \(report.abandoned.joined(separator: ","))") }
        } catch {
            crashes.append("daemon run failed: \(error)")
        }
        let elapsed = ContinuousClock.now - started

        let router = runtime.router
        let known = await router.knownOrderIds()
        let counts = await router.orderCounts()
        let health = await client.health()
        let symbols = config.universe.enabledSymbols

        var venueOrders = 0
        var duplicates: [String] = []
        if let loopback {
            let journal = await loopback.venue.journal()
            venueOrders = journal.entries.count
            duplicates = journal.duplicatedClientOrderIds
        } else {
            for symbol in symbols {
                let orders = try await client.allOrders(symbol: symbol)
                venueOrders += orders.count
                let byId = Dictionary(grouping: orders, by: \.clientOrderId)
                duplicates += byId.filter { $0.value.count > 1 }.keys.sorted()
            }
        }
        let open = try await client.openOrders(symbol: nil)
        let orphans = open.filter { !known.contains($0.clientOrderId) }.map { "\($0.symbol) \($0.clientOrderId)" }.sorted()

        var drift: [String] = []
        let positions = try await client.positions()
        var venueLegs: [String: Double] = [:]
        for position in positions { venueLegs["\(position.symbol) \(position.side.rawValue)"] = position.quantity.analyticsDouble }
        for symbol in Set(symbols).union(positions.map(\.symbol)).sorted() {
            for leg in PositionSide.allCases {
                let daemon = await router.filledQuantity(symbol: symbol, leg: leg)
                let venue = venueLegs["\(symbol) \(leg.rawValue)"] ?? 0
                if abs(daemon - venue) > 1e-9 * max(1, abs(venue)) {
                    drift.append("\(symbol) \(leg.rawValue) daemon=\(daemon) venue=\(venue)")
                }
            }
        }
        return SoakSummary(
            venue: plan.restURL, durationSeconds: Double(elapsed.wholeMilliseconds) / 1000, orders: counts.orders,
            filledOrders: counts.filledOrders, venueOrders: venueOrders, retries: health.retries, reconnects: health.reconnects,
            duplicates: duplicates, orphans: orphans, positionDrift: drift, crashes: crashes, alerts: health.alerts)
    }
}
