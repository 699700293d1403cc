import Foundation

/// A price and quantity that have been rounded to a symbol's grids and passed every filter:
/// safe to send. Only `VenueFilters.sizeLimitOrder` and `sizeMarketOrder` build one.
public struct OrderSizing: Sendable, Hashable {
    /// The limit price on the tick grid, quote asset; for a market order, the reference price
    /// the notional was checked against (not sent).
    public let price: Decimal
    /// The quantity on the step grid, base asset; never more than was asked for.
    public let quantity: Decimal
    /// price × quantity, quote asset (USDT), exact.
    public let notional: Decimal

    init(price: Decimal, quantity: Decimal) {
        self.price = price
        self.quantity = quantity
        self.notional = price * quantity
    }

    /// The price as the venue's `price` parameter, e.g. `"94230.2"`.
    public var priceString: String { price.venueString }
    /// The quantity as the venue's `quantity` parameter, e.g. `"0.001"`.
    public var quantityString: String { quantity.venueString }
}
