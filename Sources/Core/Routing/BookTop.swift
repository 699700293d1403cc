import Foundation

/// The best bid and ask of one symbol at one moment (Binance `bookTicker`). Prices are quote
/// asset (USDT), quantities base asset, all `Decimal` because maker prices are derived from them.
/// A value: the RouterActor takes one at decision time and keeps it to measure slippage.
public struct BookTop: Sendable, Hashable {
    /// Best bid price.
    public var bidPrice: Decimal
    /// Quantity resting at the best bid.
    public var bidQuantity: Decimal
    /// Best ask price.
    public var askPrice: Decimal
    /// Quantity resting at the best ask.
    public var askQuantity: Decimal

    public init(bidPrice: Decimal, bidQuantity: Decimal, askPrice: Decimal, askQuantity: Decimal) {
        self.bidPrice = bidPrice
        self.bidQuantity = bidQuantity
        self.askPrice = askPrice
        self.askQuantity = askQuantity
    }

    /// True when both prices are finite, the bid is > 0 and the ask is above the bid. A
    /// locked or crossed book is stale or broken data; nothing is priced from it.
    public var isValid: Bool {
        bidPrice.isFinite && askPrice.isFinite && bidPrice > 0 && askPrice > bidPrice
    }

    /// (bid + ask) / 2, quote asset, exact. Computed as a product with 0.5: the same value, and
    /// `Decimal` division is some 25 times slower than multiplication (it was a measurable part
    /// of the router's time per order).
    public var mid: Decimal { (bidPrice + askPrice) * Self.half }

    private static let half = Decimal(sign: .plus, exponent: -1, significand: 5)

    /// ask − bid, quote asset, exact.
    public var spread: Decimal { askPrice - bidPrice }

    /// The spread in basis points of mid; analytics, hence `Double`. Nil when the book is not
    /// valid.
    public var spreadBps: Double? {
        guard isValid else { return nil }
        return (spread / mid * 10_000).analyticsDouble
    }

    /// The price a taker order on `side` meets: the ask for a BUY, the bid for a SELL.
    public func touch(for side: Side) -> Decimal {
        side == .buy ? askPrice : bidPrice
    }

    /// The best price on `side`'s own side of the book, where its maker order queues: the bid
    /// for a BUY, the ask for a SELL.
    public func near(for side: Side) -> Decimal {
        side == .buy ? bidPrice : askPrice
    }
}
