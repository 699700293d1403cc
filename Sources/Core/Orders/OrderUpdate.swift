import Foundation

/// The venue's view of one order at one moment, from the user stream or a REST query or
/// acknowledgement body. Fed to `OrderStateMachine` as `OrderEvent.update`.
///
/// Quantities base asset, prices and quote amounts quote asset (USDT), times venue epoch ms.
public struct OrderUpdate: Sendable, Hashable {
    /// Must equal the machine's client order id; anything else is refused.
    public var clientOrderId: String
    public var status: OrderStatus
    /// Cumulative filled quantity (Binance `z` / `executedQty`). Nil for sources that only report
    /// executions (then `lastFill` advances the cumulative, de-duplicated by trade id).
    public var cumulativeFilled: Decimal?
    /// Average price of `cumulativeFilled` (Binance `ap` / `avgPrice`), when any filled.
    public var averagePrice: Decimal?
    /// Cumulative quote amount filled (Binance REST `cumQuote`), exact where the average price
    /// is rounded; preferred over `averagePrice × cumulativeFilled` when present.
    public var cumulativeQuote: Decimal?
    /// The execution that caused this update, when one did.
    public var lastFill: TradeReport?
    /// The venue's order id, when the source carries it.
    public var venueOrderId: String?
    /// Venue time of this state, epoch ms.
    public var updateTimeMs: Int64
    /// Why the venue rejected, expired or canceled it, when it says.
    public var reason: String?

    public init(clientOrderId: String, status: OrderStatus, cumulativeFilled: Decimal?, averagePrice: Decimal? = nil,
                cumulativeQuote: Decimal? = nil, lastFill: TradeReport? = nil, venueOrderId: String? = nil,
                updateTimeMs: Int64, reason: String? = nil) {
        self.clientOrderId = clientOrderId
        self.status = status
        self.cumulativeFilled = cumulativeFilled
        self.averagePrice = averagePrice
        self.cumulativeQuote = cumulativeQuote
        self.lastFill = lastFill
        self.venueOrderId = venueOrderId
        self.updateTimeMs = updateTimeMs
        self.reason = reason
    }
}
