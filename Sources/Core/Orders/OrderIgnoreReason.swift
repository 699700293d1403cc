/// Why `OrderStateMachine` applied nothing for an event. Logged by the owner (metadata
/// `ignored`), never an error: duplicates and stale updates are normal on venue streams.
public enum OrderIgnoreReason: Sendable, Hashable {
    /// The update names another order (`clientOrderId` given).
    case wrongClientOrderId(String)
    /// Nothing new: same status, no higher cumulative fill, trade id already seen, or an ack
    /// already emitted.
    case duplicate
    /// The status is behind the known one (a NEW after a PARTIALLY_FILLED) and no fill is new.
    case staleStatus(OrderStatus)
    /// The order is closed with this status; the event changes nothing.
    case closed(OrderStatus)
    /// The event makes no sense in this phase (an ack before any send, a second cancel).
    case unexpected(OrderPhase)
    /// Negative, zero or non-finite quantities or prices where positive finite ones belong.
    case invalidUpdate
    /// The update reports new filled quantity but no price for it (no trade report, quote or
    /// average price): not applied; the machine asks for a query instead.
    case unpricedFill
}
