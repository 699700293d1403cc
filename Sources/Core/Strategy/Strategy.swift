/// A trading strategy: a deterministic value that turns closed bars into signals.
///
/// One instance serves every symbol it is fed and keeps each symbol's indicator state apart,
/// so bars of different symbols may be interleaved freely; bars of one symbol must arrive in
/// time order, one call per closed bar. `onBar` reads no clock and does no I/O: the same bars,
/// symbols and regimes always give the same signals, which is what lets the backtest, the
/// shadow pipeline and live trading agree. Owned by the SignalActor (live) or the backtest.
public protocol Strategy: Sendable {
    /// The strategy's configured name (`trend`, `triggers`), stamped on every signal.
    var name: String { get }

    /// Feeds the closed `bar` of `symbol`, observed under `regime`, and returns the signals it
    /// produces: empty while warming up or when nothing fires, otherwise at most one per call.
    mutating func onBar(_ bar: Bar, symbol: String, regime: Regime) -> [StrategySignal]
}

extension Bar {
    /// True when the bar's prices are finite, positive and consistent (low ≤ close, open ≤ high)
    /// and its volume is finite and non-negative. Strategies skip other bars rather than let one
    /// bad print poison an indicator for the rest of the session.
    var isUsable: Bool {
        let prices = [open, high, low, close]
        return prices.allSatisfy { $0.isFinite && $0 > 0 }
            && low <= min(open, close) && high >= max(open, close)
            && volume.isFinite && volume >= 0
    }

    /// The UTC hour of day (0–23) of the bar's open time.
    var openHourUTC: Int {
        let millisecondsPerHour: Int64 = 3_600_000
        let hours = openTimeMs >= 0 ? openTimeMs / millisecondsPerHour : (openTimeMs + 1) / millisecondsPerHour - 1
        let hourOfDay = hours % 24
        return Int(hourOfDay < 0 ? hourOfDay + 24 : hourOfDay)
    }
}
