/// Scores for every symbol that has closed trades or router metrics: the `symbol_scores_v6.json`
/// state file and the `hedge probe scoring` output.
///
/// JSON: `{"sample_count": trades, "scores": {SYMBOL: SymbolScore}}`; no input gives
/// `sample_count` 0 and no scores.
public struct SymbolScoreReport: Sendable, Hashable, Codable {
    /// Closed trades over all symbols.
    public var sampleCount: Int
    public var scores: [String: SymbolScore]

    public init(sampleCount: Int, scores: [String: SymbolScore]) {
        self.sampleCount = sampleCount
        self.scores = scores
    }

    /// Scores each symbol of `trades` ∪ `health`.
    public init(trades: [ClosedTrade], health: [String: RouterHealth], parameters: SymbolScoreParameters = .default) {
        self = TradeLedger(trades: trades).scores(health: health, parameters: parameters)
    }

    enum CodingKeys: String, CodingKey {
        case scores
        case sampleCount = "sample_count"
    }
}
