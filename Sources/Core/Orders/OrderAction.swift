/// What the owner of an `OrderStateMachine` must do after an event, in the order given.
public enum OrderAction: Sendable, Hashable {
    /// Record the `ACK` event: the venue has the order. Emitted at most once per order.
    case emitAck(venueOrderId: String?)
    /// Record one fill (a `FILL` event, a position change).
    case emitFill(OrderFill)
    /// Record the `CLOSE` event with the terminal status. Emitted at most once per order.
    case emitClose(status: OrderStatus, reason: String?)
    /// Ask the venue for the order by client order id and feed the answer back as `update` or
    /// `queryNotFound`.
    case queryOrder
    /// Send the new-order request again with the same client order id (then feed `submitted`).
    /// Only ever returned after the venue confirmed it has no such order.
    case resend
    /// Send a cancel by client order id (idempotent at the venue).
    case cancel
    /// Nothing applied; log why.
    case ignored(OrderIgnoreReason)
}
