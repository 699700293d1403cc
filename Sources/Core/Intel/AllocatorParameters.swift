/// How the feedback allocator turns a symbol score into a cap multiplier (`proposeAllocation`).
///
/// `confidence = min(1, trades / minSampleSize)`; `effective = 0.5 + confidence × (score − 0.5)`
/// (few trades pull the score towards neutral); multiplier
/// `m = minMultiplier + (1 − minMultiplier) × min(1, effective / fullCapScore)`, or 0 when
/// `allowZero` and `effective < zeroBelowScore`. Caps are the current cap × m, so they never
/// exceed it. Defaults: minMultiplier 0.25, fullCapScore 0.5 (a neutral symbol keeps its cap),
/// minSampleSize 20, allowZero false, zeroBelowScore 0.2.
public struct AllocatorParameters: Sendable, Hashable {
    /// The smallest multiplier a low score gets while `allowZero` is off, in (0, 1].
    public var minMultiplier: Double
    /// The effective score at and above which a symbol keeps its full current cap.
    public var fullCapScore: Double
    /// Trades at which the score counts fully.
    public var minSampleSize: Int
    /// Let the allocator propose a zero cap (no new risk) for very low scores.
    public var allowZero: Bool
    /// With `allowZero`, effective scores below this get a zero cap.
    public var zeroBelowScore: Double

    public init(minMultiplier: Double = 0.25, fullCapScore: Double = 0.5, minSampleSize: Int = 20,
                allowZero: Bool = false, zeroBelowScore: Double = 0.2) {
        self.minMultiplier = minMultiplier
        self.fullCapScore = fullCapScore
        self.minSampleSize = minSampleSize
        self.allowZero = allowZero
        self.zeroBelowScore = zeroBelowScore
    }

    /// The documented defaults.
    public static let `default` = AllocatorParameters()

    /// The score after shrinking towards neutral by the sample size.
    public func effectiveScore(_ score: Double, sampleCount: Int) -> Double {
        let neutral = SymbolScoreParameters.neutralScore
        let confidence = minSampleSize > 0 ? min(1, Double(max(sampleCount, 0)) / Double(minSampleSize)) : 1
        return neutral + confidence * (SymbolScore.unit(score) - neutral)
    }

    /// The cap multiplier in [0, 1] for an effective score; non-decreasing in the score.
    public func multiplier(effectiveScore: Double) -> Double {
        if allowZero, effectiveScore < zeroBelowScore { return 0 }
        let floor = min(max(minMultiplier.isFinite ? minMultiplier : 1, 0), 1)
        let reach = fullCapScore > 0 ? min(1, max(effectiveScore, 0) / fullCapScore) : 1
        return floor + (1 - floor) * reach
    }
}
