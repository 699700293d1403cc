import HedgeCore
import HedgeExchange

extension Runtime {
    /// The periodic jobs, each on its own interval (runtime.yaml `intervals`), each writing its
    /// state files every time it runs, flags on or off.
    func jobs(_ mesh: MeshComponents) -> [(name: String, interval: Duration, work: @Sendable () async -> Void)] {
        let intervals = config.runtime.intervals
        let limits = config.riskLimits
        let time = time
        return [
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
                await mesh.intel.run(universe: await mesh.universe.effectiveUniverse, navUSD: await mesh.nav.latest?.navUSD ?? 0)
            }),
            ("router_health", intervals.routerHealth, {
                mesh.telemetry.submitState(.routerHealth, await mesh.router.healthPayload(), timeMs: time.nowMs())
            }),
            ("risk_snapshot", intervals.riskSnapshot, {
                mesh.telemetry.submitState(.riskSnapshot, await mesh.risk.snapshotPayload(symbol: nil), timeMs: time.nowMs())
            }),
            ("shadow_heartbeat", intervals.shadowHeartbeat, {
                await mesh.shadow.heartbeat(symbols: await mesh.universe.tradableSymbols, navUSD: await mesh.nav.latest?.navUSD ?? 0)
            }),
            ("compare", intervals.compare, {
                await mesh.shadow.compare()
            }),
            ("synced_state", intervals.syncedState, {
                let now = time.nowMs()
                let nav = await mesh.nav.latest
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
                    flagSources: Dictionary(uniqueKeysWithValues: FeatureFlag.allCases.map { ($0.name, self.config.flags.entry($0).source.rawValue) })),
                    timeMs: now)
            }),
        ]
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

    enum CodingKeys: String, CodingKey {
        case venue, mode, jobs
        case marketEventsDropped = "market_events_dropped"
        case venueHealth = "venue_health"
        case flagSources = "flag_sources"
    }
}
