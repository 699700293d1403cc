/// The expectancy of one bucket of closed trades: one symbol, one UTC hour of day (of the exit),
/// one regime (at entry). Analytics values, hence `Double`.
///
/// JSON: `{"symbol", "hour", "regime", "count", "mean_pnl", "win_rate", "mean_r", "is_warmup"}`.
public struct ExpectancyBucket: Sendable, Hashable, Codable {
    public var symbol: String
    /// UTC hour of day of the trades' exit time, 0–23.
    public var hour: Int
    public var regime: Regime
    /// Trades in the bucket, ≥ 1 for a built bucket.
    public var count: Int
    /// Mean PnL per trade in USD, net of fees (`ClosedTrade.netPnlUSD`).
    public var meanPnl: Double
    /// Share of trades whose net PnL is > 0, a fraction in [0, 1] (a break-even trade is not a
    /// win).
    public var winRate: Double
    /// Mean R multiple over all trades of the bucket (a trade without a stop counts as 0 R).
    public var meanR: Double
    /// True while `count` is below the snapshot's minimum sample size: the numbers are shown but
    /// must not drive decisions (the expectancy gate never blocks a warm-up bucket).
    public var isWarmup: Bool

    public init(symbol: String, hour: Int, regime: Regime, count: Int, meanPnl: Double, winRate: Double,
                meanR: Double, isWarmup: Bool) {
        self.symbol = symbol
        self.hour = hour
        self.regime = regime
        self.count = count
        self.meanPnl = meanPnl
        self.winRate = winRate
        self.meanR = meanR
        self.isWarmup = isWarmup
    }

    /// The bucket's key in the strategies' expectancy gate.
    public var key: ExpectancyKey {
        ExpectancyKey(symbol: symbol, hourUTC: hour, regime: regime)
    }

    enum CodingKeys: String, CodingKey {
        case symbol, hour, regime, count
        case meanPnl = "mean_pnl"
        case winRate = "win_rate"
        case meanR = "mean_r"
        case isWarmup = "is_warmup"
    }
}
