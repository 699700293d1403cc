import DequeModule

/// The parts of `RiskState` that the pipeline itself produces over time: trades per hour and per
/// day, the day's starting NAV, the peak NAV, consecutive losses and the last loss, and each
/// symbol's intraday PnL drawdown. One implementation for the backtest and the live RiskActor, so
/// both feed `checkOrder` the same numbers.
///
/// Time comes in as epoch ms; days are UTC days, and a day only ever rolls forward: a wall
/// clock stepped backwards (NTP, a VM resume) cannot reopen yesterday or reset today.
///
/// `Codable`: the live daemon saves it to the store on every change and restores it at start, so
/// a restart never re-arms a daily stop, a drawdown stop, a cooldown or a trade-count limit.
public struct RiskCounters: Sendable, Hashable, Codable {
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

    /// The stored form's keys: a renamed property must not make saved counters unreadable.
    enum CodingKeys: String, CodingKey {
        case entryTimes = "entry_times_ms"
        case tradesToday = "trades_today"
        case currentDay = "day_number"
        case dayStartNav = "day_start_nav_usd"
        case peakNav = "peak_nav_usd"
        case consecutiveLosses = "consecutive_losses"
        case lastLossTimeMs = "last_loss_time_ms"
        case symbolNetPnl = "symbol_net_pnl_usd"
        case symbolPeakPnl = "symbol_peak_pnl_usd"
    }

    /// Notes the NAV at `timeMs`: rolls the day at 00:00 UTC and tracks the peak. Returns whether
    /// anything changed (a new day or a new peak), so a caller saves only what is new.
    @discardableResult
    public mutating func observe(navUSD: Double, atMs timeMs: Int64) -> Bool {
        let day = currentDay
        let peak = peakNav
        rollDayIfNeeded(atMs: timeMs, navUSD: navUSD)
        peakNav = max(peakNav, navUSD)
        return currentDay != day || peakNav != peak
    }

    /// Rolls the day at 00:00 UTC: trades-today and per-symbol drawdowns reset and the day's
    /// starting NAV is `navUSD` (only evaluated when the day changes: the backtest calls this on
    /// every bar time).
    public mutating func rollDayIfNeeded(atMs timeMs: Int64, navUSD: @autoclosure () -> Double) {
        let day = UTCTime.dayNumber(ms: timeMs)
        if let currentDay, day <= currentDay { return }
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

    /// The counters as an operator reads them (`risk_snapshot.json` `counters`), at `timeMs` for
    /// a NAV of `navUSD`.
    public func summary(navUSD: Double, atMs timeMs: Int64) -> Summary {
        Summary(
            day: currentDay.map(UTCTime.iso8601Date(dayNumber:)),
            dayStartNavUSD: dayStartNav, peakNavUSD: peakNav,
            dailyPnlPct: dayStartNav > 0 && navUSD > 0 ? (navUSD / dayStartNav - 1) * 100 : 0,
            drawdownPct: peakNav > 0 && navUSD > 0 ? max(0, (peakNav - navUSD) / peakNav * 100) : 0,
            tradesLastHour: entryTimes.filter { $0 > Self.hourBefore(timeMs) }.count, tradesToday: tradesToday,
            consecutiveLosses: consecutiveLosses, lastLossTimeMs: lastLossTimeMs)
    }

    /// `RiskCounters` as an operator reads them.
    public struct Summary: Sendable, Hashable, Codable {
        /// The UTC day the counters are on, `2025-05-05`; nil before the first NAV.
        public var day: String?
        public var dayStartNavUSD: Double
        public var peakNavUSD: Double
        public var dailyPnlPct: Double
        public var drawdownPct: Double
        public var tradesLastHour: Int
        public var tradesToday: Int
        public var consecutiveLosses: Int
        public var lastLossTimeMs: Int64?

        enum CodingKeys: String, CodingKey {
            case day
            case dayStartNavUSD = "day_start_nav_usd"
            case peakNavUSD = "peak_nav_usd"
            case dailyPnlPct = "daily_pnl_pct"
            case drawdownPct = "drawdown_pct"
            case tradesLastHour = "trades_last_hour"
            case tradesToday = "trades_today"
            case consecutiveLosses = "consecutive_losses"
            case lastLossTimeMs = "last_loss_time_ms"
        }
    }

    /// The risk state at `timeMs` for the given account facts.
    public mutating func state(navUSD: Double, navAgeSeconds: Double, positions: [PositionExposure], regime: Regime,
                               killSwitch: Bool, atMs timeMs: Int64) -> RiskState {
        while let oldest = entryTimes.first, oldest <= Self.hourBefore(timeMs) { entryTimes.removeFirst() }
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
            minutesSinceLastLoss: lastLossTimeMs.map { (Double(timeMs) - Double($0)) / 60_000 },
            regime: regime,
            killSwitch: killSwitch)
    }

    /// An hour before `timeMs`, saturating: a venue's time at `Int64.min` must not trap.
    static func hourBefore(_ timeMs: Int64) -> Int64 {
        let (earlier, overflow) = timeMs.subtractingReportingOverflow(3_600_000)
        return overflow ? .min : earlier
    }
}
