/// One line of `logs/pipeline_v6_shadow.jsonl`: what the shadow pipeline decided for one intent
/// (risk, sizing, router policy, no venue), or a heartbeat sample written when there were no
/// intents in an interval. Heartbeats show the pipeline is alive; compare never matches them.
///
/// JSON: `{"intent_id": "…" | null, "symbol", "side": BUY|SELL, "time" (ISO 8601 UTC),
/// "allowed", "vetoes": [VetoCode], "gross_usd" (sized, 0 when vetoed), "router": maker|taker |
/// null, "expected_price" | null, "expected_slippage_bps" | null, "heartbeat"}`. When reading,
/// `intent_id`, `router`, `expected_*` may be absent, `vetoes` defaults to [], `gross_usd` to 0
/// and `heartbeat` to false.
public struct ShadowDecisionRecord: Sendable, Hashable, Codable {
    public var intentId: String?
    public var symbol: String
    public var side: Side
    /// UTC epoch milliseconds.
    public var timeMs: Int64
    public var allowed: Bool
    public var vetoes: [VetoCode]
    /// The sized order notional in USD (`suggestGrossUSD`), 0 when vetoed.
    public var grossUSD: Double
    /// The router's first move; nil when vetoed.
    public var router: ExecutionRoute?
    /// Expected execution price (quote asset) and slippage in bps vs mid, positive adverse;
    /// analytics (`Double`).
    public var expectedPrice: Double?
    public var expectedSlippageBps: Double?
    public var heartbeat: Bool

    public init(intentId: String?, symbol: String, side: Side, timeMs: Int64, allowed: Bool, vetoes: [VetoCode] = [],
                grossUSD: Double, router: ExecutionRoute? = nil, expectedPrice: Double? = nil,
                expectedSlippageBps: Double? = nil, heartbeat: Bool = false) {
        self.intentId = intentId
        self.symbol = symbol
        self.side = side
        self.timeMs = timeMs
        self.allowed = allowed
        self.vetoes = vetoes
        self.grossUSD = grossUSD
        self.router = router
        self.expectedPrice = expectedPrice
        self.expectedSlippageBps = expectedSlippageBps
        self.heartbeat = heartbeat
    }

    enum CodingKeys: String, CodingKey {
        case symbol, side, time, allowed, vetoes, router, heartbeat
        case intentId = "intent_id"
        case grossUSD = "gross_usd"
        case expectedPrice = "expected_price"
        case expectedSlippageBps = "expected_slippage_bps"
    }

    // Optional fields are written as null, not left out, so every line has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(intentId, forKey: .intentId)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(side, forKey: .side)
        try c.encode(UTCTime.iso8601(ms: timeMs), forKey: .time)
        try c.encode(allowed, forKey: .allowed)
        try c.encode(vetoes, forKey: .vetoes)
        try c.encode(grossUSD, forKey: .grossUSD)
        try c.encode(router, forKey: .router)
        try c.encode(expectedPrice, forKey: .expectedPrice)
        try c.encode(expectedSlippageBps, forKey: .expectedSlippageBps)
        try c.encode(heartbeat, forKey: .heartbeat)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        intentId = try c.decodeIfPresent(String.self, forKey: .intentId)
        symbol = try c.decode(String.self, forKey: .symbol)
        side = try c.decode(Side.self, forKey: .side)
        timeMs = try c.decodeUTCTime(forKey: .time)
        allowed = try c.decode(Bool.self, forKey: .allowed)
        vetoes = try c.decodeIfPresent([VetoCode].self, forKey: .vetoes) ?? []
        grossUSD = try c.decodeIfPresent(Double.self, forKey: .grossUSD) ?? 0
        router = try c.decodeIfPresent(ExecutionRoute.self, forKey: .router)
        expectedPrice = try c.decodeIfPresent(Double.self, forKey: .expectedPrice)
        expectedSlippageBps = try c.decodeIfPresent(Double.self, forKey: .expectedSlippageBps)
        heartbeat = try c.decodeIfPresent(Bool.self, forKey: .heartbeat) ?? false
    }
}
