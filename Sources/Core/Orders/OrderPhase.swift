/// Where one order stands from the router's side, including the stretch before the venue has
/// answered, which `OrderStatus` cannot express. Held by `OrderStateMachine`.
public enum OrderPhase: String, Sendable, Hashable, Codable {
    /// Created, not yet sent (or about to be re-sent after the venue confirmed it has no such
    /// order).
    case pendingSubmit
    /// Sent; neither the REST acknowledgement nor any stream update has arrived yet.
    case submitted
    /// The venue has the order and it is open (NEW or PARTIALLY_FILLED).
    case working
    /// A cancel was sent for an open (or not yet acknowledged) order; fills may still arrive.
    case cancelRequested
    /// The submit timed out or failed with a 5xx: the venue may or may not have the order. Only
    /// a query resolves this; nothing is re-sent until the venue says it has no such order.
    case unknown
    /// Terminal: `OrderStateMachine.status` says which (FILLED, CANCELED, REJECTED, EXPIRED).
    case closed
}
