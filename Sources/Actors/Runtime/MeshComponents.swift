import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

/// The actors of one daemon, wired to each other. Built by `Runtime` from the config, the flag
/// snapshot, a venue and a clock.
struct MeshComponents: Sendable {
    let telemetry: TelemetryActor
    let nav: NavSampler
    let universe: UniverseActor
    let risk: RiskActor
    let router: RouterActor
    let shadow: ShadowActor
    let intel: IntelActor
    let signal: SignalActor
    let jobs: JobLedger
    /// Reconciles with the venue before any entry; nil without a store.
    let reconciler: Reconciler?
    /// `runtime.yaml` `router` and the configured universe, for the router's policies.
    let routerPolicies: RouterPolicyConfig
    let configuredUniverse: PairsUniverse
    /// `strategy_config.json` `max_hold_minutes` per strategy, in ms.
    let maxHoldMs: [String: Int64]

    init(config: HedgeConfig, exchange: any ExchangeClient, time: MeshClock, sink: any TelemetrySink,
         persistence: DaemonPersistence?, reconciled: Latch, logger: Logger) {
        let runId = persistence?.runId ?? "local"
        routerPolicies = config.runtime.router
        configuredUniverse = config.universe
        maxHoldMs = config.strategies.maxHoldMsByStrategy
        telemetry = TelemetryActor(sink: sink, logger: logger)
        nav = NavSampler(exchange: exchange, time: time, recorder: persistence?.recorder, runId: runId, logger: logger)
        universe = UniverseActor(exchange: exchange, universe: config.universe, logger: logger)
        risk = RiskActor(limits: config.riskLimits, universe: config.universe, telemetry: telemetry, time: time,
                         recorder: persistence?.recorder, runId: runId, logger: logger)
        router = RouterActor(exchange: exchange, telemetry: telemetry, time: time, runId: runId,
                             recording: persistence?.orderRecording, logger: logger)
        shadow = ShadowActor(risk: risk, router: router, telemetry: telemetry, time: time, flags: config.flags, logger: logger)
        intel = IntelActor(telemetry: telemetry, router: router, time: time, flags: config.flags, limits: config.riskLimits,
                           autotuneAllowlist: config.runtime.router.autotuneAllowlist, risk: risk, logger: logger)
        let tiers = config.universe.tierBySymbol
        let strategies = config.strategies.enabledNames.compactMap {
            config.strategies.strategies[$0]?.parameters.makeStrategy(tiers: tiers, gate: .allowAll)
        }
        signal = SignalActor(strategies: strategies, regime: config.strategies.regime, risk: risk, router: router, shadow: shadow,
                             logger: logger)
        jobs = JobLedger(time: time)
        if let persistence {
            reconciler = Reconciler(router: router, risk: risk, exchange: exchange, store: persistence.store,
                                    policy: config.runtime.unknownOrders, symbols: config.universe.enabledSymbols,
                                    latestFillMs: persistence.snapshot.latestFillMs, time: time, done: reconciled, logger: logger)
        } else {
            reconciler = nil
            reconciled.open()
        }
    }

    /// Continues what the store held: risk counters and kill switch, the intel ledger, router
    /// metrics and open legs, the NAV curve, and the orders earlier runs left unfinished
    /// (reconciliation then asks the venue about them).
    func restore(from snapshot: StoreSnapshot) async {
        await risk.restore(counters: snapshot.riskCounters?.counters, killSwitch: snapshot.killSwitch)
        await intel.restore(trades: snapshot.closedTrades)
        await router.restore(openLegs: snapshot.openLegs, metrics: snapshot.orderMetrics)
        await nav.restore(history: snapshot.navHistory)
        for order in snapshot.unfinishedOrders {
            await router.resume(order, fills: snapshot.unfinishedOrderFills[order.clientOrderId] ?? [])
        }
    }

    /// Connects the closed-trade feed (router → risk counters and intel ledger) and the universe
    /// refresh on a symbol's first bar (a venue may list a symbol only once it trades).
    func connect(time: MeshClock) async {
        let risk = risk, intel = intel, universe = universe, router = router
        await router.onClosedTrade { trade in
            await risk.record(trade)
            await intel.record(trade)
        }
        await router.onOrderLog { written in await risk.orderLog(written: written) }
        let signal = signal
        await intel.onGate { gate in await signal.updateGate(gate) }
        let exposureFeed = ExposureFeed()
        await router.reportExposure(to: exposureFeed)
        await risk.follow(exposureFeed)
        await router.configurePolicies(routerPolicies, universe: configuredUniverse)
        await router.configureMaxHold(maxHoldMs)
        let nav = nav
        await router.onResync {
            let sample = await nav.sample()
            await risk.updateAccount(nav: sample, positions: await nav.positions)
        }
        await signal.onNewSymbol { _ in
            await universe.refresh(nowMs: time.nowMs(), discover: false)
            await router.updateFilters(await universe.filters)
            await risk.updateUniverse(await universe.effectiveUniverse)
        }
    }
}

/// Which periodic job ran how often and when last: `v6_runtime_probe.json`, the proof that the
/// mesh is alive even when nothing trades.
actor JobLedger {
    struct Entry: Codable, Sendable {
        var intervalSeconds: Double
        var runs: Int
        var lastRunAt: String?

        enum CodingKeys: String, CodingKey {
            case runs
            case intervalSeconds = "interval_s"
            case lastRunAt = "last_run_at"
        }
    }

    private let time: MeshClock
    private(set) var entries: [String: Entry] = [:]
    /// When each job last ran, on the monotonic clock (readiness: a job late by twice its
    /// interval means its state files are stale).
    private(set) var lastRunMonotonicMs: [String: Int64] = [:]

    init(time: MeshClock) { self.time = time }

    func ran(_ job: String, interval: Duration) {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        var entry = entries[job] ?? Entry(intervalSeconds: seconds, runs: 0, lastRunAt: nil)
        entry.runs += 1
        entry.lastRunAt = UTCTime.iso8601(ms: time.nowMs())
        entries[job] = entry
        lastRunMonotonicMs[job] = time.monotonicMs()
    }

    /// Jobs that have not run for more than twice their interval, each as one line.
    func late(nowMonotonicMs now: Int64) -> [String] {
        entries.keys.sorted().compactMap { job in
            guard let entry = entries[job], let last = lastRunMonotonicMs[job] else { return nil }
            let ageSeconds = Double(now - last) / 1000
            return ageSeconds > 2 * entry.intervalSeconds
                ? "\(job) last ran \(Int(ageSeconds)) s ago (interval \(Int(entry.intervalSeconds)) s): its state files are stale" : nil
        }
    }
}
