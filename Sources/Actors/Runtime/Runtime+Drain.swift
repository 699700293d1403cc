import HedgeCore
import HedgeExchange
import Logging

extension Runtime {
    func drain(_ mesh: MeshComponents, parts: RunningParts) async -> DrainReport {
        let progress = DrainProgress(DrainStateMachine(policy: config.runtime.drain.onShutdown, deadline: config.runtime.drain.deadline))
        logger.notice("draining", metadata: ["on_shutdown": "\(config.runtime.drain.onShutdown.rawValue)"])
        // One deadline for the whole drain, on the injected clock. Work that overruns it keeps
        // running in its own task, but the daemon does not wait for it.
        let clean = await withDeadline(config.runtime.drain.deadline, on: time.clock) {
            await drainSteps(mesh, progress: progress, parts: parts)
        }
        if let clean { return clean }
        let exit = await progress.handle(.deadlinePassed).exitAction
        let abandoned = exit?.abandoned ?? ["unknown"]
        logger.error("drain forced: deadline passed", metadata: ["abandoned": "\(abandoned.joined(separator: ","))"])
        return DrainReport(phase: .forced, exitCode: exit?.code ?? DrainStateMachine.forcedExitCode, abandoned: abandoned, leftOpen: [])
    }

    /// The drain in order: stop intents (awaiting a bar's in-flight venue call), settle working
    /// orders, write the final state files, flush.
    private func drainSteps(_ mesh: MeshComponents, progress: DrainProgress, parts: RunningParts) async -> DrainReport {
        _ = await progress.handle(.shutdownRequested(nowMs: time.nowMs()))
        await mesh.signal.stop()
        await mesh.risk.stopAcceptingIntents()
        await mesh.router.beginDrain()
        parts.stopLive.open()
        await parts.liveEnded.wait()
        // Protective orders stay on the venue: they guard the open position while the daemon is
        // down, and the next start adopts them.
        let working = Set(await mesh.router.workingOrderIds(excludingProtective: true))
        let protective = await mesh.router.protectiveOrderIds()
        if !protective.isEmpty {
            logger.notice("protective orders left working on the venue", metadata: ["orders": "\(protective.joined(separator: ","))"])
        }
        let actions = await progress.handle(.intentsStopped(workingOrderIds: working))
        if actions.contains(where: { if case .cancelOrders = $0 { true } else { false } }) {
            await mesh.router.cancelWorkingOrders()
        }
        // Wait for the cancels' answers (they arrive on the user stream) and in-flight calls.
        while await progress.phase == .settlingOrders {
            let stillWorking = Set(await mesh.router.workingOrderIds(excludingProtective: true))
            for id in await progress.pendingOrderIds where !stillWorking.contains(id) {
                _ = await progress.handle(.orderSettled(clientOrderId: id))
            }
            if await progress.phase != .settlingOrders { break }
            if await progress.pendingOrderIds.isEmpty, await mesh.router.callsInFlight == 0 { break }
            try? await time.clock.sleep(for: .milliseconds(50))
        }
        // The final state files; the watchdog is not fed any more (STOPPING=1 was said).
        for job in jobs(mesh) where job.name != "watchdog" { await job.work() }
        mesh.telemetry.finish()
        await parts.telemetryEnded.wait()
        // The store's last records (the drain's order updates, the final counters) are written
        // before the run's end is recorded.
        persistence?.recorder.finish()
        await parts.storeEnded.wait()
        parts.stopUserStream.open()
        let exit = await progress.handle(.flushed).exitAction
        let leftOpen = await progress.leftOpenOrderIds.union(protective)
        logger.notice("drained", metadata: ["exit": "\(exit?.code ?? 0)"])
        return DrainReport(phase: await progress.phase, exitCode: exit?.code ?? 0, abandoned: exit?.abandoned ?? [],
                           leftOpen: leftOpen.sorted())
    }
}

/// The latches through which the drain stops the runtime's long-running parts, in its order, and
/// learns that they have stopped.
struct RunningParts: Sendable {
    let stopLive = Latch()
    let liveEnded = Latch()
    let stopUserStream = Latch()
    let telemetryEnded = Latch()
    let storeEnded = Latch()
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

    init(phase: DrainPhase, exitCode: Int32, abandoned: [String], leftOpen: [String]) {
        self.phase = phase
        self.exitCode = exitCode
        self.abandoned = abandoned
        self.leftOpen = leftOpen
    }
}

/// Holds the last drain report across the `Service.run` boundary.
actor ReportBox {
    private(set) var value: DrainReport?
    func set(_ report: DrainReport) { value = report }
}
