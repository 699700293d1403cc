import HedgeCore

/// One risk decision on one intent: allowed or vetoed, with every veto code and the detail
/// record, as `risk_vetoes.jsonl` has it (the detail is encoded by the store's writer, off the
/// order path).
public struct StoredDecision: Sendable, Hashable, Encodable {
    public var intentId: String
    public var runId: String
    public var timeMs: Int64
    public var symbol: String
    public var side: Side
    public var strategy: String
    public var grossUSD: Double
    public var reduceOnly: Bool
    public var allowed: Bool
    public var vetoes: [String]
    public var detail: RiskDetail

    public init(intentId: String, runId: String, timeMs: Int64, symbol: String, side: Side, strategy: String, grossUSD: Double,
                reduceOnly: Bool, allowed: Bool, vetoes: [String], detail: RiskDetail) {
        self.intentId = intentId
        self.runId = runId
        self.timeMs = timeMs
        self.symbol = symbol
        self.side = side
        self.strategy = strategy
        self.grossUSD = grossUSD
        self.reduceOnly = reduceOnly
        self.allowed = allowed
        self.vetoes = vetoes
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case symbol, side, strategy, allowed, vetoes, detail
        case intentId = "intent_id"
        case runId = "run_id"
        case timeMs = "time_ms"
        case grossUSD = "gross_usd"
        case reduceOnly = "reduce_only"
    }
}
