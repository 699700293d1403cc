/// The six components of a symbol score, each shown with its raw value, mapped score and weight.
///
/// JSON keys: `expectancy_bps, sharpe, fee_drag_bps, slippage_bps, maker_fill_ratio,
/// fallback_rate`.
public struct SymbolScoreComponents: Sendable, Hashable, Codable {
    /// Net expectancy in bps of notional; score `clamp(0.5 + value / (2 × scale), 0, 1)`.
    public var expectancy: ScoreComponent
    /// Per-trade Sharpe; score `clamp(0.5 + value / (2 × scale), 0, 1)`.
    public var sharpe: ScoreComponent
    /// Fees in bps of notional; score `1 − clamp(value / max, 0, 1)`.
    public var feeDrag: ScoreComponent
    /// Mean adverse slippage in bps; score `1 − clamp(value / max, 0, 1)`.
    public var slippage: ScoreComponent
    /// Maker fill fraction; score `clamp(value, 0, 1)`.
    public var makerFill: ScoreComponent
    /// Taker fallback fraction; score `1 − clamp(value, 0, 1)`.
    public var fallback: ScoreComponent

    public init(expectancy: ScoreComponent, sharpe: ScoreComponent, feeDrag: ScoreComponent,
                slippage: ScoreComponent, makerFill: ScoreComponent, fallback: ScoreComponent) {
        self.expectancy = expectancy
        self.sharpe = sharpe
        self.feeDrag = feeDrag
        self.slippage = slippage
        self.makerFill = makerFill
        self.fallback = fallback
    }

    /// In a fixed order, so the weighted sum is computed the same way every time.
    public var all: [ScoreComponent] { [expectancy, sharpe, feeDrag, slippage, makerFill, fallback] }

    enum CodingKeys: String, CodingKey {
        case expectancy = "expectancy_bps"
        case sharpe
        case feeDrag = "fee_drag_bps"
        case slippage = "slippage_bps"
        case makerFill = "maker_fill_ratio"
        case fallback = "fallback_rate"
    }
}
