/// The allocator's proposal for one symbol: its score, how much of it counts, the multiplier,
/// and the current versus proposed caps.
///
/// JSON: `{"symbol", "score", "effective_score", "sample_count", "mean_pnl", "multiplier",
/// "current": AllocationCaps, "proposed": AllocationCaps}`.
public struct SymbolAllocation: Sendable, Hashable, Codable {
    public var symbol: String
    /// The symbol score (0.5 when the symbol has none).
    public var score: Double
    /// The score shrunk towards 0.5 by the sample size (`AllocatorParameters.effectiveScore`).
    public var effectiveScore: Double
    /// Closed trades of the symbol in the expectancy table.
    public var sampleCount: Int
    /// Mean net PnL per trade in USD over all the symbol's buckets (0 without trades).
    public var meanPnl: Double
    /// Proposed / current, in [0, 1].
    public var multiplier: Double
    public var current: AllocationCaps
    public var proposed: AllocationCaps

    public init(symbol: String, score: Double, effectiveScore: Double, sampleCount: Int, meanPnl: Double,
                multiplier: Double, current: AllocationCaps, proposed: AllocationCaps) {
        self.symbol = symbol
        self.score = score
        self.effectiveScore = effectiveScore
        self.sampleCount = sampleCount
        self.meanPnl = meanPnl
        self.multiplier = multiplier
        self.current = current
        self.proposed = proposed
    }

    enum CodingKeys: String, CodingKey {
        case symbol, score, multiplier, current, proposed
        case effectiveScore = "effective_score"
        case sampleCount = "sample_count"
        case meanPnl = "mean_pnl"
    }
}
