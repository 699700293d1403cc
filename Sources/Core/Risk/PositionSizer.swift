/// The sizer's answer: how much of the desired notional fits, and which cap bound it.
public struct SizingDecision: Sendable, Hashable, Codable {
    /// What the strategy asked for, in USD.
    public var desiredUSD: Double
    /// What fits every size cap, in USD, floored to the cent; 0 when less than the minimum
    /// notional fits (the intent should not be sent).
    public var grossUSD: Double
    /// The cap that bound the size, when one did.
    public var bindingCap: VetoCode?

    public init(desiredUSD: Double, grossUSD: Double, bindingCap: VetoCode?) {
        self.desiredUSD = desiredUSD
        self.grossUSD = grossUSD
        self.bindingCap = bindingCap
    }

    enum CodingKeys: String, CodingKey {
        case desiredUSD = "desired_usd"
        case grossUSD = "gross_usd"
        case bindingCap = "binding_cap"
    }
}

/// Clamps an intent's notional to what every size cap admits, using the same `exposureCaps`
/// that `checkOrder` checks, so an intent sized here is never vetoed for a size or exposure
/// reason. Non-size rules (stale NAV, kill switch, counts, loss stops) are left to `checkOrder`.
///
/// A reduce-only intent is clamped to the leg it shrinks.
public func suggestGrossUSD(
    _ intent: OrderIntent, state: RiskState, limits: RiskLimits, universe: PairsUniverse
) -> SizingDecision {
    let desired = max(0, intent.grossUSD)
    let book = ExposureBook(positions: state.positions)
    if intent.reduceOnly {
        let leg = book.legNotionalUSD(intent.symbol, intent.leg)
        return SizingDecision(desiredUSD: desired, grossUSD: floorToCent(min(desired, leg)), bindingCap: nil)
    }
    guard state.navUSD > 0 else {
        return SizingDecision(desiredUSD: desired, grossUSD: 0, bindingCap: .navStale)
    }

    guard limits.multiplier(for: state.regime) > 0 else {
        return SizingDecision(desiredUSD: desired, grossUSD: 0, bindingCap: .regimeBlocked)
    }

    var size = desired
    var binding: VetoCode?
    for cap in limits.exposureCaps(symbol: intent.symbol, state: state, book: book, universe: universe)
    where cap.headroomUSD < size {
        size = cap.headroomUSD
        binding = cap.code
    }
    // Flooring to the cent keeps the sized order at or under every cap despite float rounding.
    size = floorToCent(size)
    if size < limits.global.minNotionalUSD || size <= 0 {
        return SizingDecision(desiredUSD: desired, grossUSD: 0, bindingCap: binding ?? .minNotional)
    }
    return SizingDecision(desiredUSD: desired, grossUSD: size, bindingCap: binding)
}

/// Rounds a non-negative USD amount down to whole cents.
func floorToCent(_ usd: Double) -> Double {
    (usd * 100).rounded(.down) / 100
}
