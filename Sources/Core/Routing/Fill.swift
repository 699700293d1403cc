import Foundation

/// One execution of an order at one price (a partial or the whole fill). Price quote asset,
/// quantity base asset, as the venue reported them.
public struct Fill: Sendable, Hashable {
    public var price: Decimal
    public var quantity: Decimal

    public init(price: Decimal, quantity: Decimal) {
        self.price = price
        self.quantity = quantity
    }
}

/// The quantity-weighted average price of `fills`, Σ(price × quantity) / Σ quantity, quote
/// asset. Exact except that the final division keeps 38 significant digits.
///
/// - Returns: nil when there is no filled quantity, or when a fill has a non-positive or
///   non-finite price or a negative or non-finite quantity (bad data must not average in).
public func effectivePrice(of fills: some Sequence<Fill>) -> Decimal? {
    var cost = Decimal(0)
    var quantity = Decimal(0)
    for fill in fills {
        guard fill.price.isFinite, fill.price > 0, fill.quantity.isFinite, fill.quantity >= 0 else { return nil }
        cost += fill.price * fill.quantity
        quantity += fill.quantity
    }
    guard quantity > 0 else { return nil }
    return cost / quantity
}
