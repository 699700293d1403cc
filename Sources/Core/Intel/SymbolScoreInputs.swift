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
        var netSum = 0.0, feeSum = 0.0, notionalSum = 0.0
        var returns: [Double] = []
        for trade in trades {
            let notional = abs(trade.entryPrice * trade.quantity)
            guard notional.isFinite, notional > 0, trade.netPnlUSD.isFinite, trade.feesUSD.isFinite else { continue }
            netSum += trade.netPnlUSD
            feeSum += trade.feesUSD
            notionalSum += notional
            returns.append(trade.netPnlUSD / notional)
        }
        let hasNotional = notionalSum > 0
        let health = health.flatMap { $0.orderCount > 0 ? $0 : nil }
        self.init(sampleCount: trades.count,
                  expectancyBps: hasNotional ? netSum / notionalSum * 10_000 : nil,
                  sharpe: Self.sharpe(returns),
                  feeDragBps: hasNotional ? feeSum / notionalSum * 10_000 : nil,
                  slippageBps: health?.meanSlippageBps,
                  makerFillRatio: health?.makerFillRatio,
                  fallbackRate: health?.fallbackRate)
    }

    /// Mean over sample standard deviation (n − 1); nil below two values or at zero dispersion,
    /// where the ratio says nothing.
    static func sharpe(_ returns: [Double]) -> Double? {
        guard returns.count >= 2 else { return nil }
        let n = Double(returns.count)
        let mean = returns.reduce(0, +) / n
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let deviation = variance.squareRoot()
        guard deviation > 0, deviation.isFinite else { return nil }
        return mean / deviation
    }
}
