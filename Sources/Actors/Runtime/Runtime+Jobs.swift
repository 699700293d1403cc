import Foundation
import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

extension Runtime {
    /// The periodic jobs, each on its own interval (runtime.yaml `intervals`), each writing its
    /// state files every time it runs, flags on or off.
    func jobs(_ mesh: MeshComponents) -> [(name: String, interval: Duration, work: @Sendable () async -> Void)] {
        let intervals = config.runtime.intervals
        let limits = config.riskLimits
        let time = time
        let store = persistence?.store
        let killSwitchFile = limits.global.killSwitchFile
        let logger = logger
        var list: [(name: String, interval: Duration, work: @Sendable () async -> Void)] = [
            // The kill switch as the operator set it (`hedge kill`, in the store) and its file:
            // picked up within a second, on the monotonic clock.
            ("kill_switch", Self.killSwitchInterval, {
                var engaged = false
                if let store {
                    do {
                        engaged = try await store.killSwitch()?.engaged ?? false
                    } catch {
                        // Fail closed: a kill switch that cannot be read is treated as engaged.
                        engaged = true
                        logger.error("kill switch unreadable in the store; treated as engaged", metadata: ["error": "\(error)"])
                    }
                }
                await mesh.risk.setKillSwitch(operator: engaged, file: FileManager.default.fileExists(atPath: killSwitchFile))
            }),
        ]
        // systemd's watchdog: fed while the periodic jobs run (a stalled job loop stops feeding
        // it, and systemd restarts the daemon).
        if let watchdog = notifier.watchdogInterval {
            let notifier = notifier
            list.append(("watchdog", watchdog, { notifier.notify("WATCHDOG=1") }))
        }
        // Unknown outcomes are queried within seconds, not at the next user-stream gap.
        list.append(("order_timeouts", Self.orderTimeoutInterval, { await mesh.router.checkTimeouts() }))
        if let reconciler = mesh.reconciler {
            list.append(("reconcile", Self.reconcileInterval, { await reconciler.run() }))
        }
        let periodic: [(name: String, interval: Duration, work: @Sendable () async -> Void)] = [
            ("nav", intervals.nav, {
                let sample = await mesh.nav.sample()
                await mesh.risk.updateAccount(nav: sample, positions: await mesh.nav.positions)
                let now = time.nowMs()
                mesh.telemetry.submitState(.nav, await mesh.nav.navPayload(maxAgeSeconds: limits.global.navMaxAgeSeconds), timeMs: now)
                mesh.telemetry.submitState(.positions, await mesh.nav.positionsPayload(), timeMs: now)
            }),
            ("universe", intervals.universe, {
                await mesh.universe.refresh(nowMs: time.nowMs())
                await mesh.router.updateFilters(await mesh.universe.filters)
                await mesh.risk.updateUniverse(await mesh.universe.effectiveUniverse)
                mesh.telemetry.submitState(.universe, await mesh.universe.payload(), timeMs: time.nowMs())
            }),
            ("intel", intervals.intel, {
                await mesh.intel.run(universe: await mesh.universe.effectiveUniverse, navUSD: await mesh.nav.latest?.sample.navUSD ?? 0)
            }),
            ("router_health", intervals.routerHealth, {
                mesh.telemetry.submitState(.routerHealth, await mesh.router.healthPayload(), timeMs: time.nowMs())
            }),
            ("risk_snapshot", intervals.riskSnapshot, {
                mesh.telemetry.submitState(.riskSnapshot, await mesh.risk.snapshotPayload(symbol: nil), timeMs: time.nowMs())
            }),
            ("shadow_heartbeat", intervals.shadowHeartbeat, {
                await mesh.shadow.heartbeat(symbols: await mesh.universe.tradableSymbols, navUSD: await mesh.nav.latest?.sample.navUSD ?? 0)
            }),
            ("compare", intervals.compare, {
                await mesh.shadow.compare()
            }),
            ("synced_state", intervals.syncedState, {
                let now = time.nowMs()
                let nav = await mesh.nav.latest?.sample
                let positions = await mesh.nav.positionsPayload()
                let risk = await mesh.risk.snapshotPayload(symbol: nil)
                let jobs = await mesh.jobs.entries
                mesh.telemetry.submitState(.syncedState, SyncedStatePayload(
                    items: .init(positions: positions.positions, vetoesByCode: risk.vetoesByCode, acceptingIntents: risk.acceptingIntents),
                    nav: nav), timeMs: now)
                let health = await self.exchange.health()
                mesh.telemetry.submitState(.runtimeProbe, RuntimeProbePayload(
                    venue: self.exchange.venueName, mode: self.config.runtime.mode, jobs: jobs,
                    marketEventsDropped: self.exchange.droppedMarketEvents, venueHealth: health,
                    flagSources: Dictionary(uniqueKeysWithValues: FeatureFlag.allCases.map { ($0.name, self.config.flags.entry($0).source.rawValue) }),
                    reconciliation: await mesh.reconciler?.report ?? .notApplicable, restarts: self.restarts.snapshot,
                    telemetry: await mesh.telemetry.probe(),
                    store: self.persistence.map { StoreProbe(persistence: $0) }, http: self.operatorAddress.current),
                    timeMs: now)
            }),
        ]
        return list + periodic
    }

    /// How often the kill switch is read (it takes effect within this).
    static let killSwitchInterval: Duration = .seconds(1)
    /// How often unfinished orders are checked against their timeouts.
    static let orderTimeoutInterval: Duration = .seconds(1)
    /// How often reconciliation is retried until it completes (and halts are re-checked after).
    static let reconcileInterval: Duration = .seconds(5)
}

/// `v6_runtime_probe.json` `store`: where the daemon records, under which run, and how the
/// write-behind writes went.
struct StoreProbe: Encodable, Sendable {
    var location: String
    var runId: String
    var written: Int
    var refused: Int
    var failed: Int

    init(persistence: DaemonPersistence) {
        location = persistence.store.location
        runId = persistence.runId
        (written, refused, failed) = persistence.recorder.counts
    }

    enum CodingKeys: String, CodingKey {
        case location, written, refused, failed
        case runId = "run_id"
    }
}

/// `synced_state.json`: `{items, nav, engine_version, v6_flags, updated_at}` (the envelope adds
/// the last three).
struct SyncedStatePayload: Encodable, Sendable {
    struct Items: Encodable, Sendable {
        var positions: [PositionsPayload.Leg]
        var vetoesByCode: [String: Int]
        var acceptingIntents: Bool

        enum CodingKeys: String, CodingKey {
            case positions
            case vetoesByCode = "vetoes_by_code"
            case acceptingIntents = "accepting_intents"
        }
    }

    var items: Items
    var nav: NavSample?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nav, forKey: .nav)
    }

    enum CodingKeys: String, CodingKey { case items, nav }
}

/// `v6_runtime_probe.json`: every periodic job with its interval, run count and last run.
struct RuntimeProbePayload: Encodable, Sendable {
    var venue: String
    var mode: RunMode
    var jobs: [String: JobLedger.Entry]
    var marketEventsDropped: Int
    /// The venue connection's alerts (an IP ban), clock offset, rate-limit use, retries and reconnects.
    var venueHealth: VenueHealth
    var flagSources: [String: String]
    /// What reconciliation with the venue found and did (`not applicable` without a store).
    var reconciliation: ReconciliationReport
    /// Restarts of the market and user streams after failures, by stream.
    var restarts: [String: Int]
    /// Telemetry writes done and failed (a failing disk shows here and in an error line each time).
    var telemetry: TelemetryHealth
    /// The store, when there is one.
    var store: StoreProbe?
    /// Where the operator HTTP server listens (`host:port`), once it does.
    var http: String?

    enum CodingKeys: String, CodingKey {
        case venue, mode, jobs, reconciliation, restarts, telemetry, store, http
        case marketEventsDropped = "market_events_dropped"
        case venueHealth = "venue_health"
        case flagSources = "flag_sources"
    }
}
