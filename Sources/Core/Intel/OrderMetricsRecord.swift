/// One row of `logs/execution/order_metrics.jsonl`: how the router executed one order. The
/// RouterActor appends one per finished order; router health aggregates them.
///
/// JSON: `{"symbol", "client_order_id", "maker", "fallback", "retries", "slippage_bps",
/// "latency_ms", "time"}` with `time` ISO 8601 UTC (`2024-03-01T13:05:00Z`).
public struct OrderMetricsRecord: Sendable, Hashable, Codable {
    public var symbol: String
    public var clientOrderId: String
    /// The order filled as a resting maker (post-only) order.
    public var maker: Bool
    /// The order gave up on post-only and fell back to a taker order.
    public var fallback: Bool
    /// Post-only re-pricings before the final outcome, ≥ 0.
    public var retries: Int
    /// Slippage of the effective fill price against the decision mid, in basis points; positive
    /// is adverse (see `slippageBps(side:price:mid:)`).
    public var slippageBps: Double
    /// Decision to final fill, in milliseconds.
    public var latencyMs: Double
    /// When the order finished, UTC epoch milliseconds.
    public var timeMs: Int64

    public init(symbol: String, clientOrderId: String, maker: Bool, fallback: Bool, retries: Int,
                slippageBps: Double, latencyMs: Double, timeMs: Int64) {
        self.symbol = symbol
        self.clientOrderId = clientOrderId
        self.maker = maker
        self.fallback = fallback
        self.retries = retries
        self.slippageBps = slippageBps
        self.latencyMs = latencyMs
        self.timeMs = timeMs
    }

    enum CodingKeys: String, CodingKey {
        case symbol, maker, fallback, retries, time
        case clientOrderId = "client_order_id"
        case slippageBps = "slippage_bps"
        case latencyMs = "latency_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(clientOrderId, forKey: .clientOrderId)
        try c.encode(maker, forKey: .maker)
        try c.encode(fallback, forKey: .fallback)
        try c.encode(retries, forKey: .retries)
        try c.encode(slippageBps, forKey: .slippageBps)
        try c.encode(latencyMs, forKey: .latencyMs)
        try c.encode(UTCTime.iso8601(ms: timeMs), forKey: .time)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        clientOrderId = try c.decode(String.self, forKey: .clientOrderId)
        maker = try c.decode(Bool.self, forKey: .maker)
        fallback = try c.decode(Bool.self, forKey: .fallback)
        retries = try c.decode(Int.self, forKey: .retries)
        slippageBps = try c.decode(Double.self, forKey: .slippageBps)
        latencyMs = try c.decode(Double.self, forKey: .latencyMs)
        timeMs = try c.decodeUTCTime(forKey: .time)
    }
}
