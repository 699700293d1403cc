/// Weights and scales of the symbol score (`SymbolScore`). Each component's raw value is mapped
/// to [0, 1] by a clamped linear map (exactly monotone in floating point, easy to recompute by
/// hand); the score is the weighted mean of the mapped components.
///
/// Defaults: weights expectancy 0.35, Sharpe 0.20, fee drag 0.15, slippage 0.15, maker fill
/// 0.075, fallback 0.075 (sum 1); expectancy ±25 bps, Sharpe ±0.5, fee drag 20 bps, slippage
/// 10 bps.
public struct SymbolScoreParameters: Sendable, Hashable {
    /// Component weights, each ≥ 0 (a negative weight is treated as 0). They need not sum to 1:
    /// the score divides by their sum.
    public var expectancyWeight: Double
    public var sharpeWeight: Double
    public var feeDragWeight: Double
    public var slippageWeight: Double
    public var makerFillWeight: Double
    public var fallbackWeight: Double
    /// Net expectancy (bps of notional per trade) that maps to 1; its negative maps to 0 and
    /// 0 bps to 0.5.
    public var expectancyScaleBps: Double
    /// Per-trade Sharpe (mean / sample stdev of net returns, not annualised) that maps to 1;
    /// its negative maps to 0.
    public var sharpeScale: Double
    /// Fees in bps of notional at and above which the fee component is 0 (0 bps is 1).
    public var feeDragMaxBps: Double
    /// Mean adverse slippage in bps at and above which the slippage component is 0 (0 bps or
    /// price improvement is 1).
    public var slippageMaxBps: Double

    public init(expectancyWeight: Double = 0.35, sharpeWeight: Double = 0.20, feeDragWeight: Double = 0.15,
                slippageWeight: Double = 0.15, makerFillWeight: Double = 0.075, fallbackWeight: Double = 0.075,
                expectancyScaleBps: Double = 25, sharpeScale: Double = 0.5, feeDragMaxBps: Double = 20,
                slippageMaxBps: Double = 10) {
        self.expectancyWeight = expectancyWeight
        self.sharpeWeight = sharpeWeight
        self.feeDragWeight = feeDragWeight
        self.slippageWeight = slippageWeight
        self.makerFillWeight = makerFillWeight
        self.fallbackWeight = fallbackWeight
        self.expectancyScaleBps = expectancyScaleBps
        self.sharpeScale = sharpeScale
        self.feeDragMaxBps = feeDragMaxBps
        self.slippageMaxBps = slippageMaxBps
    }

    /// The documented defaults.
    public static let `default` = SymbolScoreParameters()

    /// The score a component without data gets, and the score of a symbol with no data at all.
    public static let neutralScore = 0.5
}
