/// What a strategy (or an operator) wants to do, before risk and sizing. Pure value; the
/// RiskActor owns the decision about it.
///
/// JSON shape (the screener probe's input): `{symbol, side: BUY|SELL, gross_usd, leverage,
/// strategy, reduce_only?}`.
public struct OrderIntent: Sendable, Hashable, Codable {
    public var symbol: String
    public var side: Side
    /// Order notional in USD (quantity × price), always ≥ 0.
    public var grossUSD: Double
    /// The leverage the position would run at.
    public var leverage: Double
    /// The strategy that proposed the intent (for per-strategy concurrency caps).
    public var strategy: String
    /// A reduce-only intent may only shrink an existing leg (see `Side.leg(reduceOnly:)`).
    public var reduceOnly: Bool

    public init(symbol: String, side: Side, grossUSD: Double, leverage: Double, strategy: String, reduceOnly: Bool = false) {
        self.symbol = symbol
        self.side = side
        self.grossUSD = grossUSD
        self.leverage = leverage
        self.strategy = strategy
        self.reduceOnly = reduceOnly
    }

    /// The hedge-mode leg this intent acts on.
    public var leg: PositionSide { side.leg(reduceOnly: reduceOnly) }

    enum CodingKeys: String, CodingKey {
        case symbol, side, leverage, strategy
        case grossUSD = "gross_usd"
        case reduceOnly = "reduce_only"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        side = try c.decode(Side.self, forKey: .side)
        grossUSD = try c.decode(Double.self, forKey: .grossUSD)
        leverage = try c.decode(Double.self, forKey: .leverage)
        strategy = try c.decode(String.self, forKey: .strategy)
        reduceOnly = try c.decodeIfPresent(Bool.self, forKey: .reduceOnly) ?? false
    }
}
