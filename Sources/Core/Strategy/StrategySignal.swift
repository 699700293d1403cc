/// A strategy's proposal to open a position, before risk and sizing. Pure value; the
/// SignalActor turns it into an `OrderIntent` and the RiskActor decides about that.
///
/// Prices are `Double` (analytics, not venue prices). JSON keys are snake_case:
/// `{symbol, side, time_ms, reference_price, conviction, stop_price, take_profit_price,
/// size_nav_pct, reason, strategy, regime}`.
public struct StrategySignal: Sendable, Hashable, Codable {
    public var symbol: String
    public var side: Side
    /// Open time (UTC epoch milliseconds) of the bar whose close produced the signal. The
    /// decision itself is made when that bar closes; the open time is used because it is the
    /// bar's identity and needs no knowledge of the bar interval.
    public var timeMs: Int64
    /// The close of that bar: the price the stop, take-profit and size refer to.
    public var referencePrice: Double
    /// How strongly the strategy believes in the signal, in [0, 1].
    public var conviction: Double
    /// Protective stop price; nil when the strategy sets none.
    public var stopPrice: Double?
    /// Take-profit price; nil when the strategy sets none.
    public var takeProfitPrice: Double?
    /// Suggested position size as percent of NAV (3 means 3 %), ≥ 0. Risk may clamp it.
    public var sizeNavPct: Double
    /// Machine-readable cause, `strategy.rule` (`trend.ema_cross_up`, `triggers.breakout`).
    public var reason: String
    /// Name of the strategy that emitted the signal.
    public var strategy: String
    /// The regime the bar was observed under.
    public var regime: Regime
    /// A fixed base quantity (contracts) that replaces `sizeNavPct` sizing: research baselines
    /// such as `ema_cross` trade a constant size so engines can be compared on fills alone.
    public var quantity: Double?

    public init(
        symbol: String, side: Side, timeMs: Int64, referencePrice: Double, conviction: Double,
        stopPrice: Double?, takeProfitPrice: Double?, sizeNavPct: Double, reason: String,
        strategy: String, regime: Regime, quantity: Double? = nil
    ) {
        self.symbol = symbol
        self.side = side
        self.timeMs = timeMs
        self.referencePrice = referencePrice
        self.conviction = conviction
        self.stopPrice = stopPrice
        self.takeProfitPrice = takeProfitPrice
        self.sizeNavPct = sizeNavPct
        self.reason = reason
        self.strategy = strategy
        self.regime = regime
        self.quantity = quantity
    }

    enum CodingKeys: String, CodingKey {
        case symbol, side, conviction, reason, strategy, regime, quantity
        case timeMs = "time_ms"
        case referencePrice = "reference_price"
        case stopPrice = "stop_price"
        case takeProfitPrice = "take_profit_price"
        case sizeNavPct = "size_nav_pct"
    }
}
