import Foundation

/// The pure maker-or-taker decision for one order at decision time. The RouterActor and the
/// ShadowActor both call it, so live and shadow choose alike.
///
/// In order:
/// 1. `urgency == .immediate` → taker (`.urgent`).
/// 2. `policy.makerFirst == false` → taker (`.makerDisabled`).
/// 3. An invalid book (locked, crossed, empty) → taker (`.invalidBook`); the slippage guard then
///    refuses the same book, so nothing is sent on bad data.
/// 4. `policy.takerBias ≥ parameters.highTakerBias` and the spread is tight (at most
///    `tightSpreadTicks` ticks, or at most `tightSpreadBps` of mid) → taker (`.tightSpread`).
/// 5. Otherwise maker at `makerPrice` with the policy's offset (attempt 0), or taker
///    (`.noMakerPrice`) when no resting price exists.
public func decideExecution(
    policy: RouterPolicy,
    book: BookTop,
    side: Side,
    filters: VenueFilters,
    urgency: ExecutionUrgency = .normal,
    parameters: RoutingParameters = .default
) -> ExecutionChoice {
    if urgency == .immediate { return .taker(reason: .urgent) }
    guard policy.makerFirst else { return .taker(reason: .makerDisabled) }
    guard book.isValid else { return .taker(reason: .invalidBook) }
    if policy.takerBias >= parameters.highTakerBias, isTight(book: book, filters: filters, parameters: parameters) {
        return .taker(reason: .tightSpread(spreadBps: book.spreadBps ?? 0, takerBias: policy.takerBias))
    }
    guard let price = makerPrice(side: side, book: book, offsetBps: policy.offsetBps, filters: filters) else {
        return .taker(reason: .noMakerPrice)
    }
    return .maker(price: price, offsetBps: policy.offsetBps)
}

/// Whether a valid book's spread leaves nothing for a maker order to earn. Compared in exact
/// decimal so a spread exactly at a threshold counts as tight.
private func isTight(book: BookTop, filters: VenueFilters, parameters: RoutingParameters) -> Bool {
    let tick = filters.price.tickSize
    if tick > 0, book.spread <= tick * Decimal(parameters.tightSpreadTicks) { return true }
    guard let threshold = Decimal(shortestRepresentationOf: parameters.tightSpreadBps) else { return false }
    // spread / mid × 10 000 ≤ threshold, without the (slow) division; mid > 0 in a valid book.
    return book.spread * 10_000 <= threshold * book.mid
}
