extension Backtest {
    /// The `RiskState` the live RiskActor would build at this moment, from the engine and the
    /// pipeline's own counters. NAV is always fresh in a backtest (it is marked every bar).
    mutating func riskState(regime: Regime, timeMs: Int64) -> RiskState {
        let positions = engine.openLegs.map { symbol, leg in
            PositionExposure(symbol: symbol, side: leg.side,
                             notionalUSD: leg.quantity * (engine.lastPrice(symbol) ?? leg.entryPrice),
                             strategy: leg.tag.strategy)
        }
        return riskCounters.state(navUSD: engine.navUSD, navAgeSeconds: 0, positions: positions, regime: regime,
                                  killSwitch: false, atMs: timeMs)
    }
}
