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

extension MakerAttemptOutcome {
    /// How an attempt that ended with `status` ended, for the plan (the router and the backtest
    /// read it the same way): nil when someone other than the router canceled it with nothing
    /// filled (a person or the venue stopped it: the entry is abandoned, not fought for).
    ///
    /// - Parameters:
    ///   - filled: what the venue reported filled.
    ///   - canceledForTimeout: the router canceled it for resting past its window.
    ///   - refusedForCrossing: the venue refused it because it would have crossed (Binance -5022).
    public init?(status: OrderStatus, filled: Decimal, canceledForTimeout: Bool, refusedForCrossing: Bool, reason: String?) {
        switch status {
        case .filled:
            self = .filled
        case .rejected where refusedForCrossing:
            self = .expiredWouldCross
        case .rejected:
            self = .rejected(reason: reason ?? "rejected")
        case .canceled where !canceledForTimeout && filled == 0:
            return nil
        case .expired where filled == 0 && !canceledForTimeout:
            self = .expiredWouldCross
        default:
            self = filled > 0 ? .partiallyFilled(quantity: filled) : .timedOut
        }
    }
}
