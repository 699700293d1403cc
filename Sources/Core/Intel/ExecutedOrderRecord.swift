/// A live fill as compare reads it: one `FILL` line of `logs/execution/orders_executed.jsonl`.
///
/// JSON: `{"event": "FILL", "intent_id": "…" | null, "client_order_id", "symbol", "side",
/// "time" (ISO 8601 UTC), "gross_usd", "price", "slippage_bps" | null}`; `gross_usd` is the
/// filled notional in USD, `price` the effective fill price, `slippage_bps` positive adverse.
/// Analytics values (`Double`).
public struct ExecutedOrderRecord: Sendable, Hashable, Codable {
    public var intentId: String?
    public var clientOrderId: String
    public var symbol: String
    public var side: Side
    /// UTC epoch milliseconds of the fill.
    public var timeMs: Int64
    public var grossUSD: Double
    public var price: Double
    public var slippageBps: Double?

    public init(intentId: String?, clientOrderId: String, symbol: String, side: Side, timeMs: Int64,
                grossUSD: Double, price: Double, slippageBps: Double?) {
        self.intentId = intentId
        self.clientOrderId = clientOrderId
        self.symbol = symbol
        self.side = side
        self.timeMs = timeMs
        self.grossUSD = grossUSD
        self.price = price
        self.slippageBps = slippageBps
    }

    enum CodingKeys: String, CodingKey {
        case event, symbol, side, time, price
        case intentId = "intent_id"
        case clientOrderId = "client_order_id"
        case grossUSD = "gross_usd"
        case slippageBps = "slippage_bps"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("FILL", forKey: .event)
        try c.encode(intentId, forKey: .intentId)
        try c.encode(clientOrderId, forKey: .clientOrderId)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(side, forKey: .side)
        try c.encode(UTCTime.iso8601(ms: timeMs), forKey: .time)
        try c.encode(grossUSD, forKey: .grossUSD)
        try c.encode(price, forKey: .price)
        try c.encode(slippageBps, forKey: .slippageBps)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        intentId = try c.decodeIfPresent(String.self, forKey: .intentId)
        clientOrderId = try c.decode(String.self, forKey: .clientOrderId)
        symbol = try c.decode(String.self, forKey: .symbol)
        side = try c.decode(Side.self, forKey: .side)
        timeMs = try c.decodeUTCTime(forKey: .time)
        grossUSD = try c.decode(Double.self, forKey: .grossUSD)
        price = try c.decode(Double.self, forKey: .price)
        slippageBps = try c.decodeIfPresent(Double.self, forKey: .slippageBps)
    }

    /// One line of `orders_executed.jsonl`, whatever its event: `record` is the fill for `FILL`
    /// lines (and lines without an `event`), nil for `ACK`, `CLOSE` and other events, which
    /// compare skips. A FILL line missing a field is still an error.
    public struct Line: Sendable, Hashable, Decodable {
        public var record: ExecutedOrderRecord?

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let event = try c.decodeIfPresent(String.self, forKey: .event) ?? "FILL"
            record = event == "FILL" ? try ExecutedOrderRecord(from: decoder) : nil
        }
    }
}
