import Foundation

/// A symbol's `PRICE_FILTER` from Binance exchangeInfo: the price grid and range a limit order
/// must respect. Values are quote-asset prices (USDT for USD-M). As on the venue, a zero disables
/// its rule (no grid, no minimum, no maximum). Owned by the UniverseActor inside `VenueFilters`.
public struct PriceFilter: Sendable, Hashable {
    /// Price increment, quote asset; zero disables the grid.
    public var tickSize: Decimal
    /// Lowest accepted price, quote asset; zero disables the check.
    public var minPrice: Decimal
    /// Highest accepted price, quote asset; zero disables the check.
    public var maxPrice: Decimal

    public init(tickSize: Decimal, minPrice: Decimal, maxPrice: Decimal) {
        self.tickSize = tickSize
        self.minPrice = minPrice
        self.maxPrice = maxPrice
    }
}
