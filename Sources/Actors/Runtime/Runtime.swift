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

    /// The outcome of the last drain, once `run` has returned.
    public var drainReport: DrainReport? { get async { await report.value } }

    /// `Service.run`: runs until graceful shutdown, then drains.
    public func run() async throws {
        let (trigger, continuation) = AsyncStream.makeStream(of: Void.self)
        let result = try await withGracefulShutdownHandler {
            try await run(until: trigger)
        } onGracefulShutdown: {
            continuation.yield()
        }
        await report.set(result)
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
            let symbols = config.universe.enabledSymbols
            group.addTask { try await mesh.signal.consume(exchange.marketEvents(symbols: symbols)) }
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
        var machine = DrainStateMachine(policy: config.runtime.drain.onShutdown, deadline: config.runtime.drain.deadline)
        var actions = machine.handle(.shutdownRequested(nowMs: time.nowMs()))
        logger.notice("draining", metadata: ["on_shutdown": "\(config.runtime.drain.onShutdown.rawValue)"])

        let outcome: DrainReport = await withTaskGroup(of: DrainReport?.self) { group in
            group.addTask {
                // The deadline, on the injected clock.
                try? await time.clock.sleep(for: config.runtime.drain.deadline)
                return nil
            }
            group.addTask {
                await mesh.signal.stop()
                await mesh.risk.stopAcceptingIntents()
                await mesh.router.beginDrain()
                live.cancel()
                _ = await live.result
                let working = Set(await mesh.router.workingOrderIds())
                return DrainReport(working: working)
            }
            // First result: the deadline (nil) or intake stopped.
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? DrainReport(forcedAt: "intake")
        }
        if case .forced = outcome.phase { return finishForced(mesh, outcome, userStream: userStream, telemetry: telemetry, machine: &machine) }

        actions += machine.handle(.intentsStopped(workingOrderIds: outcome.working))
        let settled = await settle(mesh, actions: actions, machine: &machine)
        actions = settled
        if machine.phase == .forced {
            return finishForced(mesh, DrainReport(forcedAt: "orders"), userStream: userStream, telemetry: telemetry, machine: &machine)
        }
        // Final state files, then the flush (the telemetry queue drains, the sink closes).
        for job in jobs(mesh) { await job.work() }
        mesh.telemetry.finish()
        await telemetry.value
        userStream.cancel()
        actions = machine.handle(.flushed)
        let exit = actions.compactMap { if case .exit(let code, let abandoned) = $0 { (code, abandoned) } else { nil } }.first
        logger.notice("drained", metadata: ["exit": "\(exit?.0 ?? 0)"])
        return DrainReport(phase: machine.phase, exitCode: exit?.0 ?? 0, abandoned: exit?.1 ?? [],
                           leftOpen: machine.leftOpenOrderIds.sorted(), working: [])
    }

    /// Cancels (or leaves) working orders and waits for them and in-flight calls, up to the deadline.
    private func settle(_ mesh: MeshComponents, actions: [DrainAction], machine: inout DrainStateMachine) async -> [DrainAction] {
        var result: [DrainAction] = []
        if actions.contains(where: { if case .cancelOrders = $0 { true } else { false } }) {
            await mesh.router.cancelWorkingOrders()
        }
        let deadline = config.runtime.drain.deadline
        var waited: Duration = .zero
        let step: Duration = .milliseconds(50)
        while machine.phase == .settlingOrders {
            let working = Set(await mesh.router.workingOrderIds())
            let inFlight = await mesh.router.callsInFlight
            for id in machine.pendingOrderIds where !working.contains(id) {
                result += machine.handle(.orderSettled(clientOrderId: id))
            }
            if machine.phase != .settlingOrders || (machine.pendingOrderIds.isEmpty && inFlight == 0) { break }
            if waited >= deadline {
                result += machine.handle(.deadlinePassed)
                break
            }
            // Poll on the injected clock: venue answers arrive through the user stream meanwhile.
            try? await time.clock.sleep(for: step)
            waited += step
        }
        return result
    }

    private func finishForced(_ mesh: MeshComponents, _ partial: DrainReport, userStream: Task<Void, any Error>,
                              telemetry: Task<Void, Never>, machine: inout DrainStateMachine) -> DrainReport {
        let actions = machine.handle(.deadlinePassed)
        let exit = actions.compactMap { if case .exit(let code, let abandoned) = $0 { (code, abandoned) } else { nil } }.first
        mesh.telemetry.finish()
        userStream.cancel()
        logger.error("drain forced: deadline passed", metadata: ["abandoned": "\((exit?.1 ?? []).joined(separator: ","))"])
        return DrainReport(phase: .forced, exitCode: exit?.0 ?? DrainStateMachine.forcedExitCode, abandoned: exit?.1 ?? [partial.forcedStep ?? "unknown"],
                           leftOpen: [], working: partial.working)
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
    var forcedStep: String?

    init(phase: DrainPhase, exitCode: Int32, abandoned: [String], leftOpen: [String], working: Set<String>) {
        self.phase = phase
        self.exitCode = exitCode
        self.abandoned = abandoned
        self.leftOpen = leftOpen
        self.working = working
    }

    init(working: Set<String>) {
        self.init(phase: .settlingOrders, exitCode: 0, abandoned: [], leftOpen: [], working: working)
    }

    init(forcedAt step: String) {
        self.init(phase: .forced, exitCode: DrainStateMachine.forcedExitCode, abandoned: [step], leftOpen: [], working: [])
        forcedStep = step
    }
}

/// Holds the last drain report across the `Service.run` boundary.
actor ReportBox {
    private(set) var value: DrainReport?
    func set(_ report: DrainReport) { value = report }
}
