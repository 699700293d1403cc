/// The feedback allocator: proposes per-symbol caps (`max_nav_pct`, `max_trade_nav_pct`) and the
/// global `max_concurrent_positions` from symbol scores, the expectancy table and the current
/// risk limits. Pure; the IntelActor calls it on its interval.
///
/// For each enabled universe symbol and each scored symbol:
/// - current `max_nav_pct` = the tightest of its `per_symbol` cap, its tier cap, its cluster cap
///   and `max_gross_exposure_x_nav × 100`; current `max_trade_nav_pct` = min(global
///   `max_trade_nav_pct`, current `max_nav_pct`);
/// - proposed = current × multiplier (`AllocatorParameters`), the score shrunk by the symbol's
///   trade count in `expectancy`.
///
/// Global concurrency: `max(1, min(current, ⌈current × mean multiplier⌉))` (0 allowed only with
/// `allowZero`); unchanged when there are no symbols.
///
/// Guarantees: proposed ≤ current for every cap (so no global or current limit is ever
/// exceeded); a higher score never gets a lower cap; a cap is 0 only with `allowZero`.
public func proposeAllocation(
    scores: [String: SymbolScore],
    expectancy: ExpectancySnapshot,
    limits: RiskLimits,
    universe: PairsUniverse,
    navUSD: Double,
    parameters: AllocatorParameters = .default
) -> AllocationProposal {
    let counts = expectancy.tradeCountBySymbol
    var pnlSums: [String: Double] = [:]
    for bucket in expectancy.buckets { pnlSums[bucket.symbol, default: 0] += bucket.meanPnl * Double(bucket.count) }
    let symbols = Set(universe.enabledSymbols).union(scores.keys).sorted()

    var allocations: [String: SymbolAllocation] = [:]
    var multiplierSum = 0.0
    for symbol in symbols {
        let symbolCap = currentSymbolCapPct(symbol, limits: limits, universe: universe)
        let tradeCap = min(limits.global.maxTradeNavPct, symbolCap)
        let score = scores[symbol]?.score ?? SymbolScoreParameters.neutralScore
        let count = counts[symbol] ?? 0
        let effective = parameters.effectiveScore(score, sampleCount: count)
        let multiplier = parameters.multiplier(effectiveScore: effective)
        multiplierSum += multiplier
        allocations[symbol] = SymbolAllocation(
            symbol: symbol, score: score, effectiveScore: effective, sampleCount: count,
            meanPnl: count > 0 ? (pnlSums[symbol] ?? 0) / Double(count) : 0, multiplier: multiplier,
            current: AllocationCaps(maxNavPct: symbolCap, maxTradeNavPct: tradeCap, navUSD: navUSD),
            proposed: AllocationCaps(maxNavPct: symbolCap * multiplier, maxTradeNavPct: tradeCap * multiplier, navUSD: navUSD))
    }

    let currentConcurrency = limits.global.maxConcurrentPositions
    var proposedConcurrency = currentConcurrency
    if !symbols.isEmpty {
        let mean = multiplierSum / Double(symbols.count)
        let scaled = Int((Double(currentConcurrency) * mean).rounded(.up))
        proposedConcurrency = max(parameters.allowZero ? 0 : min(1, currentConcurrency), min(currentConcurrency, scaled))
    }
    return AllocationProposal(sampleCount: expectancy.sampleCount, navUSD: navUSD, symbols: allocations,
                              maxConcurrentPositions: .init(current: currentConcurrency, proposed: proposedConcurrency))
}

/// The tightest NAV-percentage cap that applies to `symbol` today.
func currentSymbolCapPct(_ symbol: String, limits: RiskLimits, universe: PairsUniverse) -> Double {
    var cap = limits.global.maxGrossExposureXNav * 100
    if let own = limits.perSymbol[symbol]?.maxNavPct { cap = min(cap, own) }
    if let entry = universe.symbols[symbol] {
        if let tier = limits.tiers[entry.tier] { cap = min(cap, tier.maxNavPct) }
        if let cluster = limits.clusters[entry.cluster] { cap = min(cap, cluster.maxNavPct) }
    }
    return max(cap, 0)
}
