/// What the owner of a `DrainStateMachine` (the runtime's shutdown sequence) reports.
public enum DrainEvent: Sendable, Hashable {
    /// The first stop signal, at `nowMs` (owner's clock, epoch ms): the deadline starts here.
    /// Repeats are ignored; the owner maps a second operator signal to `secondSignal`.
    case shutdownRequested(nowMs: Int64)
    /// Intake has stopped and every order already in flight is placed or closed;
    /// `workingOrderIds` are the client order ids still open at the venue. Taking the snapshot
    /// after intake stopped means no order can appear behind it.
    case intentsStopped(workingOrderIds: Set<String>)
    /// One working order reached a terminal status.
    case orderSettled(clientOrderId: String)
    /// Every working order reached a terminal status (e.g. after a reconcile query).
    case allOrdersSettled
    /// The JSONL logs are flushed and the final state files written.
    case flushed
    /// The drain deadline (`DrainStateMachine.deadlineMs`) has passed on the owner's clock.
    case deadlinePassed
    /// The operator signalled again: stop now.
    case secondSignal
}
