import Foundation

/// Signals into orders, as the daemon's risk actor and router turn them: the reduction of the
/// opposite leg first (at market, what the venue reported held, rounded down), then the entry on
/// the signal's leg (sized and checked, its exposure reserved, quantity from the venue's rules at
/// the book's mid, routed by `MakerFallbackPlan` under the symbol's policy). Research runs
/// (`--no-risk`, fixed-quantity signals) trade at market without the router.
extension Backtest {
    mutating func act(on signal: StrategySignal, bar: Bar, regime: Regime) throws {
        signals += 1
        if options.skipRisk || signal.quantity != nil {
            try actAtMarket(on: signal, bar: bar)
            return
        }
        let symbol = signal.symbol
        let target = signal.side.leg(reduceOnly: false)
        let opposite: PositionSide = target == .long ? .short : .long
        if !router.pendingLiquidity.isEmpty { settleLiquidity(symbol) }

        let openOpposite = engine.leg(symbol, opposite)
        if openOpposite.isOpen {
            let intent = OrderIntent(symbol: symbol, side: signal.side, grossUSD: openOpposite.quantity * (engine.lastPrice(symbol) ?? openOpposite.entryPrice),
                                     leverage: leverage(symbol), strategy: signal.strategy, reduceOnly: true)
            let (_, decision) = decide(intent, regime: regime)
            if decision.allowed {
                try sendReduction(symbol: symbol, leg: opposite, strategy: signal.strategy)
            } else {
                for code in decision.vetoes { vetoes[code.rawValue, default: 0] += 1 }
            }
        }

        guard !router.isOpenOrPending(symbol, target, engineHolds: engine.leg(symbol, target).isOpen) else { return }
        let intent = OrderIntent(symbol: symbol, side: signal.side, grossUSD: engine.navUSD * signal.sizeNavPct / 100,
                                 leverage: leverage(symbol), strategy: signal.strategy)
        let (sized, decision) = decide(intent, regime: regime)
        guard decision.allowed else {
            for code in decision.vetoes { vetoes[code.rawValue, default: 0] += 1 }
            return
        }
        router.intentNumber += 1
        let intentId = router.intentNumber
        if sized.grossUSD > 0, sized.grossUSD.isFinite {
            router.reservations[intentId] = BacktestRouterState.Reservation(symbol: symbol, leg: target, notionalUSD: sized.grossUSD)
        }
        router.legStrategies[BacktestRouterState.key(symbol, target)] = signal.strategy
        riskCounters.recordEntry(atMs: riskNowMs)
        try sendEntry(intent: intentId, signal: signal, leg: target, grossUSD: sized.grossUSD, regime: regime)
        settleIfFinished(intentId)
    }

    /// Sizes and checks an intent against the state the daemon's risk actor would see: NAV and
    /// legs as the venue reports them (marked at the last price) plus the exposure reserved by
    /// approved entries still working.
    private mutating func decide(_ intent: OrderIntent, regime: Regime) -> (OrderIntent, RiskDecision) {
        let state = riskState(regime: regime, timeMs: riskNowMs)
        let sizing = suggestGrossUSD(intent, state: state, limits: limits, universe: universe)
        var sized = intent
        if sizing.grossUSD > 0 { sized.grossUSD = sizing.grossUSD }
        return (sized, checkOrder(sized, state: state, limits: limits, universe: universe))
    }

    /// The leverage an order on `symbol` carries: the universe's (the venue confirmed it).
    private func leverage(_ symbol: String) -> Double {
        universe.symbols[symbol].map { Double($0.leverage) } ?? options.leverage
    }

    private mutating func sendReduction(symbol: String, leg: PositionSide, strategy: String) throws {
        guard let filters = router.venue[symbol]?.filters,
              let book = router.book(symbol, halfSpreadBps: options.halfSpreadBps, participation: options.matching.participation),
              book.isValid,
              let quantity = ExitPlan.closingQuantity(held: router.tracker.openQuantity(symbol: symbol, leg: leg), filters: filters)
        else { return }
        try place(.market, symbol: symbol, side: ExitPlan.closingSide(leg), leg: leg, quantity: quantity, opening: false,
                  strategy: strategy, intent: nil, exitReason: nil)
    }

    private mutating func sendEntry(intent: Int, signal: StrategySignal, leg: PositionSide, grossUSD: Double, regime: Regime) throws {
        let symbol = signal.symbol
        guard let filters = router.venue[symbol]?.filters,
              let book = router.book(symbol, halfSpreadBps: options.halfSpreadBps, participation: options.matching.participation),
              book.isValid,
              let quantity = filters.quantity(forDoubleNotionalUSD: grossUSD, price: book.mid, for: .market), quantity > 0
        else { return }
        router.tracker.label(symbol: symbol, leg: leg, strategy: signal.strategy, regime: regime, stopPrice: signal.stopPrice,
                             takeProfitPrice: signal.takeProfitPrice)
        var plan = MakerFallbackPlan(side: signal.side, quantity: quantity, policy: policy(for: symbol), filters: filters,
                                     parameters: options.routing)
        let step = plan.start(book: book)
        try execute(step, BacktestRouterState.MakerEntry(plan: plan, intent: intent, symbol: symbol, leg: leg, strategy: signal.strategy,
                                                           tag: OrderTag(strategy: signal.strategy, regime: regime, stopPrice: signal.stopPrice),
                                                           placedAtMs: routerNowMs, placedAtMarketMs: router.marketTimeMs, sequence: 0))
    }

    func policy(for symbol: String) -> RouterPolicy {
        options.routerPolicies[symbol] ?? options.routerPolicy
    }

    /// One step of an entry's maker plan (the router's `execute`).
    mutating func execute(_ step: MakerFallbackStep, _ entry: BacktestRouterState.MakerEntry) throws {
        var entry = entry
        switch step {
        case .postOnly(_, let price, _, let quantity):
            entry.placedAtMs = routerNowMs
            entry.placedAtMarketMs = router.marketTimeMs
            entry.canceledForTimeout = false
            entry.wouldCross = false
            let id = nextClientOrderId()
            entry.sequence = orderNumber
            router.makerEntries[id] = entry
            try place(.limit(price: price), id: id, symbol: entry.symbol, side: entry.plan.side, leg: entry.leg, quantity: quantity,
                      opening: true, strategy: entry.strategy, intent: entry.intent, exitReason: nil, tag: entry.tag)
        case .take(let quantity, _, _, let reason):
            if reason == nil {
                // A fallback takes only on a fresh touch (the router's stale-quote guard).
                guard let market = router.venue[entry.symbol], router.marketTimeMs - market.bookTimeMs <= options.routing.maxQuoteAgeMs
                else { return }
            }
            try place(.market, symbol: entry.symbol, side: entry.plan.side, leg: entry.leg, quantity: quantity, opening: true,
                      strategy: entry.strategy, intent: entry.intent, exitReason: nil, tag: entry.tag)
        case .done, .giveUp:
            break
        }
    }

    /// The kinds of order the router sends.
    enum RoutedType {
        case market
        case limit(price: Decimal)
        case trigger(ExitPlan.Trigger)
    }

    /// Sends an order: first the sim venue's own checks (a post-only price that would cross the
    /// book, a trigger the market is past, an entry below the minimum notional: refused), then
    /// the engine. What happens to it comes back through `handle`.
    mutating func place(_ type: RoutedType, id: String? = nil, symbol: String, side: Side, leg: PositionSide, quantity: Decimal,
                        opening: Bool, strategy: String, intent: Int?, exitReason: String?, tag entryTag: OrderTag? = nil) throws {
        let id = id ?? nextClientOrderId()
        var protective = false
        var simType = SimOrderType.market
        var reference: Decimal?
        var refusal: String?
        let book = router.book(symbol, halfSpreadBps: options.halfSpreadBps, participation: options.matching.participation)
        switch type {
        case .market:
            reference = book?.mid
        case .limit(let price):
            simType = .limit(price: price.analyticsDouble)
            reference = price
            if let book, side == .buy ? price >= book.askPrice : price <= book.bidPrice { refusal = "post_only_would_cross" }
        case .trigger(let trigger):
            protective = true
            simType = trigger.kind == .stop ? .stopMarket(trigger: trigger.price.analyticsDouble)
                : .takeProfitMarket(trigger: trigger.price.analyticsDouble)
            reference = trigger.price
            if let book, book.isValid, ExitPlan.isPast(trigger.price, stop: trigger.kind == .stop, side: side, mid: book.mid) {
                refusal = "would_immediately_trigger"
            }
        }
        if refusal == nil, opening, !router.exactQuantities, let minimum = router.venue[symbol]?.filters?.minNotional, minimum > 0, let reference,
           quantity * reference < minimum {
            refusal = "notional_below_minimum"
        }
        router.orders[id] = BacktestRouterState.Order(symbol: symbol, leg: leg, side: side, opening: opening, strategy: strategy,
                                                      intent: intent, exitReason: exitReason, protective: protective, quantity: quantity)
        router.working.insert(id)
        let hedge = options.matching.positionMode == .hedge
        let tag = opening ? entryTag ?? OrderTag(strategy: strategy) : OrderTag(strategy: strategy, exitReason: exitReason ?? "signal")
        let request = SimOrderRequest(clientOrderId: id, symbol: symbol, side: side, type: simType, quantity: quantity.analyticsDouble,
                                      timeInForce: { if case .limit = type { return .gtx } else { return .gtc } }(),
                                      positionSide: hedge ? leg : nil, reduceOnly: !hedge && !opening, tag: tag)
        if let refusal {
            rejections[refusal, default: 0] += 1
            if refusal == "post_only_would_cross" { router.makerEntries[id]?.wouldCross = true }
            var refused = SimOrder(orderId: 0, request: request, status: .rejected, filledQuantity: 0, filledNotional: 0,
                                   submittedAtMs: router.marketTimeMs, hasSeenBar: false)
            refused.status = .rejected
            try handle([.order(refused, reason: refusal)])
            if refusal == "would_immediately_trigger", let exitReason {
                // The market is already past the stop (or the take-profit): the exit is due now.
                try exitAtMarket(symbol: symbol, leg: leg, reason: exitReason)
            }
            return
        }
        try handle(engine.submit(request, atMs: router.marketTimeMs))
    }

    /// Closes what the leg holds at market (a trigger already passed, a max-hold exit), unless a
    /// close of it is already working.
    mutating func exitAtMarket(symbol: String, leg: PositionSide, reason: String) throws {
        guard !router.draining, let filters = router.venue[symbol]?.filters,
              let open = router.tracker.openLeg(symbol: symbol, leg: leg), let quantity = closingQuantity(held: open.quantity, filters: filters)
        else { return }
        let closing = router.working.contains { id in
            router.orders[id].map { !$0.opening && !$0.protective && $0.symbol == symbol && $0.leg == leg } ?? false
        }
        guard !closing else { return }
        try place(.market, symbol: symbol, side: ExitPlan.closingSide(leg), leg: leg, quantity: quantity, opening: false,
                  strategy: open.strategy, intent: nil, exitReason: reason)
    }

    mutating func cancel(_ id: String) throws {
        guard let order = router.orders[id] else { return }
        try handle(engine.cancel(clientOrderId: id, symbol: order.symbol))
    }

    /// Releases an intent's reservation once none of its orders works.
    mutating func settleIfFinished(_ intent: Int?) {
        guard let intent, !router.intentWorking(intent) else { return }
        router.reservations[intent] = nil
    }

    mutating func nextClientOrderId() -> String {
        orderNumber += 1
        return "bt-\(orderNumber)"
    }

    /// Research runs: close the opposite leg and enter at market at the signal's exact size (no
    /// risk, no maker plan, no venue rounding); protective orders follow the fill as usual.
    private mutating func actAtMarket(on signal: StrategySignal, bar: Bar) throws {
        let symbol = signal.symbol
        let target = signal.side.leg(reduceOnly: false)
        let opposite: PositionSide = target == .long ? .short : .long
        let openOpposite = engine.leg(symbol, opposite)
        if openOpposite.isOpen, let quantity = Decimal(shortestRepresentationOf: openOpposite.quantity) {
            try place(.market, symbol: symbol, side: signal.side, leg: opposite, quantity: quantity, opening: false,
                      strategy: signal.strategy, intent: nil, exitReason: nil)
        }
        let entering = router.working.contains { router.orders[$0].map { $0.opening && $0.symbol == symbol && $0.leg == target } ?? false }
        guard !engine.leg(symbol, target).isOpen, !entering else { return }
        let grossUSD = signal.quantity.map { $0 * bar.close } ?? engine.navUSD * signal.sizeNavPct / 100
        guard let quantity = Decimal(shortestRepresentationOf: grossUSD / bar.close), quantity > 0 else { return }
        router.tracker.label(symbol: symbol, leg: target, strategy: signal.strategy, regime: signal.regime, stopPrice: signal.stopPrice,
                             takeProfitPrice: signal.takeProfitPrice)
        riskCounters.recordEntry(atMs: bar.openTimeMs)
        try place(.market, symbol: symbol, side: signal.side, leg: target, quantity: quantity, opening: true, strategy: signal.strategy,
                  intent: nil, exitReason: nil, tag: OrderTag(strategy: signal.strategy, regime: signal.regime, stopPrice: signal.stopPrice))
    }
}
