import Foundation

/// The trading rules one symbol's orders must satisfy, as published in Binance exchangeInfo
/// (`PRICE_FILTER`, `LOT_SIZE`, optional `MARKET_LOT_SIZE`, `MIN_NOTIONAL`). Rounding and the
/// checks against these rules live in one place, `VenueFilters+Sizing.swift`.
///
/// A plain value: the UniverseActor owns the current set per symbol and hands copies to the
/// router, the sizer and the shadow pipeline. Decoding exchangeInfo happens elsewhere.
public struct VenueFilters: Sendable, Hashable {
    /// The venue symbol these rules belong to, e.g. `BTCUSDT`.
    public var symbol: String
    public var price: PriceFilter
    /// `LOT_SIZE`: the quantity rules for limit orders.
    public var lot: LotSizeFilter
    /// `MARKET_LOT_SIZE`: the quantity rules for market orders, when the venue publishes them
    /// (USD-M often allows a larger `maxQty` for limit than for market orders, or the reverse).
    public var marketLot: LotSizeFilter?
    /// `MIN_NOTIONAL.notional`: the smallest price × quantity accepted, quote asset (USDT);
    /// zero disables the check. Binance exempts reduce-only orders (error -4164).
    public var minNotional: Decimal

    public init(symbol: String, price: PriceFilter, lot: LotSizeFilter, marketLot: LotSizeFilter? = nil, minNotional: Decimal) {
        self.symbol = symbol
        self.price = price
        self.lot = lot
        self.marketLot = marketLot
        self.minNotional = minNotional
    }

    /// Filters from the decimal strings exchangeInfo carries (`"0.10"`, `"0.001"`, `"100"`).
    ///
    /// Fails when a string is not a plain non-negative decimal (see `Decimal(venueString:)`),
    /// when a minimum exceeds its enabled maximum, or when only some of the three
    /// `MARKET_LOT_SIZE` strings are given.
    public init?(
        symbol: String,
        tickSize: String, minPrice: String, maxPrice: String,
        stepSize: String, minQty: String, maxQty: String,
        marketStepSize: String? = nil, marketMinQty: String? = nil, marketMaxQty: String? = nil,
        minNotional: String
    ) {
        guard let tick = Self.nonNegative(tickSize), let minP = Self.nonNegative(minPrice),
              let maxP = Self.nonNegative(maxPrice), let notional = Self.nonNegative(minNotional),
              let lot = Self.lot(stepSize, minQty, maxQty) else { return nil }
        guard maxP == 0 || minP <= maxP else { return nil }
        var marketLot: LotSizeFilter?
        switch (marketStepSize, marketMinQty, marketMaxQty) {
        case (nil, nil, nil):
            marketLot = nil
        case let (step?, min?, max?):
            guard let parsed = Self.lot(step, min, max) else { return nil }
            marketLot = parsed
        default:
            return nil
        }
        self.init(
            symbol: symbol,
            price: PriceFilter(tickSize: tick, minPrice: minP, maxPrice: maxP),
            lot: lot, marketLot: marketLot, minNotional: notional)
    }

    /// The quantity rules for `kind`: `LOT_SIZE` for limit orders; `MARKET_LOT_SIZE` for market
    /// orders, falling back to `LOT_SIZE` when the venue publishes none.
    public func lotFilter(for kind: LotKind) -> LotSizeFilter {
        switch kind {
        case .limit: lot
        case .market: marketLot ?? lot
        }
    }

    private static func nonNegative(_ string: String) -> Decimal? {
        guard let value = Decimal(venueString: string), value >= 0 else { return nil }
        return value
    }

    private static func lot(_ step: String, _ min: String, _ max: String) -> LotSizeFilter? {
        guard let step = nonNegative(step), let min = nonNegative(min), let max = nonNegative(max),
              max == 0 || min <= max else { return nil }
        return LotSizeFilter(stepSize: step, minQty: min, maxQty: max)
    }
}
