import HedgeCore
import HedgeExchange
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
    public let logger: Logger
    private let report: ReportBox
    /// Opens once the market stream is subscribed (see `waitUntilSubscribed()`).
    private let marketSubscribed = ReadinessLatch()
    /// The actors, built once per runtime.
    let mesh: MeshComponents

    public var description: String { "hedge runtime (\(exchange.venueName), \(config.runtime.mode.rawValue))" }

    public init(config: HedgeConfig, exchange: any ExchangeClient, time: MeshClock, sink: any TelemetrySink,
                feed: (@Sendable () async throws -> Void)? = nil, logger: Logger = Logger(label: "hedge")) {
        self.config = config
        self.exchange = exchange
        self.time = time
        self.sink = sink
        self.feed = feed
        self.logger = logger
        report = ReportBox()
        mesh = MeshComponents(config: config, exchange: exchange, time: time, sink: sink, logger: logger)
    }

    /// Bars whose signals have been fully acted on (risk decided, orders sent): lets a driver
    /// (a benchmark, a test) step the venue one bar at a time.
    public func barsProcessed() async -> Int { await mesh.signal.barsProcessed }

    /// The order router: what the daemon believes it sent and holds (the soak compares this
    /// with the venue).
    public var router: RouterActor { mesh.router }

    /// The signal actor (a benchmark waits on its bar-processed hook).
    public var signal: SignalActor { mesh.signal }

    /// Returns once `run` has subscribed to the venue's market stream: an event the venue emits
    /// after this reaches the signal actor. A driver that steps a simulated venue waits for it
    /// before its first step (an event emitted earlier has no subscriber and is lost).
    public func waitUntilSubscribed() async { await marketSubscribed.wait() }

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
    public func run(until shutdown: AsyncStream<Void>) async throws -> DrainReport {
        await mesh.connect(time: time)
        logger.info("starting", metadata: [
            "venue": "\(exchange.venueName)", "mode": "\(config.runtime.mode.rawValue)",
            "flags": "\(FeatureFlag.allCases.map { "\($0.name)=\(config.flags.isEnabled($0) ? 1 : 0)" }.joined(separator: ","))",
        ])
        let telemetryTask = Task { await mesh.telemetry.run() }
        let userStream = Task { try await mesh.router.consume(exchange.userEvents()) }
        let live = Task { try await runLive(mesh) }

        for await _ in shutdown { break }
        let result = await drain(mesh, live: live, userStream: userStream, telemetry: telemetryTask)
        await report.set(result)
        return result
    }

    /// Everything that runs until the drain: the feed, the market consumer, the periodic jobs.
    private func runLive(_ mesh: MeshComponents) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Subscribed here, not inside the task, so readiness means what it says.
            let market = exchange.marketEvents(symbols: config.universe.enabledSymbols)
            await marketSubscribed.open()
            group.addTask { try await mesh.signal.consume(market) }
            if let feed { group.addTask { try await feed() } }
            for job in jobs(mesh) {
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

    private func drain(_ mesh: MeshComponents, live: Task<Void, any Error>, userStream: Task<Void, any Error>,
                       telemetry: Task<Void, Never>) async -> DrainReport {
        let progress = DrainProgress(DrainStateMachine(policy: config.runtime.drain.onShutdown, deadline: config.runtime.drain.deadline))
        logger.notice("draining", metadata: ["on_shutdown": "\(config.runtime.drain.onShutdown.rawValue)"])
        // One deadline for the whole drain, on the injected clock. Work that overruns it keeps
        // running in its own task, but the daemon does not wait for it.
        let clean = await withDeadline(config.runtime.drain.deadline, on: time.clock) {
            await drainSteps(mesh, progress: progress, live: live, userStream: userStream, telemetry: telemetry)
        }
        if let clean { return clean }
        let exit = await progress.handle(.deadlinePassed).exitAction
        mesh.telemetry.finish()
        userStream.cancel()
        let abandoned = exit?.abandoned ?? ["unknown"]
        logger.error("drain forced: deadline passed", metadata: ["abandoned": "\(abandoned.joined(separator: ","))"])
        return DrainReport(phase: .forced, exitCode: exit?.code ?? DrainStateMachine.forcedExitCode, abandoned: abandoned,
                           leftOpen: [], working: [])
    }

    /// The drain in order: stop intents (awaiting a bar's in-flight venue call), settle working
    /// orders, write the final state files, flush.
    private func drainSteps(_ mesh: MeshComponents, progress: DrainProgress, live: Task<Void, any Error>,
                            userStream: Task<Void, any Error>, telemetry: Task<Void, Never>) async -> DrainReport {
        _ = await progress.handle(.shutdownRequested(nowMs: time.nowMs()))
        await mesh.signal.stop()
        await mesh.risk.stopAcceptingIntents()
        await mesh.router.beginDrain()
        live.cancel()
        _ = await live.result
        let working = Set(await mesh.router.workingOrderIds())
        let actions = await progress.handle(.intentsStopped(workingOrderIds: working))
        if actions.contains(where: { if case .cancelOrders = $0 { true } else { false } }) {
            await mesh.router.cancelWorkingOrders()
        }
        // Wait for the cancels' answers (they arrive on the user stream) and in-flight calls.
        while await progress.phase == .settlingOrders {
            let stillWorking = Set(await mesh.router.workingOrderIds())
            for id in await progress.pendingOrderIds where !stillWorking.contains(id) {
                _ = await progress.handle(.orderSettled(clientOrderId: id))
            }
            if await progress.phase != .settlingOrders { break }
            if await progress.pendingOrderIds.isEmpty, await mesh.router.callsInFlight == 0 { break }
            try? await time.clock.sleep(for: .milliseconds(50))
        }
        for job in jobs(mesh) { await job.work() }
        mesh.telemetry.finish()
        await telemetry.value
        userStream.cancel()
        let exit = await progress.handle(.flushed).exitAction
        let leftOpen = await progress.leftOpenOrderIds
        logger.notice("drained", metadata: ["exit": "\(exit?.code ?? 0)"])
        return DrainReport(phase: await progress.phase, exitCode: exit?.code ?? 0, abandoned: exit?.abandoned ?? [],
                           leftOpen: leftOpen.sorted(), working: [])
    }
}

/// The drain's state machine behind an actor, so the deadline path can read how far it got.
actor DrainProgress {
    private var machine: DrainStateMachine

    init(_ machine: DrainStateMachine) { self.machine = machine }

    func handle(_ event: DrainEvent) -> [DrainAction] { machine.handle(event) }
    var phase: DrainPhase { machine.phase }
    var pendingOrderIds: Set<String> { machine.pendingOrderIds }
    var leftOpenOrderIds: Set<String> { machine.leftOpenOrderIds }
}

extension [DrainAction] {
    /// The exit the actions ask for, if any.
    var exitAction: (code: Int32, abandoned: [String])? {
        for action in self { if case .exit(let code, let abandoned) = action { return (code, abandoned) } }
        return nil
    }
}

/// How a drain ended.
public struct DrainReport: Sendable, Hashable {
    public var phase: DrainPhase
    /// 0 for a clean drain; non-zero when forced.
    public var exitCode: Int32
    /// What a forced drain left behind (`order:<id>`, `flush`, `intake`).
    public var abandoned: [String]
    /// Orders deliberately left working (`on_shutdown: leave`).
    public var leftOpen: [String]
    var working: Set<String>

    init(phase: DrainPhase, exitCode: Int32, abandoned: [String], leftOpen: [String], working: Set<String>) {
        self.phase = phase
        self.exitCode = exitCode
        self.abandoned = abandoned
        self.leftOpen = leftOpen
        self.working = working
    }

}

/// Holds the last drain report across the `Service.run` boundary.
actor ReportBox {
    private(set) var value: DrainReport?
    func set(_ report: DrainReport) { value = report }
}
