import HedgeCore

/// One risk decision on one intent: allowed or vetoed, with every veto code and the detail
/// record (`RiskDetail` as JSON), as `risk_vetoes.jsonl` has it.
public struct StoredDecision: Sendable, Hashable {
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
    public var detailJSON: String

    public init(intentId: String, runId: String, timeMs: Int64, symbol: String, side: Side, strategy: String, grossUSD: Double,
                reduceOnly: Bool, allowed: Bool, vetoes: [String], detailJSON: String) {
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
        self.detailJSON = detailJSON
    }
}
