/// The authoritative pre-trade check. Pure: everything it needs comes in as arguments, so the
/// backtest, the shadow pipeline and the live RiskActor reach the same decision for the same
/// inputs.
///
/// Semantics (hedge mode): an opening BUY grows the symbol's LONG leg, an opening SELL its SHORT
/// leg; a reduce-only BUY shrinks SHORT and a reduce-only SELL shrinks LONG. Caps are checked on
/// the values after the order for the buckets the order touches. A reduce-only intent that
/// shrinks an existing leg is always allowed: reducing risk is never blocked.
public func checkOrder(
    _ intent: OrderIntent, state: RiskState, limits: RiskLimits, universe: PairsUniverse
) -> RiskDecision {
    let global = limits.global
    let book = ExposureBook(positions: state.positions)
    let multiplier = limits.multiplier(for: state.regime)
    let navFresh = state.navUSD > 0 && state.navAgeSeconds <= global.navMaxAgeSeconds
    func decision(_ vetoes: Set<VetoCode>, checks: [CapCheck], reducing: Bool) -> RiskDecision {
        RiskDecision(
            vetoes: VetoCode.allCases.filter(vetoes.contains),
            detail: RiskDetail(navUSD: state.navUSD, navAgeSeconds: state.navAgeSeconds, navFresh: navFresh,
                               regime: state.regime, regimeMultiplier: multiplier, riskReducing: reducing,
                               checks: checks)
        )
    }

    if intent.reduceOnly {
        let legNotional = book.legNotionalUSD(intent.symbol, intent.leg)
        let check = CapCheck(code: .reduceOnlyWithoutPosition, measure: .usd, scope: intent.symbol,
                             limit: 0, value: legNotional, passed: legNotional > 0)
        if check.passed { return decision([], checks: [check], reducing: true) }
        var vetoes: Set<VetoCode> = [.reduceOnlyWithoutPosition]
        if universe.tradable(intent.symbol) == nil { vetoes.insert(.symbolNotTradable) }
        return decision(vetoes, checks: [check], reducing: false)
    }

    var vetoes: Set<VetoCode> = []
    var checks: [CapCheck] = []
    func record(_ check: CapCheck) {
        checks.append(check)
        if !check.passed { vetoes.insert(check.code) }
    }

    if !navFresh { vetoes.insert(.navStale) }
    if state.killSwitch { vetoes.insert(.killSwitch) }
    if state.reconciliationPending { vetoes.insert(.reconciliationPending) }
    if state.orderLogUnwritable { vetoes.insert(.orderLogUnwritable) }
    if state.haltedSymbols.contains(intent.symbol) { vetoes.insert(.symbolHalted) }
    if universe.tradable(intent.symbol) == nil { vetoes.insert(.symbolNotTradable) }
    if universe.spot, intent.leg == .short { vetoes.insert(.spotNoShort) }
    if multiplier <= 0 { vetoes.insert(.regimeBlocked) }

    record(CapCheck(code: .minNotional, measure: .usd, limit: global.minNotionalUSD,
                    value: intent.grossUSD, passed: intent.grossUSD >= global.minNotionalUSD))

    // Size caps need a positive NAV to mean anything; a stale/zero NAV is already vetoed above.
    if state.navUSD > 0 {
        for cap in limits.exposureCaps(symbol: intent.symbol, state: state, book: book, universe: universe)
        where multiplier > 0 || cap.measure != .navPct {
            // A zero multiplier zeroes every NAV-percent cap; regime_blocked already says why,
            // so those caps are not reported as failing too.
            record(cap.check(grossUSD: intent.grossUSD, navUSD: state.navUSD))
        }
    }

    let leverageLimit = min(global.maxLeverage, limits.perSymbol[intent.symbol]?.maxLeverage ?? .infinity)
    record(CapCheck(code: .maxLeverage, measure: .leverage, scope: intent.symbol, limit: leverageLimit,
                    value: intent.leverage, passed: intent.leverage <= leverageLimit))

    let opensSymbol = !book.holds(intent.symbol)
    let positionsAfter = book.openSymbols.count + (opensSymbol ? 1 : 0)
    record(CapCheck(code: .maxConcurrentPositions, measure: .count, limit: Double(global.maxConcurrentPositions),
                    value: Double(positionsAfter), passed: positionsAfter <= global.maxConcurrentPositions))

    if let entry = universe.symbols[intent.symbol], let tierLimit = limits.tiers[entry.tier] {
        let tierCount = book.tierExposure(entry.tier, universe: universe).count + (opensSymbol ? 1 : 0)
        record(CapCheck(code: .tierCap, measure: .count, scope: entry.tier.rawValue,
                        limit: Double(tierLimit.maxConcurrentPositions), value: Double(tierCount),
                        passed: tierCount <= tierLimit.maxConcurrentPositions))
    }

    if let strategyLimit = limits.perStrategy[intent.strategy] {
        let held = book.strategyPositionCount(intent.strategy)
            + (book.strategyHolds(intent.strategy, intent.symbol) ? 0 : 1)
        record(CapCheck(code: .strategyConcurrency, measure: .count, scope: intent.strategy,
                        limit: Double(strategyLimit.maxConcurrentPositions), value: Double(held),
                        passed: held <= strategyLimit.maxConcurrentPositions))
    }

    // Loss stops trigger when the loss reaches the limit, not only when it passes it.
    if let symbolDrawdownLimit = limits.perSymbol[intent.symbol]?.maxDrawdownPct {
        let drawdown = state.symbolDrawdownPct[intent.symbol] ?? 0
        record(CapCheck(code: .symbolDrawdown, measure: .lossPct, scope: intent.symbol,
                        limit: symbolDrawdownLimit, value: drawdown, passed: drawdown < symbolDrawdownLimit))
    }
    let dailyLoss = max(0, -state.dailyPnlPct)
    record(CapCheck(code: .dailyLossStop, measure: .lossPct, limit: global.dailyLossStopPct,
                    value: dailyLoss, passed: dailyLoss < global.dailyLossStopPct))
    record(CapCheck(code: .maxDrawdown, measure: .lossPct, limit: global.maxDrawdownPct,
                    value: state.drawdownPct, passed: state.drawdownPct < global.maxDrawdownPct))

    // Frequency limits veto once the count has reached the maximum.
    record(CapCheck(code: .tradesPerHour, measure: .count, limit: Double(global.maxTradesPerHour),
                    value: Double(state.tradesLastHour), passed: state.tradesLastHour < global.maxTradesPerHour))
    record(CapCheck(code: .tradesPerDay, measure: .count, limit: Double(global.maxTradesPerDay),
                    value: Double(state.tradesToday), passed: state.tradesToday < global.maxTradesPerDay))

    let cooldown = global.lossCooldown
    // With no loss time on record there is nothing to cool down from.
    if state.consecutiveLosses >= cooldown.consecutiveLosses, let minutes = state.minutesSinceLastLoss {
        record(CapCheck(code: .lossCooldown, measure: .minutes, limit: cooldown.minutes,
                        value: minutes, passed: minutes >= cooldown.minutes))
    }

    return decision(vetoes, checks: checks, reducing: false)
}
