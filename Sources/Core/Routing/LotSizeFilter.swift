import Foundation

/// A symbol's `LOT_SIZE` (limit orders) or `MARKET_LOT_SIZE` (market orders) filter from
/// Binance exchangeInfo: the quantity grid and range. Quantities are in the base asset
/// (contracts for USD-M). A zero `stepSize` or `maxQty` disables that rule, as on the venue.
public struct LotSizeFilter: Sendable, Hashable {
    /// Quantity increment, base asset; zero disables the grid.
    public var stepSize: Decimal
    /// Smallest accepted quantity, base asset.
    public var minQty: Decimal
    /// Largest accepted quantity, base asset; zero disables the check.
    public var maxQty: Decimal

    public init(stepSize: Decimal, minQty: Decimal, maxQty: Decimal) {
        self.stepSize = stepSize
        self.minQty = minQty
        self.maxQty = maxQty
    }
}
