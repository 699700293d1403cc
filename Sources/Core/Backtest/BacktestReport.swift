/// `report.json`: the metrics of one backtest. Deterministic: the same inputs give the same bytes
/// (sorted keys, no wall-clock values).
public struct BacktestReport: Sendable, Hashable, Codable {
    public var initialEquity: Double
    public var finalEquity: Double
    public var totalReturnPct: Double
    public var cagrPct: Double
    /// Annualised from per-sample returns of the equity curve.
    public var sharpe: Double
    public var sortino: Double
    public var maxDrawdownPct: Double
    public var maxDrawdownDurationSeconds: Double
    public var trades: Int
    /// Share (0–1) of trades with net PnL > 0.
    public var winRate: Double
    public var profitFactor: Double?
    public var avgR: Double
    public var feesUSD: Double
    /// Funding received (negative: paid).
    public var fundingUSD: Double
    /// Percent of the time span with any leg open.
    public var exposurePct: Double
    public var perSymbol: [String: SymbolReport]
    public var vetoesByCode: [String: Int]
    public var bars: Int
    public var signals: Int
    public var start: String?
    public var end: String?
    public var strategies: [String]
    public var positionMode: PositionMode
    /// Research switches that bypassed parts of the pipeline; nil when none was used.
    public var research: [String: String]?

    enum CodingKeys: String, CodingKey {
        case sharpe, sortino, trades, bars, signals, start, end, strategies, research
        case initialEquity = "initial_equity"
        case finalEquity = "final_equity"
        case totalReturnPct = "total_return_pct"
        case cagrPct = "cagr_pct"
        case maxDrawdownPct = "max_drawdown_pct"
        case maxDrawdownDurationSeconds = "max_drawdown_duration_s"
        case winRate = "win_rate"
        case profitFactor = "profit_factor"
        case avgR = "avg_r"
        case feesUSD = "fees_usd"
        case fundingUSD = "funding_usd"
        case exposurePct = "exposure_pct"
        case perSymbol = "per_symbol"
        case vetoesByCode = "vetoes_by_code"
        case positionMode = "position_mode"
    }

    /// Always writes `profit_factor` and `research` (as null when absent) so the shape is fixed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(initialEquity, forKey: .initialEquity)
        try c.encode(finalEquity, forKey: .finalEquity)
        try c.encode(totalReturnPct, forKey: .totalReturnPct)
        try c.encode(cagrPct, forKey: .cagrPct)
        try c.encode(sharpe, forKey: .sharpe)
        try c.encode(sortino, forKey: .sortino)
        try c.encode(maxDrawdownPct, forKey: .maxDrawdownPct)
        try c.encode(maxDrawdownDurationSeconds, forKey: .maxDrawdownDurationSeconds)
        try c.encode(trades, forKey: .trades)
        try c.encode(winRate, forKey: .winRate)
        try c.encode(profitFactor, forKey: .profitFactor)
        try c.encode(avgR, forKey: .avgR)
        try c.encode(feesUSD, forKey: .feesUSD)
        try c.encode(fundingUSD, forKey: .fundingUSD)
        try c.encode(exposurePct, forKey: .exposurePct)
        try c.encode(perSymbol, forKey: .perSymbol)
        try c.encode(vetoesByCode, forKey: .vetoesByCode)
        try c.encode(bars, forKey: .bars)
        try c.encode(signals, forKey: .signals)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(strategies, forKey: .strategies)
        try c.encode(positionMode, forKey: .positionMode)
        try c.encode(research, forKey: .research)
    }
}

/// Per-symbol figures in `report.json`.
public struct SymbolReport: Sendable, Hashable, Codable {
    public var trades: Int
    public var winRate: Double
    /// Price PnL before fees.
    public var pnlUSD: Double
    public var feesUSD: Double
    public var netPnlUSD: Double

    enum CodingKeys: String, CodingKey {
        case trades
        case winRate = "win_rate"
        case pnlUSD = "pnl_usd"
        case feesUSD = "fees_usd"
        case netPnlUSD = "net_pnl_usd"
    }
}
