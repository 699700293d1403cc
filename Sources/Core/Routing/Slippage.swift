import Foundation

/// Slippage of an execution price against the mid at decision time, in basis points of that
/// mid; analytics, hence `Double`. Positive is adverse: a BUY paid above mid, a SELL received
/// below mid; negative means price improvement.
///
/// - Returns: nil when `mid` is not > 0 or either value is not finite.
public func slippageBps(side: Side, price: Decimal, mid: Decimal) -> Double? {
    guard price.isFinite, mid.isFinite, mid > 0 else { return nil }
    return slippageBpsDecimal(side: side, price: price, mid: mid).analyticsDouble
}

/// The same slippage in exact decimal, for comparisons against a budget at its boundary.
func slippageBpsDecimal(side: Side, price: Decimal, mid: Decimal) -> Decimal {
    let adverse = side == .buy ? price - mid : mid - price
    return adverse / mid * 10_000
}
