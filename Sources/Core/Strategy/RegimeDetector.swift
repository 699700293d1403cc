/// Classifies one bar series (one symbol, or a market proxy such as BTC) into a `Regime`.
///
/// Streaming and O(1) per bar: a ring of the last `lookbackBars + 1` closes gives the lookback
/// return, a rolling sample stdev of per-bar returns gives the volatility, and
/// `RegimeParameters.classify` turns them into the regime. Reports `chop` until `lookbackBars + 1`
/// bars have been seen: with no evidence neither direction nor a crash is claimed. A bar with
/// non-finite or inconsistent prices is skipped and the current regime is kept. Deterministic
/// value type; one per series, owned by whoever feeds it bars (the SignalActor or the backtest).
public struct RegimeDetector: Sendable, Hashable {
    public let parameters: RegimeParameters
    private var closes: FixedWindow<Double>
    private var volatility: RollingStdev
    /// The regime after the latest bar.
    public private(set) var regime: Regime = .chop
    /// Close-to-close change over the lookback, percent; nil while warming up.
    public private(set) var lookbackReturnPct: Double?
    /// Sample stdev of per-bar returns over the lookback, percent per bar; nil while warming up.
    public private(set) var volatilityPct: Double?

    /// A detector with `parameters`; a lookback below 2 bars is treated as 2.
    public init(parameters: RegimeParameters = .defaults) {
        self.parameters = parameters
        let lookback = max(2, parameters.lookbackBars)
        closes = FixedWindow(capacity: lookback + 1)
        volatility = RollingStdev(period: lookback)
    }

    /// True once the lookback is full and the regime reflects the data.
    public var isReady: Bool { lookbackReturnPct != nil && volatilityPct != nil }

    /// Folds in the closed `bar` and returns the regime.
    @discardableResult
    public mutating func update(_ bar: Bar) -> Regime {
        guard bar.isUsable else { return regime }
        if let previous = closes.last {
            volatility.update((bar.close / previous - 1) * 100)
        }
        closes.append(bar.close)
        guard closes.isFull, let start = closes.first, let stdev = volatility.value else { return regime }
        let returnPct = (bar.close / start - 1) * 100
        lookbackReturnPct = returnPct
        volatilityPct = stdev
        regime = parameters.classify(returnPct: returnPct, volatilityPct: stdev)
        return regime
    }
}
