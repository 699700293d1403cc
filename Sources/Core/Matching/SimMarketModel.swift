import Foundation

/// How the simulated venue quotes and measures a symbol's market from its bars: the book after
/// a bar, the 24 h traded value, the depth near the touch. One model, used by `SimExchange` (what
/// the daemon sees on the sim venue) and by the backtest (what its router and universe filters
/// see), so the two price, size and filter orders alike.
public enum SimMarketModel {
    /// The book quoted after `bar`: bid and ask `halfSpreadBps` either side of the close, on the
    /// tick grid (bid down, ask up; at least one tick apart), each showing the bar's volume times
    /// `participation` on the step grid (at least one step).
    public static func quote(after bar: Bar, halfSpreadBps: Double, participation: Double, filters: VenueFilters?) -> BookTop? {
        let half = bar.close * max(0, halfSpreadBps) / 10_000
        guard let rawBid = Decimal(shortestRepresentationOf: bar.close - half),
              let rawAsk = Decimal(shortestRepresentationOf: bar.close + half) else { return nil }
        let tick = filters?.price.tickSize ?? 0
        var bid = rawBid.rounded(toMultipleOf: tick, .down)
        var ask = rawAsk.rounded(toMultipleOf: tick, .up)
        if ask <= bid {
            // No spread configured and no grid to widen onto: one part in a million each way.
            let gap = tick > 0 ? tick : max(rawBid / 1_000_000, Decimal(sign: .plus, exponent: -12, significand: 1))
            bid = tick > 0 ? bid : bid - gap
            ask = bid + (tick > 0 ? tick : 2 * gap)
        }
        let step = filters?.lot.stepSize ?? 0
        let shown = (Decimal(shortestRepresentationOf: bar.volume * participation) ?? 0).rounded(toMultipleOf: step, .down)
        let quantity = max(shown, step)
        return BookTop(bidPrice: bid, bidQuantity: quantity, askPrice: ask, askQuantity: quantity)
    }

    /// The liquidity filters' reading of a symbol from its recent bars and its book, as the
    /// universe actor reads it from the sim venue (24 h value, spread, thinner side's notional
    /// within `LiquidityFilter.depthBandBps` of the mid).
    public static func liquidity(_ window: RollingLiquidityWindow, participation: Double, book: BookTop) -> LiquidityReading? {
        guard let volume = window.quoteVolume24h else { return nil }
        return liquidity(quoteVolume24h: volume, meanHourVolume: window.meanHourVolume, participation: participation, book: book)
    }

    /// The same reading from a window's two figures, taken earlier (the backtest evaluates a
    /// universe check when a decision needs it, from what the check saw).
    public static func liquidity(quoteVolume24h volume: Double, meanHourVolume: Double, participation: Double, book: BookTop) -> LiquidityReading {
        let mid = book.mid.analyticsDouble
        let spread = book.isValid && mid > 0 ? (book.askPrice - book.bidPrice).analyticsDouble / mid * 10_000 : .infinity
        let quantity = depthQuantity(meanHourVolume: meanHourVolume, participation: participation, book: book).analyticsDouble
        return LiquidityReading(quoteVolume24hUSD: volume, spreadBps: spread,
                                depthUSD: depthWithin(bid: book.bidPrice.analyticsDouble, ask: book.askPrice.analyticsDouble,
                                                      quantity: quantity, bps: LiquidityFilter.depthBandBps))
    }

    /// The quantity resting at each side of the touch: the last hour's mean bar volume times
    /// `participation` (what one order could take), at least what `book` shows.
    public static func depthQuantity(_ window: RollingLiquidityWindow, participation: Double, book: BookTop) -> Decimal {
        depthQuantity(meanHourVolume: window.meanHourVolume, participation: participation, book: book)
    }

    static func depthQuantity(meanHourVolume: Double, participation: Double, book: BookTop) -> Decimal {
        Decimal(shortestRepresentationOf: meanHourVolume * participation).map { max($0, book.bidQuantity) } ?? book.bidQuantity
    }

    /// The thinner side's notional within `bps` of the mid of a one-level book (`OrderBookDepth.notionalWithin`).
    static func depthWithin(bid: Double, ask: Double, quantity: Double, bps: Double) -> Double {
        guard bid > 0, ask >= bid else { return 0 }
        let mid = (bid + ask) / 2
        let band = mid * bps / 10_000
        let bidSide = bid >= mid - band ? bid * quantity : 0
        let askSide = ask <= mid + band ? ask * quantity : 0
        return min(bidSide, askSide)
    }
}
