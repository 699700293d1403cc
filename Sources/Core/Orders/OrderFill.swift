import Foundation

/// One fill the owner records (a `FILL` line of `orders_executed.jsonl`, a position change).
/// Quantity base asset, price quote asset, fee USD.
///
/// A fill derived from cumulative quantities (no per-trade report covered it) has no fee,
/// liquidity or trade id: the venue did not say, and the machine does not guess.
public struct OrderFill: Sendable, Hashable {
    /// > 0.
    public var quantity: Decimal
    /// > 0.
    public var price: Decimal
    public var feeUSD: Decimal?
    public var liquidity: Liquidity?
    public var tradeId: String?

    public init(quantity: Decimal, price: Decimal, feeUSD: Decimal? = nil, liquidity: Liquidity? = nil, tradeId: String? = nil) {
        self.quantity = quantity
        self.price = price
        self.feeUSD = feeUSD
        self.liquidity = liquidity
        self.tradeId = tradeId
    }

    /// This fill as the routing math's `Fill`, for `effectivePrice(of:)`.
    public var fill: Fill { Fill(price: price, quantity: quantity) }
}
