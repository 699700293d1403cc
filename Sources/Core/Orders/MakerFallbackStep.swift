import Foundation

/// What the router does next for one order under `MakerFallbackPlan`. Quantities base asset,
/// prices quote asset.
public enum MakerFallbackStep: Sendable, Hashable {
    /// Send a post-only (GTX) limit order: attempt `attempt` (0 is the first) at `price`,
    /// `offsetBps` behind the touch.
    case postOnly(attempt: Int, price: Decimal, offsetBps: Double, quantity: Decimal)
    /// Send a taker order; the slippage guard allowed it with the touch at `expectedPrice`,
    /// `expectedSlippageBps` beyond mid. `reason` is why the router took straight away; nil
    /// means a fallback after post-only attempts.
    case take(quantity: Decimal, expectedPrice: Decimal, expectedSlippageBps: Double, reason: TakerReason?)
    /// Nothing more to send. `unfilledQuantity` is zero after a complete fill, or what is left
    /// when it is below the venue's minimum quantity.
    case done(unfilledQuantity: Decimal)
    /// Stop without trading the rest.
    case giveUp(MakerFallbackStopReason)
}
