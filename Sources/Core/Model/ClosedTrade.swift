/// One round trip, from the fill that opened a leg to the fill that closed it: the record the
/// backtest writes to `trades.jsonl`, the live daemon derives from fills, and the learning layer
/// (expectancy, scores) consumes.
///
/// JSON (one line per trade): `symbol, side (LONG|SHORT), entry_time, exit_time (ISO 8601 UTC),
/// entry_price, exit_price, qty, pnl_usd (before fees), fees_usd, r_multiple, regime, strategy,
/// exit_reason`.
public struct ClosedTrade: Sendable, Hashable, Codable {
    public var symbol: String
    /// The leg the trade held.
    public var side: PositionSide
    /// UTC epoch milliseconds.
    public var entryTimeMs: Int64
    public var exitTimeMs: Int64
    public var entryPrice: Double
    public var exitPrice: Double
    /// Base-asset quantity (contracts), > 0.
    public var quantity: Double
    /// Price PnL in USD before fees (funding is accounted separately).
    public var pnlUSD: Double
    /// Entry plus exit fees in USD, ≥ 0.
    public var feesUSD: Double
    /// Net PnL over the initial risk (entry-to-stop distance × quantity); 0 when no stop was set.
    public var rMultiple: Double
    /// The regime at entry.
    public var regime: Regime
    public var strategy: String
    /// Why it closed: `stop`, `take_profit`, `signal`, `end_of_data`, `liquidation`, …
    public var exitReason: String

    public init(symbol: String, side: PositionSide, entryTimeMs: Int64, exitTimeMs: Int64,
                entryPrice: Double, exitPrice: Double, quantity: Double, pnlUSD: Double, feesUSD: Double,
                rMultiple: Double, regime: Regime, strategy: String, exitReason: String) {
        self.symbol = symbol
        self.side = side
        self.entryTimeMs = entryTimeMs
        self.exitTimeMs = exitTimeMs
        self.entryPrice = entryPrice
        self.exitPrice = exitPrice
        self.quantity = quantity
        self.pnlUSD = pnlUSD
        self.feesUSD = feesUSD
        self.rMultiple = rMultiple
        self.regime = regime
        self.strategy = strategy
        self.exitReason = exitReason
    }

    /// PnL net of fees.
    public var netPnlUSD: Double { pnlUSD - feesUSD }

    enum CodingKeys: String, CodingKey {
        case symbol, side, regime, strategy, qty
        case entryTime = "entry_time"
        case exitTime = "exit_time"
        case entryPrice = "entry_price"
        case exitPrice = "exit_price"
        case pnlUSD = "pnl_usd"
        case feesUSD = "fees_usd"
        case rMultiple = "r_multiple"
        case exitReason = "exit_reason"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(side, forKey: .side)
        try c.encode(UTCTime.iso8601(ms: entryTimeMs), forKey: .entryTime)
        try c.encode(UTCTime.iso8601(ms: exitTimeMs), forKey: .exitTime)
        try c.encode(entryPrice, forKey: .entryPrice)
        try c.encode(exitPrice, forKey: .exitPrice)
        try c.encode(quantity, forKey: .qty)
        try c.encode(pnlUSD, forKey: .pnlUSD)
        try c.encode(feesUSD, forKey: .feesUSD)
        try c.encode(rMultiple, forKey: .rMultiple)
        try c.encode(regime, forKey: .regime)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(exitReason, forKey: .exitReason)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func time(_ key: CodingKeys) throws -> Int64 {
            let text = try c.decode(String.self, forKey: key)
            guard let ms = UTCTime.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected ISO 8601 UTC time like 2024-03-01T13:05:00Z, got \"\(text)\"")
            }
            return ms
        }
        symbol = try c.decode(String.self, forKey: .symbol)
        side = try c.decode(PositionSide.self, forKey: .side)
        entryTimeMs = try time(.entryTime)
        exitTimeMs = try time(.exitTime)
        entryPrice = try c.decode(Double.self, forKey: .entryPrice)
        exitPrice = try c.decode(Double.self, forKey: .exitPrice)
        quantity = try c.decode(Double.self, forKey: .qty)
        pnlUSD = try c.decode(Double.self, forKey: .pnlUSD)
        feesUSD = try c.decode(Double.self, forKey: .feesUSD)
        rMultiple = try c.decodeIfPresent(Double.self, forKey: .rMultiple) ?? 0
        regime = try c.decodeIfPresent(Regime.self, forKey: .regime) ?? .chop
        strategy = try c.decodeIfPresent(String.self, forKey: .strategy) ?? "unknown"
        exitReason = try c.decodeIfPresent(String.self, forKey: .exitReason) ?? "unknown"
    }
}
