/// How a backtest runs: money, venue rules, routing, and the research switches that bypass parts
/// of the pipeline (recorded in the report when used).
public struct BacktestOptions: Sendable, Hashable {
    /// Starting wallet in USD.
    public var initialEquityUSD: Double
    public var matching: MatchingConfiguration
    /// Leverage the backtest trades at (intents carry it to `checkOrder`; the engine margins with it).
    public var leverage: Double
    /// Router policy applied to every entry: maker-first places a post-only limit `offsetBps` away
    /// from the signal's close for `makerTimeToLiveBars` bars, then falls back to a market order.
    public var routerPolicy: RouterPolicy
    public var makerTimeToLiveBars: Int
    /// Research switch: skip `checkOrder` and the sizer so engines can be compared on fills and
    /// accounting alone.
    public var skipRisk: Bool
    /// Research overrides that were applied (strategy parameters, fee, slippage), echoed in the report.
    public var researchOverrides: [String: String]
    /// Bars of history kept for the HTML report's charts (the curve is decimated to fit).
    public var chartPoints: Int
    /// Most recent trades kept for the HTML report's table (all trades go to trades.jsonl).
    public var tableTrades: Int
    /// Per strategy, how long a leg it opened is held at most before it is closed at market
    /// (`max_hold_minutes` in `strategy_config.json`, in ms; `StrategyConfig.maxHoldMsByStrategy`).
    public var maxHoldMsByStrategy: [String: Int64] = [:]

    public init(initialEquityUSD: Double = 100_000, matching: MatchingConfiguration = .default, leverage: Double = 1,
                routerPolicy: RouterPolicy = .default, makerTimeToLiveBars: Int = 1, skipRisk: Bool = false,
                researchOverrides: [String: String] = [:], chartPoints: Int = 2_000, tableTrades: Int = 500) {
        self.initialEquityUSD = initialEquityUSD
        self.matching = matching
        self.leverage = leverage
        self.routerPolicy = routerPolicy
        self.makerTimeToLiveBars = makerTimeToLiveBars
        self.skipRisk = skipRisk
        self.researchOverrides = researchOverrides
        self.chartPoints = chartPoints
        self.tableTrades = tableTrades
    }
}
