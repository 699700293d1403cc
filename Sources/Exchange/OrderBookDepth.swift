import Foundation
import HedgeCore

/// One price level of an order book.
public struct PriceLevel: Sendable, Hashable {
    public var price: Decimal
    public var quantity: Decimal

    public init(price: Decimal, quantity: Decimal) {
        self.price = price
        self.quantity = quantity
    }
}

/// The best levels of each side of a symbol's order book, best first (what Binance
/// `GET /fapi/v1/depth` answers).
public struct OrderBookDepth: Sendable, Hashable {
    public var bids: [PriceLevel]
    public var asks: [PriceLevel]

    public init(bids: [PriceLevel], asks: [PriceLevel]) {
        self.bids = bids
        self.asks = asks
    }

    /// The thinner side's notional, in quote currency, resting within `bps` of the mid: what an
    /// order of that size could take without moving the price further than that. 0 for a book
    /// with an empty side.
    public func notionalWithin(bps: Double) -> Double {
        guard let bestBid = bids.first?.price.analyticsDouble, let bestAsk = asks.first?.price.analyticsDouble,
              bestBid > 0, bestAsk >= bestBid else { return 0 }
        let mid = (bestBid + bestAsk) / 2
        let band = mid * bps / 10_000
        func notional(_ levels: [PriceLevel], inside: (Double) -> Bool) -> Double {
            levels.reduce(0) { sum, level in
                let price = level.price.analyticsDouble
                return inside(price) ? sum + price * level.quantity.analyticsDouble : sum
            }
        }
        let bidSide = notional(bids) { $0 >= mid - band }
        let askSide = notional(asks) { $0 <= mid + band }
        return min(bidSide, askSide)
    }
}
