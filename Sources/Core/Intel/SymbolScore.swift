/// A symbol's quality score in [0, 1] with the components it came from, computed by the
/// IntelActor and written to `symbol_scores_v6.json`; router auto-tune and the feedback
/// allocator read it.
///
/// `score = Σ wᵢ·sᵢ / Σ wᵢ` over the six components of `SymbolScoreComponents`, each sᵢ in
/// [0, 1] by a clamped linear map (see `SymbolScoreParameters`); a component without data scores
/// the neutral 0.5, so a symbol with no trades and no router metrics scores exactly 0.5 with
/// `sample_count` 0. Guarantees: the score is in [0, 1]; it never falls when expectancy, Sharpe,
/// or maker fill rise, and never rises when fee drag, slippage or fallback rise (the others
/// held fixed).
///
/// JSON: `{"symbol", "score", "sample_count", "components": {…}}`.
public struct SymbolScore: Sendable, Hashable, Codable {
    public var symbol: String
    public var score: Double
    /// Closed trades behind the trade components.
    public var sampleCount: Int
    public var components: SymbolScoreComponents

    public init(symbol: String, score: Double, sampleCount: Int, components: SymbolScoreComponents) {
        self.symbol = symbol
        self.score = score
        self.sampleCount = sampleCount
        self.components = components
    }

    /// Scores `inputs` with `parameters`.
    public init(symbol: String, inputs: SymbolScoreInputs, parameters: SymbolScoreParameters = .default) {
        let p = parameters
        func weight(_ w: Double) -> Double { w.isFinite && w > 0 ? w : 0 }
        func component(_ value: Double?, _ w: Double, _ map: (Double) -> Double) -> ScoreComponent {
            guard let value, value.isFinite else {
                return ScoreComponent(value: nil, score: SymbolScoreParameters.neutralScore, weight: weight(w))
            }
            return ScoreComponent(value: value, score: Self.unit(map(value)), weight: weight(w))
        }
        // Centred map: −scale → 0, 0 → 0.5, +scale → 1.
        func centred(_ scale: Double) -> (Double) -> Double { { 0.5 + $0 / (2 * scale) } }
        // Cost map: 0 (or a gain) → 1, max and beyond → 0.
        func cost(_ max: Double) -> (Double) -> Double { { 1 - Self.unit($0 / max) } }

        let components = SymbolScoreComponents(
            expectancy: component(inputs.expectancyBps, p.expectancyWeight, centred(p.expectancyScaleBps)),
            sharpe: component(inputs.sharpe, p.sharpeWeight, centred(p.sharpeScale)),
            feeDrag: component(inputs.feeDragBps, p.feeDragWeight, cost(p.feeDragMaxBps)),
            slippage: component(inputs.slippageBps, p.slippageWeight, cost(p.slippageMaxBps)),
            makerFill: component(inputs.makerFillRatio, p.makerFillWeight) { $0 },
            fallback: component(inputs.fallbackRate, p.fallbackWeight) { 1 - Self.unit($0) })
        let totalWeight = components.all.reduce(0) { $0 + $1.weight }
        let weighted = components.all.reduce(0) { $0 + $1.weight * $1.score }
        let score = totalWeight > 0 ? Self.unit(weighted / totalWeight) : SymbolScoreParameters.neutralScore
        self.init(symbol: symbol, score: score, sampleCount: inputs.sampleCount, components: components)
    }

    /// Clamps to [0, 1]; NaN (a zero scale) maps to 0.5 so a bad parameter cannot poison a score.
    static func unit(_ x: Double) -> Double {
        x.isNaN ? SymbolScoreParameters.neutralScore : min(max(x, 0), 1)
    }

    enum CodingKeys: String, CodingKey {
        case symbol, score, components
        case sampleCount = "sample_count"
    }
}
