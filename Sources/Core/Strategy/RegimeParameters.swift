/// Thresholds of the regime detector (`config/strategy_config.json` `regime`).
///
/// Returns and volatilities are percent numbers (3 means 3 %). The lookback return is the
/// change of the close over `lookbackBars` bars; volatility is the sample standard deviation of
/// the per-bar close-to-close returns over the same bars (per bar, not annualised), so its
/// scale depends on the bar interval: the defaults suit hourly bars.
public struct RegimeParameters: Sendable, Hashable {
    /// Bars the return and the volatility are measured over (≥ 2). Default 24.
    public var lookbackBars: Int
    /// Lookback return at or above which the market is a bull, percent. Default 3.
    public var bullReturnPct: Double
    /// Volatility at or above which a rising market is not called a bull, percent per bar. Default 2.
    public var bullMaxVolPct: Double
    /// Lookback fall at or beyond which the market is a bear (as a positive number), percent. Default 3.
    public var bearReturnPct: Double
    /// Lookback fall at or beyond which the market is crashing, percent; larger than
    /// `bearReturnPct`. Default 10.
    public var crashDropPct: Double
    /// Volatility at or above which the market is crashing whatever the return, percent per bar. Default 4.
    public var crashVolPct: Double

    public init(
        lookbackBars: Int = 24,
        bullReturnPct: Double = 3,
        bullMaxVolPct: Double = 2,
        bearReturnPct: Double = 3,
        crashDropPct: Double = 10,
        crashVolPct: Double = 4
    ) {
        self.lookbackBars = lookbackBars
        self.bullReturnPct = bullReturnPct
        self.bullMaxVolPct = bullMaxVolPct
        self.bearReturnPct = bearReturnPct
        self.crashDropPct = crashDropPct
        self.crashVolPct = crashVolPct
    }

    /// The documented defaults.
    public static let defaults = RegimeParameters()

    /// The regime of a lookback return and a volatility (both percent). Crash is checked
    /// first, then bear, then bull; anything else is chop.
    public func classify(returnPct: Double, volatilityPct: Double) -> Regime {
        if returnPct <= -crashDropPct || volatilityPct >= crashVolPct { return .crash }
        if returnPct <= -bearReturnPct { return .bear }
        if returnPct >= bullReturnPct && volatilityPct < bullMaxVolPct { return .bull }
        return .chop
    }
}
