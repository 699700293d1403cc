import Foundation

/// One execution as the venue reports it beside an order update (Binance `l`, `L`, `n`, `t`,
/// `m` of ORDER_TRADE_UPDATE). Quantity base asset, price quote asset, fee USD (USDT).
/// A value carried by `OrderUpdate.lastFill`.
public struct TradeReport: Sendable, Hashable {
    /// Quantity of this execution, base asset, > 0.
    public var quantity: Decimal
    /// Price of this execution, quote asset, > 0.
    public var price: Decimal
    /// Fee charged for it, USD, ≥ 0 (a rebate may be negative).
    public var feeUSD: Decimal
    public var liquidity: Liquidity
    /// The venue's trade id, unique per execution: the de-duplication key.
    public var tradeId: String

    public init(quantity: Decimal, price: Decimal, feeUSD: Decimal, liquidity: Liquidity, tradeId: String) {
        self.quantity = quantity
        self.price = price
        self.feeUSD = feeUSD
        self.liquidity = liquidity
        self.tradeId = tradeId
    }
}
