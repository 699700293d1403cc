import Foundation

/// Why an order cannot be sent as sized: which venue filter failed and the values compared,
/// after rounding. Prices and notionals are quote asset (USDT), quantities base asset.
public enum OrderSizingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The price is zero, negative or NaN.
    case invalidPrice(Decimal)
    /// The requested quantity is zero, negative or NaN.
    case invalidQuantity(Decimal)
    /// Rounding down to the step left nothing to send.
    case quantityRoundsToZero(requested: Decimal, stepSize: Decimal)
    /// `PRICE_FILTER.minPrice`.
    case belowMinPrice(price: Decimal, minimum: Decimal)
    /// `PRICE_FILTER.maxPrice`.
    case aboveMaxPrice(price: Decimal, maximum: Decimal)
    /// `LOT_SIZE.minQty` (or `MARKET_LOT_SIZE.minQty`).
    case belowMinQuantity(quantity: Decimal, minimum: Decimal)
    /// `LOT_SIZE.maxQty` (or `MARKET_LOT_SIZE.maxQty`).
    case aboveMaxQuantity(quantity: Decimal, maximum: Decimal)
    /// `MIN_NOTIONAL.notional`.
    case belowMinNotional(notional: Decimal, minimum: Decimal)

    /// One line for an operator, naming the venue filter, e.g.
    /// `MIN_NOTIONAL: notional 4.9 is below the minimum 5`.
    public var description: String {
        switch self {
        case .invalidPrice(let price):
            "price must be > 0, got \(price.venueString)"
        case .invalidQuantity(let quantity):
            "quantity must be > 0, got \(quantity.venueString)"
        case .quantityRoundsToZero(let requested, let step):
            "LOT_SIZE: quantity \(requested.venueString) rounds down to 0 at step \(step.venueString)"
        case .belowMinPrice(let price, let minimum):
            "PRICE_FILTER: price \(price.venueString) is below minPrice \(minimum.venueString)"
        case .aboveMaxPrice(let price, let maximum):
            "PRICE_FILTER: price \(price.venueString) is above maxPrice \(maximum.venueString)"
        case .belowMinQuantity(let quantity, let minimum):
            "LOT_SIZE: quantity \(quantity.venueString) is below minQty \(minimum.venueString)"
        case .aboveMaxQuantity(let quantity, let maximum):
            "LOT_SIZE: quantity \(quantity.venueString) is above maxQty \(maximum.venueString)"
        case .belowMinNotional(let notional, let minimum):
            "MIN_NOTIONAL: notional \(notional.venueString) is below the minimum \(minimum.venueString)"
        }
    }
}
