extension Backtest {
    /// The `RiskState` the daemon's risk actor would see at this moment: NAV and legs as the venue
    /// reports them (marked at the last price), plus the exposure reserved by approved entries
    /// still working, summed per leg. NAV is always fresh in a backtest (it is marked every bar).
    mutating func riskState(regime: Regime, timeMs: Int64) -> RiskState {
        var totals: [String: (symbol: String, side: PositionSide, notional: Double)] = [:]
        for (symbol, leg) in engine.openLegs {
            let key = BacktestRouterState.key(symbol, leg.side)
            totals[key] = (symbol, leg.side, leg.quantity * (engine.lastPrice(symbol) ?? leg.entryPrice))
        }
        for reservation in router.reservations.values {
            let key = BacktestRouterState.key(reservation.symbol, reservation.leg)
            totals[key, default: (reservation.symbol, reservation.leg, 0)].notional += reservation.notionalUSD
        }
        let positions = totals.sorted { ($0.value.symbol, $0.value.side.rawValue) < ($1.value.symbol, $1.value.side.rawValue) }.map { key, total in
            PositionExposure(symbol: total.symbol, side: total.side, notionalUSD: total.notional,
                             strategy: router.legStrategies[key] ?? "unknown")
        }
        return riskCounters.state(navUSD: engine.navUSD, navAgeSeconds: 0, positions: positions, regime: regime,
                                  killSwitch: false, atMs: timeMs)
    }
}
