/// Bounds and slippage band of the risk auto-tune (`suggestBurstLimits`).
///
/// Slippage factor: `maxFactor` at or below `slippageGoodBps`, `floorFraction` at or above
/// `slippageBadBps`, linear between. A factor above 1 (loosening) is scaled by confidence,
/// `1 + confidence × (factor − 1)`; a factor below 1 (tightening) applies in full, because safety
/// does not wait for confidence. Proposed limit = ⌊configured × factor⌋ kept within
/// [max(1, ⌈configured × floorFraction⌉), ⌊configured × maxFactor⌋].
/// Defaults: good 2 bps, bad 10 bps, floorFraction 0.25, maxFactor 1.5.
public struct RiskAutotuneParameters: Sendable, Hashable {
    public var slippageGoodBps: Double
    public var slippageBadBps: Double
    /// The smallest share of the configured limit ever proposed, in (0, 1].
    public var floorFraction: Double
    /// The largest multiple of the configured limit ever proposed, ≥ 1.
    public var maxFactor: Double

    public init(slippageGoodBps: Double = 2, slippageBadBps: Double = 10, floorFraction: Double = 0.25, maxFactor: Double = 1.5) {
        self.slippageGoodBps = slippageGoodBps
        self.slippageBadBps = slippageBadBps
        self.floorFraction = floorFraction
        self.maxFactor = maxFactor
    }

    /// The documented defaults.
    public static let `default` = RiskAutotuneParameters()
}
