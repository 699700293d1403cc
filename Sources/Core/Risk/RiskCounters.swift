import DequeModule

/// The parts of `RiskState` that the pipeline itself produces over time: trades per hour and per
/// day, the day's starting NAV, the peak NAV, consecutive losses and the last loss, and each
/// symbol's intraday PnL drawdown. One implementation for the backtest and the live RiskActor, so
/// both feed `checkOrder` the same numbers.
///
/// Time comes in as epoch ms; days are UTC days.
public struct RiskCounters: Sendable {
    private var entryTimes: Deque<Int64> = []
    private var tradesToday = 0
    private var currentDay: Int64?
    private var dayStartNav: Double
    private var peakNav: Double
    private var consecutiveLosses = 0
    private var lastLossTimeMs: Int64?
    private var symbolNetPnl: [String: Double] = [:]
    private var symbolPeakPnl: [String: Double] = [:]

    public init(initialNavUSD: Double) {
        dayStartNav = initialNavUSD
        peakNav = initialNavUSD
    }

    /// Notes the NAV at `timeMs`: rolls the day at 00:00 UTC and tracks the peak.
    public mutating func observe(navUSD: Double, atMs timeMs: Int64) {
        rollDayIfNeeded(atMs: timeMs, navUSD: navUSD)
        peakNav = max(peakNav, navUSD)
    }

    /// Rolls the day at 00:00 UTC: trades-today and per-symbol drawdowns reset and the day's
    /// starting NAV is `navUSD` (only evaluated when the day changes: the backtest calls this on
    /// every bar time).
    public mutating func rollDayIfNeeded(atMs timeMs: Int64, navUSD: @autoclosure () -> Double) {
        let day = UTCTime.dayNumber(ms: timeMs)
        guard day != currentDay else { return }
        currentDay = day
        tradesToday = 0
        dayStartNav = navUSD()
        // Per-symbol drawdown is intraday: a symbol stopped out trades again the next day.
        symbolNetPnl = [:]
        symbolPeakPnl = [:]
    }

    /// Counts an entry sent at `timeMs` toward trades per hour and per day.
    public mutating func recordEntry(atMs timeMs: Int64) {
        entryTimes.append(timeMs)
        tradesToday += 1
    }

    /// Updates loss streaks and per-symbol PnL with a closed trade.
    public mutating func record(_ trade: ClosedTrade) {
        if trade.netPnlUSD < 0 {
            consecutiveLosses += 1
            lastLossTimeMs = trade.exitTimeMs
        } else {
            consecutiveLosses = 0
        }
        let net = symbolNetPnl[trade.symbol, default: 0] + trade.netPnlUSD
        symbolNetPnl[trade.symbol] = net
        symbolPeakPnl[trade.symbol] = max(symbolPeakPnl[trade.symbol] ?? 0, net)
    }

    /// The risk state at `timeMs` for the given account facts.
    public mutating func state(navUSD: Double, navAgeSeconds: Double, positions: [PositionExposure], regime: Regime,
                               killSwitch: Bool, atMs timeMs: Int64) -> RiskState {
        while let oldest = entryTimes.first, oldest <= timeMs - 3_600_000 { entryTimes.removeFirst() }
        var symbolDrawdown: [String: Double] = [:]
        if navUSD > 0 {
            for (symbol, net) in symbolNetPnl {
                symbolDrawdown[symbol] = max(0, (symbolPeakPnl[symbol] ?? 0) - net) / navUSD * 100
            }
        }
        return RiskState(
            navUSD: navUSD,
            navAgeSeconds: navAgeSeconds,
            positions: positions,
            dailyPnlPct: dayStartNav > 0 ? (navUSD / dayStartNav - 1) * 100 : 0,
            drawdownPct: peakNav > 0 ? max(0, (peakNav - navUSD) / peakNav * 100) : 0,
            symbolDrawdownPct: symbolDrawdown,
            tradesLastHour: entryTimes.count,
            tradesToday: tradesToday,
            consecutiveLosses: consecutiveLosses,
            minutesSinceLastLoss: lastLossTimeMs.map { Double(timeMs - $0) / 60_000 },
            regime: regime,
            killSwitch: killSwitch)
    }
}
