import Foundation

/// What the backtest's router does with what the venue reports, as the daemon's router does with
/// the sim venue's order updates: follows each leg by the reported fills, reduces the entry's
/// reservation, protects a leg once its entry ends with a fill, cancels what is left of the
/// protection when the leg goes flat, and moves a maker entry to its plan's next step.
extension Backtest {
    mutating func handle(_ events: [EngineEvent]) throws {
        if recorder.recordsOrders { try logOrderEvents(events) }
        for event in events {
            switch event {
            case .order(let order, let reason):
                try apply(order, reason: reason)
            case .fill(let fill):
                router.orders[fill.clientOrderId]?.lastFillPrice = fill.price
                router.orders[fill.clientOrderId]?.unreportedFeeUSD += fill.feeUSD
            case .tradeClosed(let trade):
                try record(trade)
            case .funding, .liquidation:
                break
            }
        }
    }

    private mutating func apply(_ order: SimOrder, reason: String?) throws {
        let id = order.request.clientOrderId
        guard var routed = router.orders[id] else { return }
        let reported = reportedFilled(order, routed: routed)
        if reported > routed.reportedFilled {
            let delta = (reported - routed.reportedFilled).analyticsDouble
            let fee = routed.unreportedFeeUSD
            routed.reportedFilled = reported
            routed.unreportedFeeUSD = 0
            router.orders[id] = routed
            try applyFill(routed, id: id, quantity: delta, price: reportedPrice(routed.lastFillPrice, symbol: routed.symbol), feeUSD: fee)
        }
        guard order.status.isTerminal, router.working.remove(id) != nil else { return }
        if routed.protective { router.protectionCheckDue = true }
        if routed.opening, routed.reportedFilled > 0 { try protect(symbol: routed.symbol, leg: routed.leg) }
        try continueMakerEntry(after: id, status: order.status, reason: reason)
        settleIfFinished(routed.intent)
    }

    /// What the sim venue reports filled: the whole order once filled, else the cumulative on the
    /// step grid (nearest), never more than asked (research runs: the engine's quantity).
    private func reportedFilled(_ order: SimOrder, routed: BacktestRouterState.Order) -> Decimal {
        if router.exactQuantities { return Decimal(shortestRepresentationOf: order.filledQuantity) ?? 0 }
        if order.status == .filled { return routed.quantity }
        let exact = Decimal(shortestRepresentationOf: order.filledQuantity) ?? 0
        guard let step = router.venue[routed.symbol]?.filters?.lot.stepSize, step > 0 else { return min(routed.quantity, exact) }
        return min(routed.quantity, exact.rounded(toMultipleOf: step, .nearest))
    }

    /// A fill price as the sim venue reports it: on the tick grid (nearest).
    private func reportedPrice(_ price: Double, symbol: String) -> Double {
        guard !router.exactQuantities, let tick = router.venue[symbol]?.filters?.price.tickSize, tick > 0,
              let exact = Decimal(shortestRepresentationOf: price) else { return price }
        return exact.rounded(toMultipleOf: tick, .nearest).analyticsDouble
    }

    /// A reported fill, as the router applies it: the leg's round trip (stamped with the router's
    /// clock), the entry's reservation, and when the leg went flat, the trade for risk and the
    /// learning ledger and the rest of its protection canceled.
    private mutating func applyFill(_ order: BacktestRouterState.Order, id: String, quantity: Double, price: Double, feeUSD: Double) throws {
        let key = BacktestRouterState.key(order.symbol, order.leg)
        if order.opening, router.tracker.openLeg(symbol: order.symbol, leg: order.leg) == nil, router.marketTimeMs > 0 {
            router.legOpenedAtMarketMs[key] = router.marketTimeMs
        }
        let trade = router.tracker.record(symbol: order.symbol, leg: order.leg, opening: order.opening, quantity: quantity, price: price,
                                          feeUSD: feeUSD, timeMs: routerNowMs, exitReason: order.exitReason ?? "signal")
        if order.opening, let intent = order.intent, var reservation = router.reservations[intent] {
            reservation.notionalUSD -= quantity * price
            router.reservations[intent] = reservation.notionalUSD > 0 ? reservation : nil
        }
        guard let trade else { return }
        router.legOpenedAtMarketMs[key] = nil
        try unprotect(symbol: order.symbol, leg: order.leg, except: id)
        riskCounters.record(trade)
        learningLedger.add(trade)
    }

    /// Places the leg's stop and take-profit for what it holds, replacing working ones of another
    /// size (the router's `protect`).
    mutating func protect(symbol: String, leg: PositionSide) throws {
        let key = BacktestRouterState.key(symbol, leg)
        guard !router.draining, let open = router.tracker.openLeg(symbol: symbol, leg: leg), open.stopPrice != nil || open.takeProfitPrice != nil,
              let filters = router.venue[symbol]?.filters, let quantity = closingQuantity(held: open.quantity, filters: filters)
        else { return }
        if let current = router.protections[key] {
            let working = current.ids.filter { router.working.contains($0) }
            if current.quantity == quantity, working.count == current.ids.count { return }
            for id in working { try cancel(id) }
        }
        var protection = BacktestRouterState.Protection(ids: [], quantity: quantity, placedAtMs: routerNowMs)
        var triggers = ExitPlan.triggers(leg: leg, stopPrice: open.stopPrice, takeProfitPrice: open.takeProfitPrice, filters: filters)
        // Spot (the router's `RouterActor+SpotExits`): one resting exit per holding, the stop; the
        // take-profit is watched (`takeProfitOnSpot`).
        if universe.spot, triggers.count > 1 { triggers = triggers.filter { $0.kind == .stop } }
        for trigger in triggers {
            guard router.tracker.openLeg(symbol: symbol, leg: leg) != nil else { continue }
            let id = nextClientOrderId()
            protection.ids.append(id)
            router.protections[key] = protection
            try place(.trigger(trigger), id: id, symbol: symbol, side: ExitPlan.closingSide(leg), leg: leg, quantity: quantity,
                      opening: false, strategy: open.strategy, intent: nil, exitReason: trigger.reason)
        }
    }

    /// Spot: when the best bid reaches a long's take-profit, its resting stop is canceled and the
    /// holding sold at market, recorded as `take_profit` (the router's `takeProfitOnSpot`).
    mutating func takeProfitOnSpot(_ symbol: String) throws {
        guard !router.draining, let open = router.tracker.openLeg(symbol: symbol, leg: .long), let takeProfit = open.takeProfitPrice,
              let book = router.book(symbol, halfSpreadBps: options.halfSpreadBps, participation: options.matching.participation),
              book.isValid, book.bidPrice.analyticsDouble >= takeProfit else { return }
        if let protection = router.protections[BacktestRouterState.key(symbol, .long)] {
            for id in protection.ids where router.working.contains(id) { try cancel(id) }
        }
        try exitAtMarket(symbol: symbol, leg: .long, reason: "take_profit")
    }

    /// What closes a leg: rounded down to the step (research runs: exactly what it holds).
    func closingQuantity(held: Double, filters: VenueFilters) -> Decimal? {
        if router.exactQuantities { return Decimal(shortestRepresentationOf: held).flatMap { $0 > 0 ? $0 : nil } }
        return ExitPlan.closingQuantity(held: held, filters: filters)
    }

    private mutating func unprotect(symbol: String, leg: PositionSide, except closingId: String) throws {
        guard let protection = router.protections.removeValue(forKey: BacktestRouterState.key(symbol, leg)) else { return }
        for id in protection.ids where id != closingId && router.working.contains(id) {
            try cancel(id)
        }
    }

    /// A maker attempt ended: the plan's next step on the book as it is now (the router's
    /// `continueMakerEntry`).
    private mutating func continueMakerEntry(after id: String, status: OrderStatus, reason: String?) throws {
        guard let entry = router.makerEntries.removeValue(forKey: id), let order = router.orders[id], !router.draining else { return }
        guard let outcome = MakerAttemptOutcome(status: status, filled: order.reportedFilled, canceledForTimeout: entry.canceledForTimeout,
                                                refusedForCrossing: entry.wouldCross, reason: reason) else { return }
        guard let book = router.book(entry.symbol, halfSpreadBps: options.halfSpreadBps, participation: options.matching.participation)
        else { return }
        var next = entry
        let step = next.plan.next(after: outcome, book: book)
        try execute(step, next)
    }

    /// The engine's round trip: the report's statistics, trades.jsonl and the report's learning
    /// tables (risk and the expectancy gate learn from the router's own, in `applyFill`).
    mutating func record(_ trade: ClosedTrade) throws {
        tradeStatistics.add(trade)
        tradeLedger.add(trade)
        try recorder.recordTrade(trade)
        if recentTrades.count == options.tableTrades { recentTrades.removeFirst() }
        if options.tableTrades > 0 { recentTrades.append(trade) }
    }
}
