/// The graceful stop as a value: running → stoppingIntents → settlingOrders → flushing → done,
/// or forced by a second signal or the deadline. Owned by the runtime's shutdown sequence,
/// which performs the actions; no clock reads, no I/O.
///
/// Rules, each table-tested in `DrainStateMachineTests`:
/// - `cancel` policy: every order working once intake stopped is canceled and awaited.
///   `leave` policy: they stay open at the venue (recorded in `leftOpenOrderIds`, not abandoned),
///   and the drain goes straight to flushing.
/// - Flushing covers the JSONL logs and the final state files (`flush`, `writeFinalState`);
///   `flushed` ends the drain with exit code 0.
/// - The deadline (`shutdownRequested` time + `deadline`) or a second signal before `done`
///   forces the exit with `forcedExitCode`, listing what was abandoned: `order:<id>` for each
///   order still working, `flush` when logs and state were not confirmed written, `intake` when
///   intake was not confirmed stopped.
/// - After `done` or `forced` every event is ignored (an order settling after the deadline
///   changes nothing). Ignored events return no actions.
public struct DrainStateMachine: Sendable, Hashable {
    /// Exit code of a drain forced by a second signal or the deadline.
    public static let forcedExitCode: Int32 = 1

    public let policy: ShutdownOrderPolicy
    /// How long the drain may take from the stop request.
    public let deadline: Duration

    public private(set) var phase: DrainPhase = .running
    /// When the drain must be over, owner's clock epoch ms; nil until a stop is requested.
    public private(set) var deadlineMs: Int64?
    /// Orders canceled and not yet settled (client order ids).
    public private(set) var pendingOrderIds: Set<String> = []
    /// Orders left open at the venue under the `leave` policy.
    public private(set) var leftOpenOrderIds: Set<String> = []

    public init(policy: ShutdownOrderPolicy, deadline: Duration) {
        self.policy = policy
        self.deadline = deadline
    }

    /// Applies `event`; returns the actions to perform in order, empty when the event is ignored.
    public mutating func handle(_ event: DrainEvent) -> [DrainAction] {
        switch (phase, event) {
        case (.running, .shutdownRequested(let nowMs)):
            phase = .stoppingIntents
            deadlineMs = nowMs + deadline.wholeMilliseconds
            return [.stopAcceptingIntents]
        case (.stoppingIntents, .intentsStopped(let working)):
            return settle(working)
        case (.settlingOrders, .orderSettled(let id)):
            guard pendingOrderIds.remove(id) != nil else { return [] }
            return pendingOrderIds.isEmpty ? beginFlushing() : []
        case (.settlingOrders, .allOrdersSettled):
            pendingOrderIds = []
            return beginFlushing()
        case (.flushing, .flushed):
            phase = .done
            return [.exit(code: 0, abandoned: [])]
        case (.stoppingIntents, .deadlinePassed), (.settlingOrders, .deadlinePassed), (.flushing, .deadlinePassed),
             (.stoppingIntents, .secondSignal), (.settlingOrders, .secondSignal), (.flushing, .secondSignal):
            return force()
        default:
            return []
        }
    }

    private mutating func settle(_ working: Set<String>) -> [DrainAction] {
        switch policy {
        case .cancel where !working.isEmpty:
            phase = .settlingOrders
            pendingOrderIds = working
            return [.cancelOrders(working.sorted())]
        case .cancel:
            return beginFlushing()
        case .leave:
            leftOpenOrderIds = working
            return beginFlushing()
        }
    }

    private mutating func beginFlushing() -> [DrainAction] {
        phase = .flushing
        return [.flush, .writeFinalState]
    }

    private mutating func force() -> [DrainAction] {
        var abandoned: [String] = []
        if phase == .stoppingIntents { abandoned.append("intake") }
        abandoned += pendingOrderIds.sorted().map { "order:\($0)" }
        abandoned.append("flush")
        phase = .forced
        return [.exit(code: Self.forcedExitCode, abandoned: abandoned)]
    }
}
