extension RiskLimits {
    /// Reads and validates `risk_limits.json` (already parsed). Returns nil when any problem was
    /// found; every problem is in `problems`. Cross-file checks (symbols, clusters, strategies
    /// that must exist elsewhere) are done by `HedgeConfig`.
    public static func read(_ document: JSONValue, file: String, problems: inout ConfigProblems) -> RiskLimits? {
        let before = problems.all.count
        guard var root = ConfigObjectReader(document, file: file, path: "", problems: &problems) else { return nil }

        let global = root.object("global", problems: &problems).flatMap { reader -> GlobalLimits? in
            var reader = reader
            defer { reader.finish(into: &problems) }
            return readGlobal(&reader, problems: &problems)
        }
        // A symbol, tier or cluster may hold up to the whole gross exposure allowed: with
        // `max_gross_exposure_x_nav` 2, a tier at 150 % of NAV is legitimate.
        let shareOfNav = NumberRule.shareOfNav(maxGrossExposureXNav: global?.maxGrossExposureXNav)

        var perSymbol: [String: SymbolLimits] = [:]
        if var symbols = root.object("per_symbol", required: false, problems: &problems) {
            symbols.acceptAllKeys()
            for symbol in symbols.keys {
                guard var entry = symbols.object(symbol, problems: &problems) else { continue }
                perSymbol[symbol] = SymbolLimits(
                    maxNavPct: entry.number("max_nav_pct", shareOfNav, required: false, problems: &problems),
                    maxLeverage: entry.number("max_leverage", .positive, required: false, problems: &problems),
                    maxDrawdownPct: entry.number("max_drawdown_pct", .percent, required: false, problems: &problems)
                )
                entry.finish(into: &problems)
            }
        }

        var tiers: [Tier: TierLimits] = [:]
        if var tierReader = root.object("tiers", required: false, problems: &problems) {
            for tier in Tier.allCases {
                guard var entry = tierReader.object(tier.rawValue, required: false, problems: &problems) else { continue }
                let navPct = entry.number("max_nav_pct", shareOfNav, problems: &problems)
                let count = entry.integer("max_concurrent_positions", .atLeast(1), problems: &problems)
                entry.finish(into: &problems)
                if let navPct, let count {
                    tiers[tier] = TierLimits(maxNavPct: navPct, maxConcurrentPositions: count)
                }
            }
            tierReader.finish(into: &problems)
        }

        var clusters: [String: ClusterLimits] = [:]
        if var clusterReader = root.object("clusters", required: false, problems: &problems) {
            clusterReader.acceptAllKeys()
            for name in clusterReader.keys {
                guard var entry = clusterReader.object(name, problems: &problems) else { continue }
                if let navPct = entry.number("max_nav_pct", shareOfNav, problems: &problems) {
                    clusters[name] = ClusterLimits(maxNavPct: navPct)
                }
                entry.finish(into: &problems)
            }
        }

        var perStrategy: [String: StrategyLimits] = [:]
        if var strategyReader = root.object("per_strategy", required: false, problems: &problems) {
            strategyReader.acceptAllKeys()
            for name in strategyReader.keys {
                guard var entry = strategyReader.object(name, problems: &problems) else { continue }
                if let count = entry.integer("max_concurrent_positions", .atLeast(1), problems: &problems) {
                    perStrategy[name] = StrategyLimits(maxConcurrentPositions: count)
                }
                entry.finish(into: &problems)
            }
        }

        var multipliers: [Regime: Double] = [:]
        if var regimeReader = root.object("regime_multipliers", problems: &problems) {
            for regime in Regime.allCases {
                // A multiplier of 0 is allowed: it blocks new risk in that regime (regime_blocked).
                if let value = regimeReader.number(regime.rawValue, .closed(0, 10), problems: &problems) {
                    multipliers[regime] = value
                }
            }
            regimeReader.finish(into: &problems)
        }

        root.finish(into: &problems)
        guard problems.all.count == before, let global else { return nil }
        return RiskLimits(
            global: global, perSymbol: perSymbol, tiers: tiers, clusters: clusters,
            perStrategy: perStrategy, regimeMultipliers: multipliers
        )
    }

    private static func readGlobal(_ g: inout ConfigObjectReader, problems: inout ConfigProblems) -> GlobalLimits? {
        let navMaxAge = g.number("nav_max_age_s", .positive, problems: &problems)
        let grossX = g.number("max_gross_exposure_x_nav", .positive, problems: &problems)
        let tradePct = g.number("max_trade_nav_pct", .percent, problems: &problems)
        let concurrent = g.integer("max_concurrent_positions", .atLeast(1), problems: &problems)
        let leverage = g.number("max_leverage", .positive, problems: &problems)
        let minNotional = g.number("min_notional_usd", .nonNegative, problems: &problems)
        let dailyStop = g.number("daily_loss_stop_pct", .percent, problems: &problems)
        let maxDrawdown = g.number("max_drawdown_pct", .percent, problems: &problems)
        let perHour = g.integer("max_trades_per_hour", .atLeast(0), problems: &problems)
        let perDay = g.integer("max_trades_per_day", .atLeast(0), problems: &problems)
        var cooldown: LossCooldown?
        if var c = g.object("loss_cooldown", problems: &problems) {
            let losses = c.integer("consecutive_losses", .atLeast(1), problems: &problems)
            let minutes = c.number("minutes", .nonNegative, problems: &problems)
            c.finish(into: &problems)
            if let losses, let minutes { cooldown = LossCooldown(consecutiveLosses: losses, minutes: minutes) }
        }
        let killFile = g.string("kill_switch_file", problems: &problems)
        guard let navMaxAge, let grossX, let tradePct, let concurrent, let leverage, let minNotional,
              let dailyStop, let maxDrawdown, let perHour, let perDay, let cooldown, let killFile
        else { return nil }
        return GlobalLimits(
            navMaxAgeSeconds: navMaxAge, maxGrossExposureXNav: grossX, maxTradeNavPct: tradePct,
            maxConcurrentPositions: concurrent, maxLeverage: leverage, minNotionalUSD: minNotional,
            dailyLossStopPct: dailyStop, maxDrawdownPct: maxDrawdown, maxTradesPerHour: perHour,
            maxTradesPerDay: perDay, lossCooldown: cooldown, killSwitchFile: killFile
        )
    }
}
