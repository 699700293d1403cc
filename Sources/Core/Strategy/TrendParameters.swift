/// Parameters of the `trend` strategy (`config/strategy_config.json` `strategies.trend`).
///
/// Periods are in bars; percentages are percent numbers (0.2 means 0.2 %). The defaulted
/// initialiser gives the documented defaults; `StrategyParameters.read` validates values read
/// from config (fast < slow, periods ≥ 1, min_atr_pct ≤ max_atr_pct).
public struct TrendParameters: Sendable, Hashable {
    /// Fast EMA period, bars. Default 12.
    public var fastPeriod: Int
    /// Slow EMA period, bars; greater than `fastPeriod`. Default 26.
    public var slowPeriod: Int
    /// ATR (Wilder) period, bars. Default 14.
    public var atrPeriod: Int
    /// Lowest ATR / close, percent, at which the market moves enough to trade. Default 0.1.
    public var minAtrPct: Double
    /// Highest ATR / close, percent, above which the market is too wild to trade. Default 5.
    public var maxAtrPct: Double
    /// Stop distance from the entry, in ATRs. Default 2.
    public var stopAtrMultiple: Double
    /// Take-profit distance from the entry, in ATRs. Default 3.
    public var takeProfitAtrMultiple: Double
    /// Suggested size, percent of NAV. Default 1.
    public var sizeNavPct: Double
    /// When false, crosses below produce no SELL signal. Default true.
    public var allowShort: Bool

    public init(
        fastPeriod: Int = 12,
        slowPeriod: Int = 26,
        atrPeriod: Int = 14,
        minAtrPct: Double = 0.1,
        maxAtrPct: Double = 5,
        stopAtrMultiple: Double = 2,
        takeProfitAtrMultiple: Double = 3,
        sizeNavPct: Double = 1,
        allowShort: Bool = true
    ) {
        self.fastPeriod = fastPeriod
        self.slowPeriod = slowPeriod
        self.atrPeriod = atrPeriod
        self.minAtrPct = minAtrPct
        self.maxAtrPct = maxAtrPct
        self.stopAtrMultiple = stopAtrMultiple
        self.takeProfitAtrMultiple = takeProfitAtrMultiple
        self.sizeNavPct = sizeNavPct
        self.allowShort = allowShort
    }

    /// The documented defaults.
    public static let defaults = TrendParameters()
}
