import HedgeCore
import HedgeExchange
import HedgeStore
import Logging
import ServiceLifecycle

/// One daemon: builds the mesh from the config, the flag snapshot, a venue and a clock, runs it,
/// and drains it when asked. A `Service`: under a `ServiceGroup`, SIGTERM/SIGINT arrive as
/// graceful shutdown and start the drain; `run(until:)` is the same path driven by a test or by
/// `--duration`.
///
/// The drain (see `DrainStateMachine`): stop intents → cancel or leave working orders (per
/// `drain.on_shutdown`) and await in-flight venue calls → final state files → flush JSONL → done,
/// all within `drain.deadline`; past it, the drain is forced and says what it abandoned.
public struct Runtime: Service, Sendable, CustomStringConvertible {
    public let config: HedgeConfig
    public let exchange: any ExchangeClient
    public let time: MeshClock
    public let sink: any TelemetrySink
    /// Drives the venue's feed when it is simulated (`SimReplay.run`); nil for a real venue.
    public let feed: (@Sendable () async throws -> Void)?
    /// A sim replay the runtime drives itself, bar by bar as fast as the mesh takes them, with
    /// the periodic jobs in market time (`Runtime+Lockstep`); it drains at the end of the data.
    public let lockstep: LockstepFeed?
    /// The store, the order journal and what they held at start; nil runs without a store.
    public let persistence: DaemonPersistence?
    public let logger: Logger
    private let report: ReportBox
    /// Opens once the market stream is subscribed (see `waitUntilSubscribed()`).
    let marketSubscribed = Latch()
    /// Opens once reconciliation with the venue completed (at once without a store).
    let reconciled = Latch()
    /// Opens once the user stream is subscribed (a lockstep driver counts its events from then).
    let userSubscribed = Latch()
    /// Opens once the strategies are warmed up from the venue's history.
    let warmedUp = Latch()
    /// Opens when a lockstep replay reached the end of its data: the runtime drains.
    let endOfData = Latch()
    /// The actors, built once per runtime.
    let mesh: MeshComponents
    /// Restarts of the supervised streams after failures.
    public let restarts = RestartCounts()
    /// Where the operator HTTP server listens, once it does (`v6_runtime_probe.json` `http`).
    public let operatorAddress = OperatorAddress()
    /// systemd's notify socket (`READY=1`, `WATCHDOG=1`, `STOPPING=1`); does nothing outside systemd.
    public let notifier: SystemdNotifier

    public var description: String { "hedge runtime (\(exchange.venueName), \(config.runtime.mode.rawValue))" }

    public init(config: HedgeConfig, exchange: any ExchangeClient, time: MeshClock, sink: any TelemetrySink,
                feed: (@Sendable () async throws -> Void)? = nil, lockstep: LockstepFeed? = nil, persistence: DaemonPersistence? = nil,
                notifier: SystemdNotifier = SystemdNotifier(), logger: Logger = Logger(label: "hedge")) {
        self.notifier = notifier
        self.config = config
        self.exchange = exchange
        self.time = time
        self.sink = sink
        self.feed = feed
        self.lockstep = lockstep
        self.persistence = persistence
        self.logger = logger
        report = ReportBox()
        mesh = MeshComponents(config: config, exchange: exchange, time: time, sink: sink, persistence: persistence,
                              reconciled: reconciled, logger: logger)
    }

    /// How many periodic jobs run (a test waiting for them all to sleep on its clock needs it).
    public var periodicJobCount: Int { jobs(mesh).count }

    /// Bars whose signals have been fully acted on (risk decided, orders sent): lets a driver
    /// (a benchmark, a test) step the venue one bar at a time.
    public func barsProcessed() async -> Int { await mesh.signal.barsProcessed }

    /// The order router: what the daemon believes it sent and holds (the soak compares this
    /// with the venue).
    public var router: RouterActor { mesh.router }

    /// The risk actor (a benchmark reports its vetoes).
    public var risk: RiskActor { mesh.risk }

    /// The signal actor (a benchmark waits on its bar-processed hook).
    public var signal: SignalActor { mesh.signal }

    /// Returns once `run` has subscribed to the venue's market stream: an event the venue emits
    /// after this reaches the signal actor. A driver that steps a simulated venue waits for it
    /// before its first step (an event emitted earlier has no subscriber and is lost).
    public func waitUntilSubscribed() async { await marketSubscribed.wait() }

    /// Returns once the runtime may open positions: the market stream is subscribed and
    /// reconciliation with the venue completed (entries are vetoed until then).
    public func waitUntilTrading() async {
        await marketSubscribed.wait()
        await reconciled.wait()
    }

    /// The outcome of the last drain, once `run` has returned.
    public var drainReport: DrainReport? { get async { await report.value } }

    /// `Service.run`: runs until graceful shutdown, then drains.
    public func run() async throws {
        let (trigger, continuation) = AsyncStream.makeStream(of: Void.self)
        // `run(until:)` records the drain report for `drainReport`.
        _ = try await withGracefulShutdownHandler {
            try await run(until: trigger)
        } onGracefulShutdown: {
            continuation.yield()
        }
    }

    /// Runs until `shutdown` yields (or finishes), then drains and returns how the drain went.
    ///
    /// Structured: telemetry, the user stream and the live part (market data, feed, periodic
    /// jobs) are child tasks of one group. The drain stops them in its order through latches —
    /// the live part first, the user stream once working orders are settled, telemetry once its
    /// queue is written — and the group ends only when all three have.
    public func run(until shutdown: AsyncStream<Void>) async throws -> DrainReport {
        await mesh.connect(time: time)
        if let persistence {
            await mesh.restore(from: persistence.snapshot)
            logger.notice("restored from the store", metadata: [
                "store": "\(persistence.store.location)", "run": "\(persistence.runId)",
                "unfinished_orders": "\(persistence.snapshot.unfinishedOrders.count)",
                "open_legs": "\(persistence.snapshot.openLegs.count)", "closed_trades": "\(persistence.snapshot.closedTrades.count)",
                "risk_counters": "\(persistence.snapshot.riskCounters == nil ? "fresh" : "restored")",
                "kill_switch": "\(persistence.snapshot.killSwitch?.engaged == true ? "on" : "off")",
            ])
        }
        logger.info("starting", metadata: [
            "venue": "\(exchange.venueName)", "mode": "\(config.runtime.mode.rawValue)",
            "flags": "\(FeatureFlag.allCases.map { "\($0.name)=\(config.flags.isEnabled($0) ? 1 : 0)" }.joined(separator: ","))",
        ])
        let parts = RunningParts()
        let result = await withTaskGroup(of: Void.self, returning: DrainReport.self) { group in
            group.addTask {
                await mesh.telemetry.run()
                parts.telemetryEnded.open()
            }
            if let recorder = persistence?.recorder {
                group.addTask {
                    await recorder.run()
                    parts.storeEnded.open()
                }
            } else {
                parts.storeEnded.open()
            }
            group.addTask {
                await Self.run("user stream", until: parts.stopUserStream, logger: logger) {
                    await Supervised.run("user_stream", restarts: restarts, time: time, logger: logger) {
                        let events = exchange.userEvents()
                        userSubscribed.open()
                        try await mesh.router.consume(events)
                    }
                }
            }
            group.addTask {
                await Self.run("live", until: parts.stopLive, logger: logger) { try await runLive(mesh) }
                parts.liveEnded.open()
            }
            group.addTask { [notifier, logger] in
                // systemd (Type=notify): ready once the streams are subscribed and reconciliation
                // is done; a no-op outside systemd.
                await Self.run("readiness", until: parts.stopLive, logger: logger) {
                    await waitUntilTrading()
                    if notifier.notify("READY=1") { logger.notice("told systemd: ready") }
                }
            }
            await Self.firstOf(shutdown, endOfData)
            notifier.notify("STOPPING=1")
            let report = await drain(mesh, parts: parts)
            // Whatever the drain reached, every part ends now; a forced drain does not wait for them.
            parts.stopLive.open()
            parts.stopUserStream.open()
            mesh.telemetry.finish()
            persistence?.recorder.finish()
            if report.phase == .forced { group.cancelAll() }
            await group.waitForAll()
            return report
        }
        await report.set(result)
        return result
    }

    /// Returns when `shutdown` yields or finishes, or when `latch` opens (a lockstep replay's
    /// end of data), whichever comes first.
    static func firstOf(_ shutdown: AsyncStream<Void>, _ latch: Latch) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in shutdown { break } }
            group.addTask { await latch.wait() }
            _ = await group.next()
            group.cancelAll()
        }
    }

    /// Runs `work` until it returns, or until `stop` opens (then `work` is cancelled and awaited).
    /// An error other than cancellation is logged: one part ending must not end the others.
    static func run(_ name: String, until stop: Latch, logger: Logger, _ work: @escaping @Sendable () async throws -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await work()
                } catch is CancellationError {
                    return
                } catch {
                    if !stop.isOpen { logger.error("\(name) ended with an error", metadata: ["error": "\(error)"]) }
                }
            }
            group.addTask { await stop.wait() }
            _ = await group.next()
            group.cancelAll()
        }
    }

    /// Everything that runs until the drain: the feed, the market consumer, the periodic jobs.
    /// Each is its own child task and none can end the others: a market stream that fails is
    /// resubscribed (with backoff, counted), a feed that fails is logged and ends, and the jobs
    /// keep writing the state files whatever happens to the streams.
    private func runLive(_ mesh: MeshComponents) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Subscribed here, not inside the task, so readiness means what it says.
            let symbols = config.universe.enabledSymbols
            let market = exchange.marketEvents(symbols: symbols)
            marketSubscribed.open()
            group.addTask { [exchange, restarts, time, logger] in
                // History first (the stream buffers meanwhile), so signals do not wait for a
                // strategy's longest window after every start.
                await mesh.signal.warmUp(from: exchange, symbols: symbols)
                warmedUp.open()
                var first: AsyncThrowingStream<MarketEvent, any Error>? = market
                await Supervised.run("market_stream", restarts: restarts, time: time, logger: logger) {
                    let events = first ?? exchange.marketEvents(symbols: symbols)
                    first = nil
                    try await mesh.signal.consume(events)
                }
            }
            if let feed {
                group.addTask { [logger] in
                    do {
                        try await feed()
                    } catch is CancellationError {
                        return
                    } catch {
                        logger.error("the sim venue's feed stopped; the market stays where it is", metadata: ["error": "\(error)"])
                    }
                }
            }
            if let lockstep {
                // The replay and the jobs run in market time, one bar at a time, in one task.
                group.addTask { try await runLockstep(lockstep, mesh: mesh) }
            }
            for job in jobs(mesh) where lockstep == nil {
                group.addTask {
                    try await PeriodicJob.run(every: job.interval, on: time.clock, runImmediately: true) {
                        await job.work()
                        await mesh.jobs.ran(job.name, interval: job.interval)
                    }
                }
            }
            // The jobs only end by cancellation (the drain); a feed or stream that ends is fine.
            while let _ = try await group.next() {}
        }
    }
}

