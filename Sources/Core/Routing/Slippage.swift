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

/// The same slippage from analytics doubles: what fills and the shadow's route previews record,
/// so executed and expected compare like for like (the `Decimal` version divides, ~10 µs on
/// Linux, for a number that ends as a `Double`). 0 when `mid` is not > 0.
public func slippageBps(side: Side, price: Double, mid: Double) -> Double {
    guard mid > 0 else { return 0 }
    return (side == .buy ? price - mid : mid - price) / mid * 10_000
}

/// The same slippage in exact decimal, for comparisons against a budget at its boundary.
func slippageBpsDecimal(side: Side, price: Decimal, mid: Decimal) -> Decimal {
    let adverse = side == .buy ? price - mid : mid - price
    return adverse / mid * 10_000
}
