import DequeModule

/// The pipeline the daemon runs, replayed over history: strategy → sizer → `checkOrder` → router
/// policy → matching engine → fills → positions and NAV → risk state (daily PnL, drawdown, trade
/// counts, cooldowns) fed back into `checkOrder` on the next intent.
///
/// Feed bars in time order (`onBar`), then call `finish()`. Memory does not grow with the number
/// of bars: the equity curve and trades stream to the `Recorder`; charts keep a bounded sample.
/// Deterministic: the same bars, config and options give the same report.
public struct Backtest<Recorder: BacktestRecorder> {
    public let options: BacktestOptions
    let limits: RiskLimits
    /// The configured universe, and what risk checks against: with symbols that fail their
    /// liquidity filter disabled (`universeCheck`), as the daemon's universe actor does.
    let configuredUniverse: PairsUniverse
    var universe: PairsUniverse
    var strategies: [any Strategy]
    let regimeParameters: RegimeParameters
    /// Per-symbol hot-path state: one name lookup per bar reaches all of it.
    var symbolContexts = SymbolTable<SymbolContext>()
    var engine: MatchingEngine
    /// The recorder, which the caller may drain between bars (it owns what was recorded).
    public var recorder: Recorder
    var funding: [String: FundingCursor]

    var performance: PerformanceTracker
    var tradeStatistics = TradeStatistics()
    /// The learning layer's sums over this run's trades (expectancy.json, symbol_scores.json).
    public internal(set) var tradeLedger = TradeLedger()
    /// The round trips as the router saw them (the daemon's intel ledger): the expectancy gate
    /// the strategies consult is built from these.
    var learningLedger = TradeLedger()
    /// The gate in force in the strategies.
    var appliedGate = ExpectancyGate.allowAll
    var vetoes: [String: Int] = [:]
    var rejections: [String: Int] = [:]
    public internal(set) var chart: EquityChart
    /// The latest trades, for the HTML table (bounded by `options.tableTrades`).
    public internal(set) var recentTrades: Deque<ClosedTrade> = []
    var currentTimeMs: Int64?
    var firstTimeMs: Int64?
    /// Market time as risk reads it (the daemon's `time.nowMs()` at a decision).
    var riskNowMs: Int64 = 0
    /// The router's clock: the bar's close while the venue's updates are applied, `riskNowMs` after.
    var routerNowMs: Int64 = 0
    var bars = 0
    var signals = 0

    /// Risk state that the pipeline itself produces (shared with the live RiskActor).
    var riskCounters: RiskCounters

    /// The router's side of the run (`Backtest+Router`): what the venue shows, the orders sent
    /// and followed, maker entries, reservations, protective orders.
    var router = BacktestRouterState()
    /// Whether the venue's liquidity readings are kept (the universe has filters and risk runs).
    let trackLiquidity: Bool
    /// The configured universe's enabled symbols (read at every universe check).
    let enabledSymbols: [String]
    var orderNumber = 0

    /// - Parameters:
    ///   - strategies: the strategy instances to run (each sees every bar).
    ///   - funding: funding rates per symbol, each sorted by time.
    public init(options: BacktestOptions, limits: RiskLimits, universe: PairsUniverse, strategies: [any Strategy],
                regime: RegimeParameters, funding: [String: [FundingPoint]] = [:], recorder: Recorder) {
        self.options = options
        self.limits = limits
        configuredUniverse = universe
        self.universe = universe
        self.strategies = strategies
        self.regimeParameters = regime
        self.funding = funding.mapValues { FundingCursor(points: $0) }
        self.recorder = recorder
        router.exactQuantities = options.skipRisk
        trackLiquidity = !universe.filters.isEmpty && !options.skipRisk
        enabledSymbols = universe.enabledSymbols
        router.shortestMaxHoldMs = options.maxHoldMsByStrategy.values.min()
        var matching = options.matching
        matching.defaultLeverage = max(1, options.leverage)
        engine = MatchingEngine(configuration: matching, initialWalletUSD: options.initialEquityUSD)
        performance = PerformanceTracker(initialEquity: options.initialEquityUSD)
        chart = EquityChart(capacity: options.chartPoints)
        riskCounters = RiskCounters(initialNavUSD: options.initialEquityUSD)
    }

    /// Processes one bar of `symbol`. Bars must arrive in non-decreasing time order.
    ///
    /// The order is the daemon's on the sim venue in lockstep (`Runtime+Lockstep`): the venue runs
    /// the bar (funding, working orders, legs) and quotes its book; the router reacts to what
    /// happened (protective orders for a filled entry, a maker entry's next step); risk reads NAV;
    /// the strategies act on the bar (a symbol's first bar refreshes the universe first); then
    /// the jobs due in market time (maker windows, max hold; the universe filters on their
    /// interval).
    public mutating func onBar(_ bar: Bar, symbol: String) throws {
        if let current = currentTimeMs, bar.openTimeMs > current {
            try sampleEquity(at: current)
        }
        if currentTimeMs != bar.openTimeMs {
            currentTimeMs = bar.openTimeMs
            if firstTimeMs == nil {
                firstTimeMs = bar.openTimeMs
                router.lastUniverseCheckMs = bar.openTimeMs
                router.lastIntelMs = bar.openTimeMs
            }
        }
        bars += 1
        let regimeParameters = regimeParameters
        var firstBar = false
        let slot = symbolContexts.slot(for: symbol) {
            firstBar = true
            return SymbolContext(regime: RegimeDetector(parameters: regimeParameters), engineSlot: nil, intervalMs: 0,
                                 tracksLiquidity: false, venueIndex: 0)
        }
        if firstBar {
            // Once per symbol: its interval, venue market and whether its liquidity is followed.
            let intervalMs = options.barIntervalMs[symbol] ?? options.defaultBarIntervalMs
            symbolContexts.values[slot].intervalMs = intervalMs
            symbolContexts.values[slot].tracksLiquidity = trackLiquidity && configuredUniverse.symbols[symbol]?.enabled == true
            symbolContexts.values[slot].venueIndex = router.venue.index(of: symbol, firstBar: bar, intervalMs: intervalMs)
        }
        let engineSlot = symbolContexts.values[slot].engineSlot ?? engine.slot(for: symbol)
        symbolContexts.values[slot].engineSlot = engineSlot
        let context = symbolContexts.values[slot]
        if !funding.isEmpty { settleFunding(symbol: symbol, upTo: bar.openTimeMs, markPrice: bar.open) }
        router.noteBar(bar, at: context.venueIndex, intervalMs: context.intervalMs, trackLiquidity: context.tracksLiquidity)
        routerNowMs = router.marketTimeMs
        let events = engine.process(bar: bar, slot: engineSlot)
        if !events.isEmpty { try handle(events) }
        if universe.spot { try takeProfitOnSpot(symbol) }
        // Risk reads NAV after the venue's updates (a millisecond after the bar, as the lockstep
        // driver samples it).
        riskNowMs = router.marketTimeMs + 1
        routerNowMs = riskNowMs
        riskCounters.observe(navUSD: engine.navUSD, atMs: riskNowMs)
        if firstBar && !options.skipRisk { checkUniverse() }

        let regime = symbolContexts.values[slot].regime.update(bar)
        for index in strategies.indices {
            for signal in strategies[index].onBar(bar, symbol: symbol, regime: regime) {
                try act(on: signal, bar: bar, regime: regime)
            }
        }
        try runDueJobs()
    }

    /// Closes what is still open at the last prices, takes the final equity sample and returns
    /// the report.
    public mutating func finish() throws -> BacktestReport {
        router.draining = true
        if let current = currentTimeMs {
            try handle(engine.closeAll(reason: "end_of_data", timeMs: current))
            try sampleEquity(at: current)
        }
        let overall = tradeStatistics.overall
        let finalEquity = engine.navUSD
        var perSymbol: [String: SymbolReport] = [:]
        for (symbol, totals) in tradeStatistics.bySymbol {
            perSymbol[symbol] = SymbolReport(trades: totals.trades, winRate: totals.winRate, pnlUSD: totals.pnlUSD,
                                             feesUSD: totals.feesUSD, netPnlUSD: totals.pnlUSD - totals.feesUSD)
        }
        var research = options.researchOverrides
        if options.skipRisk { research["no_risk"] = "true" }
        for (reason, count) in rejections { research["venue_rejections.\(reason)"] = String(count) }
        return BacktestReport(
            initialEquity: options.initialEquityUSD,
            finalEquity: finalEquity,
            totalReturnPct: (finalEquity / options.initialEquityUSD - 1) * 100,
            cagrPct: performance.cagrPct,
            sharpe: performance.sharpe,
            sortino: performance.sortino,
            maxDrawdownPct: performance.maxDrawdownPct,
            maxDrawdownDurationSeconds: Double(performance.maxDrawdownDurationMs) / 1000,
            trades: overall.trades,
            winRate: overall.winRate,
            profitFactor: overall.profitFactor,
            avgR: overall.averageR,
            feesUSD: engine.feesUSD,
            fundingUSD: engine.fundingUSD,
            exposurePct: performance.exposurePct,
            perSymbol: perSymbol,
            vetoesByCode: vetoes,
            bars: bars,
            signals: signals,
            start: firstTimeMs.map { UTCTime.iso8601(ms: $0) },
            end: currentTimeMs.map { UTCTime.iso8601(ms: $0) },
            strategies: strategies.map(\.name),
            positionMode: options.matching.positionMode,
            research: research.isEmpty ? nil : research)
    }

    // MARK: Time and equity

    private mutating func sampleEquity(at timeMs: Int64) throws {
        let nav = engine.navUSD
        let drawdown = performance.sample(timeMs: timeMs, equity: nav, exposed: engine.grossExposureUSD > 0)
        try recorder.recordEquity(timeMs: timeMs, equityUSD: nav, drawdownPct: drawdown)
        chart.add(timeMs: timeMs, equityUSD: nav, drawdownPct: drawdown)
    }

    private mutating func settleFunding(symbol: String, upTo timeMs: Int64, markPrice: Double) {
        guard var cursor = funding[symbol] else { return }
        while let point = cursor.next(upTo: timeMs) {
            _ = engine.applyFunding(symbol: symbol, rate: point.rate, markPrice: markPrice, timeMs: point.timeMs)
        }
        funding[symbol] = cursor
    }
}

/// What the backtest keeps per symbol on its hot path.
struct SymbolContext: Sendable {
    var regime: RegimeDetector
    var engineSlot: SymbolSlot?
    /// The symbol's bar length, ms.
    var intervalMs: Int64
    /// Whether its liquidity readings are kept (an enabled universe symbol, filters configured).
    var tracksLiquidity: Bool
    /// Its market in the router's view of the venue.
    var venueIndex: Int
}

/// One funding settlement: at `timeMs`, longs pay `rate` × notional to shorts (negative: the reverse).
public struct FundingPoint: Sendable, Hashable {
    public var timeMs: Int64
    public var rate: Double

    public init(timeMs: Int64, rate: Double) {
        self.timeMs = timeMs
        self.rate = rate
    }
}

/// Walks a sorted funding series alongside the bars.
struct FundingCursor: Sendable {
    let points: [FundingPoint]
    var index = 0

    /// The next settlement at or before `timeMs`, advancing past it.
    mutating func next(upTo timeMs: Int64) -> FundingPoint? {
        guard index < points.count, points[index].timeMs <= timeMs else { return nil }
        defer { index += 1 }
        return points[index]
    }
}
