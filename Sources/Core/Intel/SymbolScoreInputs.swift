/// The raw metrics a symbol score is computed from; nil where there is no data. Analytics
/// values (`Double`). Built from closed trades and router health, or directly (tests, what-ifs).
public struct SymbolScoreInputs: Sendable, Hashable {
    /// Closed trades behind the trade metrics.
    public var sampleCount: Int
    /// Σ net PnL / Σ entry notional × 10 000: mean net return per trade in bps of notional.
    public var expectancyBps: Double?
    /// Mean / sample standard deviation of per-trade net returns (net PnL / entry notional); nil
    /// with fewer than two trades or no dispersion.
    public var sharpe: Double?
    /// Σ fees / Σ entry notional × 10 000: what fees cost per unit traded, in bps.
    public var feeDragBps: Double?
    /// Mean slippage of the symbol's orders in bps, positive adverse (router health).
    public var slippageBps: Double?
    /// Fraction of orders filled as maker (router health).
    public var makerFillRatio: Double?
    /// Fraction of orders that fell back to taker (router health).
    public var fallbackRate: Double?

    public init(sampleCount: Int, expectancyBps: Double? = nil, sharpe: Double? = nil, feeDragBps: Double? = nil,
                slippageBps: Double? = nil, makerFillRatio: Double? = nil, fallbackRate: Double? = nil) {
        self.sampleCount = sampleCount
        self.expectancyBps = expectancyBps
        self.sharpe = sharpe
        self.feeDragBps = feeDragBps
        self.slippageBps = slippageBps
        self.makerFillRatio = makerFillRatio
        self.fallbackRate = fallbackRate
    }

    /// Metrics of one symbol's `trades` and, when present, its router `health` (a health with no
    /// orders counts as absent). Trades whose entry notional (entry price × quantity) is not a
    /// positive finite number are counted but not used for the per-notional metrics.
    public init(trades: [ClosedTrade], health: RouterHealth?) {
        let symbol = trades.first?.symbol ?? ""
        self = TradeLedger(trades: trades).scoreInputs(for: symbol, health: health)
    }
}
