import Foundation

extension VenueFilters {
    /// Trading rules for a simulated symbol that has none configured, from a reference price p
    /// (its first close), with k = ⌊log10 p⌋:
    ///
    /// - tick = 10^(k − 5): about six significant digits of price (BTC at 94 230 → 0.1,
    ///   ETH at 3 000 → 0.01, SOL at 150 → 0.001), as Binance USD-M quotes them;
    /// - step = minQty = 10^(1 − k): one step is worth 10–100 USD (BTC → 0.001, ETH → 0.01,
    ///   SOL → 0.1, DOGE at 0.2 → 100);
    /// - min notional 5 USD (Binance USD-M's usual value); no price or quantity maximum.
    ///
    /// Nil when the price is not finite and > 0.
    public static func simDefault(symbol: String, referencePrice price: Double) -> VenueFilters? {
        guard price.isFinite, price > 0 else { return nil }
        let magnitude = Int(log10(price).rounded(.down))
        let tick = Decimal(sign: .plus, exponent: magnitude - 5, significand: 1)
        let step = Decimal(sign: .plus, exponent: 1 - magnitude, significand: 1)
        return VenueFilters(
            symbol: symbol,
            price: PriceFilter(tickSize: tick, minPrice: tick, maxPrice: 0),
            lot: LotSizeFilter(stepSize: step, minQty: step, maxQty: 0),
            minNotional: 5)
    }
}
