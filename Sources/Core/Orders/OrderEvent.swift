/// Everything that can happen to one order, as its owner (the RouterActor) observes it. Events
/// may arrive duplicated or out of order; `OrderStateMachine` sorts that out.
///
/// Times: `atMs` and `nowMs` are the owner's clock (epoch ms, from its injected clock);
/// `updateTimeMs` is the venue's.
public enum OrderEvent: Sendable, Hashable {
    /// The owner is sending the new-order request now (first send or a re-send).
    case submitted(atMs: Int64)
    /// The REST acknowledgement: the venue has the order. If the ack body also carries a status
    /// or fills (a taker order can be FILLED in its ack), feed that as an `update` next.
    case accepted(venueOrderId: String, updateTimeMs: Int64)
    /// The venue's view of the order, from the stream or a REST query.
    case update(OrderUpdate)
    /// The venue refused the new-order request definitively (a 4xx with an error code).
    case rejected(reason: String)
    /// The request failed. `outcomeUnknown == false`: it certainly did not take effect (it
    /// never left, or the venue answered with an error before acting). `true`: a timeout or
    /// 5xx, the order may exist.
    case submitFailed(outcomeUnknown: Bool, reason: String)
    /// The owner wants the order canceled (strategy, drain, or a maker attempt's time-out).
    case cancelRequested
    /// The cancel request failed. `unknownOrder == true`: the venue says it has no such open
    /// order (Binance -2011), i.e. it is already closed or never existed. `false`: a timeout or
    /// 5xx, outcome unknown.
    case cancelFailed(unknownOrder: Bool)
    /// A query found no such order at the venue.
    case queryNotFound
    /// A periodic check from the owner's timer.
    case timeout(nowMs: Int64)
}
