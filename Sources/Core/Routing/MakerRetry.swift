import Foundation

/// The offset for post-only attempt `attempt` (0 is the first), in basis points.
///
/// Decision: the offset shrinks linearly from `baseOffsetBps` on the first attempt to 0 (join
/// the touch) on the last, `base × (1 − attempt / (maxAttempts − 1))`. A post-only order is
/// rejected or times out when the market moves away from it; each retry sits closer to the
/// touch to raise the chance of a maker fill, and the last maker attempt is the most
/// aggressive resting price before the taker fallback. With the defaults (0.5 bps, 3
/// attempts): 0.5, 0.25, 0 bps. With one attempt the base offset is used.
///
/// - Returns: nil when `attempt` is negative or the attempts are used up (fall back to taker).
public func makerOffsetBps(attempt: Int, baseOffsetBps: Double, maxAttempts: Int) -> Double? {
    guard attempt >= 0, attempt < maxAttempts else { return nil }
    guard maxAttempts > 1 else { return baseOffsetBps }
    let remaining = Double(maxAttempts - 1 - attempt) / Double(maxAttempts - 1)
    return baseOffsetBps * remaining
}

/// The post-only price for attempt `attempt` (0 is the first) against a fresh `book`: the
/// policy's offset shrunk by `makerOffsetBps(attempt:baseOffsetBps:maxAttempts:)` and priced
/// by `makerPrice(side:book:offsetBps:filters:)`, so it never crosses either.
///
/// - Returns: the price (quote asset) and the offset used (bps); nil when the attempts are
///   used up or no maker price exists, which means: fall back to taker within the guard.
public func makerRetryPrice(
    attempt: Int, side: Side, book: BookTop, policy: RouterPolicy, filters: VenueFilters,
    parameters: RoutingParameters = .default
) -> (price: Decimal, offsetBps: Double)? {
    guard let offset = makerOffsetBps(attempt: attempt, baseOffsetBps: policy.offsetBps, maxAttempts: parameters.maxPostOnlyAttempts),
          let price = makerPrice(side: side, book: book, offsetBps: offset, filters: filters) else { return nil }
    return (price, offset)
}
