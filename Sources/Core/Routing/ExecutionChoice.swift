import Foundation

/// The router's first move for an order: rest a post-only order or take liquidity.
public enum ExecutionChoice: Sendable, Hashable {
    /// Post-only (GTX) limit at `price` (quote asset, on the tick grid, never crossing),
    /// `offsetBps` behind the touch.
    case maker(price: Decimal, offsetBps: Double)
    /// Take liquidity now, subject to `checkTakerSlippage`.
    case taker(reason: TakerReason)
}
