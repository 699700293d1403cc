extension Backtest {
    /// The `RiskState` the live RiskActor would build at this moment, from the engine and the
    /// pipeline's own counters. NAV is always fresh in a backtest (it is marked every bar).
    mutating func riskState(regime: Regime, timeMs: Int64) -> RiskState {
        while let oldest = entryTimes.first, oldest <= timeMs - 3_600_000 { entryTimes.removeFirst() }
        let nav = engine.navUSD
        let positions = engine.openLegs.map { symbol, leg in
            PositionExposure(symbol: symbol, side: leg.side,
                             notionalUSD: leg.quantity * (engine.lastPrice(symbol) ?? leg.entryPrice),
                             strategy: leg.tag.strategy)
        }
        var symbolDrawdown: [String: Double] = [:]
        if nav > 0 {
            for (symbol, net) in symbolNetPnl {
                symbolDrawdown[symbol] = max(0, (symbolPeakPnl[symbol] ?? 0) - net) / nav * 100
            }
        }
        return RiskState(
            navUSD: nav,
            navAgeSeconds: 0,
            positions: positions,
            dailyPnlPct: dayStartNav > 0 ? (nav / dayStartNav - 1) * 100 : 0,
            drawdownPct: peakNav > 0 ? max(0, (peakNav - nav) / peakNav * 100) : 0,
            symbolDrawdownPct: symbolDrawdown,
            tradesLastHour: entryTimes.count,
            tradesToday: tradesToday,
            consecutiveLosses: consecutiveLosses,
            minutesSinceLastLoss: lastLossTimeMs.map { Double(timeMs - $0) / 60_000 },
            regime: regime,
            killSwitch: false)
    }
}
