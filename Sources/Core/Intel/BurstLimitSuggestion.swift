/// The risk auto-tune's suggested trade-frequency limits with the figures behind them.
///
/// JSON: `{"slippage_bps", "confidence", "factor", "max_trades_per_hour": {"current",
/// "proposed"}, "max_trades_per_day": {"current", "proposed"}}`.
public struct BurstLimitSuggestion: Sendable, Hashable, Codable {
    /// Mean adverse slippage the suggestion followed, bps.
    public var slippageBps: Double
    /// Confidence in [0, 1] the suggestion used.
    public var confidence: Double
    /// The multiplier applied to the configured limits before rounding and bounds.
    public var factor: Double
    public var maxTradesPerHour: AllocationProposal.IntegerChange
    public var maxTradesPerDay: AllocationProposal.IntegerChange

    public init(slippageBps: Double, confidence: Double, factor: Double,
                maxTradesPerHour: AllocationProposal.IntegerChange, maxTradesPerDay: AllocationProposal.IntegerChange) {
        self.slippageBps = slippageBps
        self.confidence = confidence
        self.factor = factor
        self.maxTradesPerHour = maxTradesPerHour
        self.maxTradesPerDay = maxTradesPerDay
    }

    enum CodingKeys: String, CodingKey {
        case confidence, factor
        case slippageBps = "slippage_bps"
        case maxTradesPerHour = "max_trades_per_hour"
        case maxTradesPerDay = "max_trades_per_day"
    }
}
