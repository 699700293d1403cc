import Foundation

/// The post-only (maker) limit price for `side`, `offsetBps` behind the touch, on the tick grid.
///
/// - BUY: bid × (1 − offset/10 000), rounded down to the tick.
/// - SELL: ask × (1 + offset/10 000), rounded up to the tick.
///
/// Guarantee: the price is never at or through the opposite side (a BUY is < ask, a SELL is
/// > bid), whatever the offset, so the venue never rejects it for crossing at decision time.
/// A negative offset (pricing inside the spread) is capped one tick short of the opposite side.
/// Price range filters are not checked here; `VenueFilters.sizeLimitOrder` does that.
///
/// - Parameters:
///   - offsetBps: basis points of the touch price (1 bps = 0.01 %).
/// - Returns: the price, quote asset; nil when the book is not valid, the offset is not
///   finite, or no positive grid price exists on the right side of the book.
public func makerPrice(side: Side, book: BookTop, offsetBps: Double, filters: VenueFilters) -> Decimal? {
    guard book.isValid, let offset = Decimal(shortestRepresentationOf: offsetBps) else { return nil }
    let tick = filters.price.tickSize
    let price: Decimal
    switch side {
    case .buy:
        var candidate = filters.roundPrice(book.bidPrice * (1 - offset * basisPoint), .down)
        if candidate >= book.askPrice {
            guard tick > 0 else { return nil }
            // The highest grid price strictly below the ask.
            let floor = filters.roundPrice(book.askPrice, .down)
            candidate = floor == book.askPrice ? floor - tick : floor
        }
        price = candidate
    case .sell:
        var candidate = filters.roundPrice(book.askPrice * (1 + offset * basisPoint), .up)
        if candidate <= book.bidPrice {
            guard tick > 0 else { return nil }
            // The lowest grid price strictly above the bid.
            let ceiling = filters.roundPrice(book.bidPrice, .up)
            candidate = ceiling == book.bidPrice ? ceiling + tick : ceiling
        }
        price = candidate
    }
    return price > 0 ? price : nil
}

/// One basis point, 10⁻⁴: a product with it is exact and much faster than dividing by 10 000.
private let basisPoint = Decimal(sign: .plus, exponent: -4, significand: 1)
