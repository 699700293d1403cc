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
        // Each check costs nothing when it has nothing to look at (this runs every bar).
        if !router.makerEntries.isEmpty { try cancelStaleMakerAttempts() }
        if router.protectionCheckDue { try ensureProtection() }
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
        router.protectionCheckDue = false
        for open in router.tracker.openLegStates where open.stopPrice != nil || open.takeProfitPrice != nil {
            let key = BacktestRouterState.key(open.symbol, open.leg)
            if let current = router.protections[key] {
                let missing = current.ids.isEmpty || current.ids.contains { !router.working.contains($0) }
                guard missing else { continue }
                guard routerNowMs - current.placedAtMs >= 30_000 else {
                    router.protectionCheckDue = true  // look again once the retry is due
                    continue
                }
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
        guard let shortest = router.shortestMaxHoldMs,
              router.legOpenedAtMarketMs.values.contains(where: { router.marketTimeMs - $0 >= shortest }) else { return }
        for open in router.tracker.openLegStates {
            guard let maxHold = options.maxHoldMsByStrategy[open.strategy],
                  let openedAt = router.legOpenedAtMarketMs[BacktestRouterState.key(open.symbol, open.leg)],
                  ExitPlan.isPastMaxHold(openedAtMs: openedAt, nowMs: router.marketTimeMs, maxHoldMs: maxHold) else { continue }
            try exitAtMarket(symbol: open.symbol, leg: open.leg, reason: "max_hold")
        }
    }

    /// A universe check, as the daemon's universe actor makes one on its interval: each enabled
    /// symbol the venue lists is read for its liquidity filter; the others are closed to entries
    /// once the venue lists any. The reading of a symbol is what the check sees now (its last bar,
    /// its 24 h value and hourly volume); its verdict is worked out when a decision on the symbol
    /// first needs it (`settleLiquidity`), from those figures — the same verdict, without pricing
    /// a book for every symbol at every check (the decimal book was half the backtest's time).
    mutating func checkUniverse() {
        guard trackLiquidity else { return }
        for symbol in enabledSymbols {
            guard let market = router.venue[symbol], market.filters != nil, let volume = market.liquidity.quoteVolume24h else { continue }
            router.pendingLiquidity[symbol] = BacktestRouterState.LiquidityCheck(
                bar: market.lastBar, filters: market.filters, quoteVolume24h: volume, meanHourVolume: market.liquidity.meanHourVolume)
        }
        if router.venue.count != router.listedSymbolCount {
            router.listedSymbolCount = router.venue.count
            rebuildUniverse()
        }
    }

    /// Works out `symbol`'s pending liquidity verdict, if a check left one.
    mutating func settleLiquidity(_ symbol: String) {
        guard let check = router.pendingLiquidity.removeValue(forKey: symbol), let tier = configuredUniverse.symbols[symbol]?.tier,
              let filter = configuredUniverse.filters[tier],
              let book = SimMarketModel.quote(after: check.bar, halfSpreadBps: options.halfSpreadBps, participation: options.matching.participation,
                                              filters: check.filters) else { return }
        let reading = SimMarketModel.liquidity(quoteVolume24h: check.quoteVolume24h, meanHourVolume: check.meanHourVolume,
                                               participation: options.matching.participation, book: book)
        let failing = !filter.passes(reading)
        guard failing != router.illiquid.contains(symbol) else { return }
        if failing { router.illiquid.insert(symbol) } else { router.illiquid.remove(symbol) }
        rebuildUniverse()
    }

    /// The universe risk checks against: symbols failing their filter, or not listed by the
    /// venue while it lists others, are closed to entries.
    private mutating func rebuildUniverse() {
        var effective = configuredUniverse
        for symbol in configuredUniverse.symbols.keys
        where (router.venue[symbol]?.filters == nil && !router.venue.isEmpty) || router.illiquid.contains(symbol) {
            effective.symbols[symbol]?.enabled = false
        }
        universe = effective
    }
}
