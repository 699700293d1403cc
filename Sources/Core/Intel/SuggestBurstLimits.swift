/// Risk auto-tune: trades-per-hour and trades-per-day limits that follow execution quality
/// (mean adverse slippage, e.g. the account-wide `RouterHealth`) and confidence (e.g. the share
/// of a minimum sample seen), within bounds. Pure; the suggestion reaches the risk engine only
/// when `RISK_AUTOTUNE_ENABLED` is on (the caller's decision).
///
/// Formula in `RiskAutotuneParameters`. Guarantees: never above configured × `maxFactor`, never
/// below the floor (at least 1 when the configured limit is ≥ 1); more slippage never raises a
/// limit; more confidence never lowers one.
/// - Parameters:
///   - confidence: in [0, 1] (clamped; NaN counts as 0).
public func suggestBurstLimits(
    limits: GlobalLimits,
    slippageBps: Double,
    confidence: Double,
    parameters p: RiskAutotuneParameters = .default
) -> BurstLimitSuggestion {
    let maxFactor = max(p.maxFactor.isFinite ? p.maxFactor : 1, 1)
    let floorFraction = min(max(p.floorFraction.isFinite ? p.floorFraction : 1, 0), 1)
    let trust = confidence.isNaN ? 0 : min(max(confidence, 0), 1)

    // Non-finite slippage is treated as the worst case: unknown execution quality never loosens.
    let slippage = slippageBps.isNaN ? Double.infinity : slippageBps
    let slippageFactor: Double
    if slippage <= p.slippageGoodBps {
        slippageFactor = maxFactor
    } else if slippage >= p.slippageBadBps {
        slippageFactor = floorFraction
    } else {
        let t = (slippage - p.slippageGoodBps) / (p.slippageBadBps - p.slippageGoodBps)
        // The max keeps rounding from dipping below the floor just before the bad edge.
        slippageFactor = max(floorFraction, maxFactor - (maxFactor - floorFraction) * t)
    }
    let factor = slippageFactor > 1 ? 1 + trust * (slippageFactor - 1) : slippageFactor

    func bounded(_ configured: Int) -> AllocationProposal.IntegerChange {
        guard configured > 0 else { return .init(current: configured, proposed: configured) }
        let c = Double(configured)
        let ceiling = Int((c * maxFactor).rounded(.down))
        let floor = min(max(1, Int((c * floorFraction).rounded(.up))), ceiling)
        let proposed = Int((c * factor).rounded(.down))
        return .init(current: configured, proposed: min(max(proposed, floor), ceiling))
    }
    return BurstLimitSuggestion(slippageBps: slippageBps, confidence: trust, factor: factor,
                                maxTradesPerHour: bounded(limits.maxTradesPerHour),
                                maxTradesPerDay: bounded(limits.maxTradesPerDay))
}
