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

    /// Closed bars of a symbol it needs before its first signal can fire (its longest window).
    /// The daemon feeds a multiple of this from the venue's history at start, so a restart does
    /// not leave it silent for that many bars.
    var warmupBars: Int { get }

    /// Feeds the closed `bar` of `symbol`, observed under `regime`, and returns the signals it
    /// produces: empty while warming up or when nothing fires, otherwise at most one per call.
    mutating func onBar(_ bar: Bar, symbol: String, regime: Regime) -> [StrategySignal]

    /// Replaces the expectancy veto it consults (the intel pass's latest), keeping every
    /// symbol's indicator state. Strategies without one ignore it.
    mutating func updateGate(_ gate: ExpectancyGate)
}

extension Strategy {
    public mutating func updateGate(_ gate: ExpectancyGate) {}
}
