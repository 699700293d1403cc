/// The human-readable report `hedge doctor` prints for a valid configuration: what the daemon
/// would run with, so an operator can eyeball it before starting.
extension HedgeConfig {
    public var summaryLines: [String] {
        let g = riskLimits.global
        let r = runtime
        var lines: [String] = []
        lines.append("runtime:  mode=\(r.mode.rawValue) venue=\(r.venue.rawValue) state_dir=\(r.stateDirectory) http=\(r.http.bind):\(r.http.port) drain=\(seconds(r.drain.deadline))s/\(r.drain.onShutdown.rawValue)")
        lines.append("store:    \(r.stateDirectory)/hedge.sqlite (orders journaled in \(r.stateDirectory)/orders.journal) unknown_orders=\(r.unknownOrders.rawValue)")
        let intervals = TimerIntervals.keys.map { "\($0.key)=\(seconds(r.intervals[keyPath: $0.path]))s" }.joined(separator: " ")
        lines.append("timers:   \(intervals)")
        let flagText = FeatureFlag.allCases.map { flag in
            let entry = flags.entry(flag)
            return "\(flag.name)=\(entry.value ? "on" : "off")(\(entry.source.rawValue))"
        }.joined(separator: " ")
        lines.append("flags:    \(flagText)")
        lines.append("risk:     nav_max_age=\(formatNumber(g.navMaxAgeSeconds))s gross<=\(formatNumber(g.maxGrossExposureXNav))x trade<=\(formatNumber(g.maxTradeNavPct))% positions<=\(g.maxConcurrentPositions) leverage<=\(formatNumber(g.maxLeverage))x min_notional=$\(formatNumber(g.minNotionalUSD))")
        lines.append("stops:    daily_loss=\(formatNumber(g.dailyLossStopPct))% drawdown=\(formatNumber(g.maxDrawdownPct))% trades<=\(g.maxTradesPerHour)/h,\(g.maxTradesPerDay)/day cooldown=\(g.lossCooldown.consecutiveLosses) losses→\(formatNumber(g.lossCooldown.minutes))min kill_switch_file=\(g.killSwitchFile)")
        let regimes = Regime.allCases.map { "\($0.rawValue)×\(formatNumber(riskLimits.multiplier(for: $0)))" }.joined(separator: " ")
        lines.append("regimes:  \(regimes)")
        let enabled = universe.enabledSymbols
        let disabled = universe.symbols.keys.filter { !enabled.contains($0) }.sorted()
        lines.append("universe: \(enabled.count) enabled (\(enabled.joined(separator: ", ")))" + (disabled.isEmpty ? "" : ", \(disabled.count) disabled (\(disabled.joined(separator: ", ")))"))
        if let discovery = universe.discovery {
            lines.append("discovery: on venues that list products (coinbase): up to \(discovery.maxSymbols) \(discovery.quote) products of the "
                + "\(discovery.candidates) largest by 24 h volume, tiered by the filters, \(discovery.exclude.count) excluded")
        }
        let leverage = enabled.map { "\($0)=\(universe.symbols[$0]?.leverage ?? 1)x" }.joined(separator: " ")
        lines.append("leverage: \(leverage)")
        let policies = enabled.map { symbol -> String in
            let tier = universe.symbols[symbol]?.tier ?? .t3
            let (policy, source) = r.router.policy(for: symbol, tier: tier)
            return "\(symbol)=\(policy.makerFirst ? "maker" : "taker")/bias \(formatNumber(policy.takerBias))/offset \(formatNumber(policy.offsetBps))bps(\(source.rawValue))"
        }.joined(separator: " ")
        lines.append("router:   \(policies)")
        let strategyText = strategies.strategies.keys.sorted().map { "\($0)=\(strategies.strategies[$0]?.enabled == true ? "on" : "off")" }.joined(separator: " ")
        lines.append("strategy: \(strategyText.isEmpty ? "none configured" : strategyText)")
        return lines
    }
}

private func seconds(_ duration: Duration) -> String {
    let (whole, attoseconds) = duration.components
    return formatNumber(Double(whole) + Double(attoseconds) / 1e18)
}
