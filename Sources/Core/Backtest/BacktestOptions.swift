/// How a backtest runs: money, venue rules, routing, and the research switches that bypass parts
/// of the pipeline (recorded in the report when used).
public struct BacktestOptions: Sendable, Hashable {
    /// Starting wallet in USD.
    public var initialEquityUSD: Double
    public var matching: MatchingConfiguration
    /// Leverage the backtest trades at (intents carry it to `checkOrder`; the engine margins with it).
    public var leverage: Double
    /// Router policy of every symbol without one in `routerPolicies` (the daemon's default).
    public var routerPolicy: RouterPolicy
    /// Router policy per symbol (`runtime.yaml` `router`, by tier and symbol), as the daemon's
    /// router configures them.
    public var routerPolicies: [String: RouterPolicy] = [:]
    /// Maker windows, retries, slippage budgets and quote age: the router's parameters.
    public var routing: RoutingParameters = .default
    /// The sim venue's half spread around the close, bps (its book; `SimExchangeConfiguration`).
    public var halfSpreadBps: Double = 1
    /// Bar length per symbol, ms (the data set's files say it); `defaultBarIntervalMs` for others.
    public var barIntervalMs: [String: Int64] = [:]
    public var defaultBarIntervalMs: Int64 = 60_000
    /// How often the universe's liquidity filters are evaluated, in market time (`runtime.yaml`
    /// `intervals.universe`).
    public var universeIntervalMs: Int64 = 300_000
    /// Whether the strategies consult the expectancy gate built from the run's own round trips
    /// (`INTEL_V6_ENABLED`, as live), rebuilt every `intelIntervalMs` of market time.
    public var expectancyGate = false
    public var intelIntervalMs: Int64 = 60_000
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
                routerPolicy: RouterPolicy = .default, skipRisk: Bool = false,
                researchOverrides: [String: String] = [:], chartPoints: Int = 2_000, tableTrades: Int = 500) {
        self.initialEquityUSD = initialEquityUSD
        self.matching = matching
        self.leverage = leverage
        self.routerPolicy = routerPolicy
        self.skipRisk = skipRisk
        self.researchOverrides = researchOverrides
        self.chartPoints = chartPoints
        self.tableTrades = tableTrades
    }
}
