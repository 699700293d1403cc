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
    guard book.isValid else { return nil }
    if let price = gridMakerPrice(side: side, book: book, offsetBps: offsetBps, tick: filters.price.tickSize) { return price }
    return exactMakerPrice(side: side, book: book, offsetBps: offsetBps, filters: filters)
}

/// The maker price when a `Double` estimate settles it: the touch moved by the offset, in
/// ticks, rounded away from the other side, is k ticks unless the estimate lies within its
/// error of a grid line. Then k × tick is exact and costs one product, where the exact path's
/// four `Decimal` operations cost ~3 µs on Linux on every maker order. Nil (the caller takes
/// the exact path) near a grid line, when the result would cross the book, or without a tick.
private func gridMakerPrice(side: Side, book: BookTop, offsetBps: Double, tick: Decimal) -> Decimal? {
    guard tick > 0, offsetBps.isFinite else { return nil }
    let touch = side == .buy ? book.bidPrice : book.askPrice
    let factor = side == .buy ? 1 - offsetBps / 10_000 : 1 + offsetBps / 10_000
    let ticks = touch.analyticsDouble * factor / tick.analyticsDouble
    // A handful of roundings leave a relative error near 1e-15; 1e-12 is a wide margin.
    guard ticks.isFinite, ticks >= 1, ticks < 1e12, abs(ticks - ticks.rounded()) > ticks * 1e-12 else { return nil }
    let price = Decimal(UInt64(ticks.rounded(side == .buy ? .down : .up))) * tick
    // Crossing the book is the exact path's business (it moves the price one tick short).
    let clear = side == .buy ? price < book.askPrice : price > book.bidPrice
    return clear ? price : nil
}

/// The maker price in exact `Decimal` arithmetic: the reference, and the path for prices near
/// a grid line, without a tick, or crossing the book.
func exactMakerPrice(side: Side, book: BookTop, offsetBps: Double, filters: VenueFilters) -> Decimal? {
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
