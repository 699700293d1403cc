import Foundation

/// How one post-only (GTX) attempt ended, as the RouterActor learned it from the order's state
/// machine. Fed to `MakerFallbackPlan.next(after:book:)`.
public enum MakerAttemptOutcome: Sendable, Hashable {
    /// The attempt filled completely.
    case filled
    /// The attempt filled `quantity` (base asset, > 0) and then ended (expired, or canceled after
    /// resting too long) without the rest.
    case partiallyFilled(quantity: Decimal)
    /// The venue expired it because it would have crossed and taken (Binance GTX → EXPIRED):
    /// the market moved through the price.
    case expiredWouldCross
    /// It rested for the router's maker window without filling and was canceled.
    case timedOut
    /// The venue refused it for a reason a re-price does not fix (a filter, margin, a
    /// reduce-only conflict).
    case rejected(reason: String)
}
