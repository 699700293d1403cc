import Foundation

/// The daemon's periodic work that can change what it trades, run after each bar in market time
/// as the lockstep replay runs it: the order timeouts every bar (maker attempts past their
/// window canceled and re-planned, missing protection placed again, legs past their max hold
/// closed), the universe's liquidity filters and the expectancy gate on their intervals.
extension Backtest {
    mutating func runDueJobs() throws {
        guard !options.skipRisk else {
            try closeLegsPastMaxHold()
            return
        }
        try cancelStaleMakerAttempts()
        try ensureProtection()
        try closeLegsPastMaxHold()
        if let last = router.lastUniverseCheckMs, riskNowMs - last >= options.universeIntervalMs {
            router.lastUniverseCheckMs = riskNowMs
            checkUniverse()
        }
        if options.expectancyGate, let last = router.lastIntelMs, riskNowMs - last >= options.intelIntervalMs {
            router.lastIntelMs = riskNowMs
            updateGate()
        }
    }

    /// The intel pass's expectancy gate from the router's round trips, handed to the strategies
    /// when it changed (buckets that left warm-up with a negative mean are blocked).
    private mutating func updateGate() {
        let gate = learningLedger.expectancy().gate
        guard gate != appliedGate else { return }
        appliedGate = gate
        for index in strategies.indices { strategies[index].updateGate(gate) }
    }

    /// Cancels each maker attempt that rested past `makerAttemptMs` with nothing filled, in the
    /// order they were placed; the cancel's update re-plans the entry.
    private mutating func cancelStaleMakerAttempts() throws {
        let window = options.routing.makerAttemptMs
        let now = routerNowMs
        let stale = router.makerEntries.filter { _, entry in
            !entry.canceledForTimeout
                && (now - entry.placedAtMs >= window || (entry.placedAtMarketMs > 0 && router.marketTimeMs - entry.placedAtMarketMs >= window))
        }
        for (id, _) in stale.sorted(by: { $0.value.sequence < $1.value.sequence }) {
            guard router.working.contains(id), let order = router.orders[id], order.reportedFilled == 0 else { continue }
            router.makerEntries[id]?.canceledForTimeout = true
            try cancel(id)
        }
    }

    /// Places protection again for a held leg whose protective orders are gone (no sooner than
    /// 30 s after the last placement), unless its entry still works.
    private mutating func ensureProtection() throws {
        for open in router.tracker.openLegStates where open.stopPrice != nil || open.takeProfitPrice != nil {
            let key = BacktestRouterState.key(open.symbol, open.leg)
            if let current = router.protections[key] {
                let missing = current.ids.isEmpty || current.ids.contains { !router.working.contains($0) }
                guard missing, routerNowMs - current.placedAtMs >= 30_000 else { continue }
            }
            let entering = router.working.contains {
                router.orders[$0].map { $0.opening && $0.symbol == open.symbol && $0.leg == open.leg } ?? false
            }
            guard !entering else { continue }
            try protect(symbol: open.symbol, leg: open.leg)
        }
    }

    /// Closes at market each leg held longer than its strategy's max hold, in market time since
    /// its opening fill.
    private mutating func closeLegsPastMaxHold() throws {
        guard !options.maxHoldMsByStrategy.isEmpty else { return }
        for open in router.tracker.openLegStates {
            guard let maxHold = options.maxHoldMsByStrategy[open.strategy],
                  let openedAt = router.legOpenedAtMarketMs[BacktestRouterState.key(open.symbol, open.leg)],
                  router.marketTimeMs - openedAt >= maxHold else { continue }
            try exitAtMarket(symbol: open.symbol, leg: open.leg, reason: "max_hold")
        }
    }

    /// Evaluates every enabled symbol's liquidity filter from the venue's view of it (the sim
    /// venue's model: 24 h value, spread, depth near the touch) and disables for entries those that
    /// fail, as the daemon's universe actor does.
    mutating func checkUniverse() {
        guard !configuredUniverse.filters.isEmpty else { return }
        for symbol in configuredUniverse.enabledSymbols where router.venue[symbol]?.filters != nil {
            guard let tier = configuredUniverse.symbols[symbol]?.tier, let filter = configuredUniverse.filters[tier],
                  let window = router.venue[symbol]?.liquidity,
                  let book = router.book(symbol, halfSpreadBps: options.halfSpreadBps, participation: options.matching.participation),
                  let reading = SimMarketModel.liquidity(window, participation: options.matching.participation, book: book) else { continue }
            let failures = filter.failures(reading)
            router.illiquid[symbol] = failures.isEmpty ? nil : failures.joined(separator: "; ")
        }
        var effective = configuredUniverse
        for symbol in configuredUniverse.symbols.keys
        where (router.venue[symbol]?.filters == nil && !router.venue.isEmpty) || router.illiquid[symbol] != nil {
            effective.symbols[symbol]?.enabled = false
        }
        universe = effective
    }
}
