extension Backtest {
    /// Turns a strategy signal into orders: close the opposite leg, then (no pyramiding) size,
    /// check and route an entry on the signal's leg.
    mutating func act(on signal: StrategySignal, bar: Bar, regime: Regime) throws {
        signals += 1
        let symbol = signal.symbol
        let target = signal.side.leg(reduceOnly: false)
        let opposite: PositionSide = target == .long ? .short : .long

        try cancelPendingEntries(symbol: symbol, leg: opposite)
        let openOpposite = engine.leg(symbol, opposite)
        if openOpposite.isOpen {
            // Risk reduction is never blocked; the check still runs so the pipeline is the live one.
            if !options.skipRisk {
                let intent = OrderIntent(symbol: symbol, side: signal.side, grossUSD: openOpposite.quantity * bar.close,
                                         leverage: options.leverage, strategy: signal.strategy, reduceOnly: true)
                _ = checkOrder(intent, state: riskState(regime: regime, timeMs: bar.openTimeMs), limits: limits, universe: universe)
            }
            try submit(close: opposite, of: symbol, quantity: openOpposite.quantity, reason: "signal", timeMs: bar.openTimeMs)
        }

        guard !engine.leg(symbol, target).isOpen,
              !pendingEntries.values.contains(where: { $0.symbol == symbol && $0.leg == target })
        else { return }

        var grossUSD = signal.quantity.map { $0 * bar.close } ?? engine.navUSD * signal.sizeNavPct / 100
        if !options.skipRisk {
            var intent = OrderIntent(symbol: symbol, side: signal.side, grossUSD: grossUSD,
                                     leverage: options.leverage, strategy: signal.strategy)
            let state = riskState(regime: regime, timeMs: bar.openTimeMs)
            let sized = suggestGrossUSD(intent, state: state, limits: limits, universe: universe)
            guard sized.grossUSD > 0 else {
                vetoes[(sized.bindingCap ?? .minNotional).rawValue, default: 0] += 1
                return
            }
            intent.grossUSD = sized.grossUSD
            let decision = checkOrder(intent, state: state, limits: limits, universe: universe)
            guard decision.allowed else {
                for code in decision.vetoes { vetoes[code.rawValue, default: 0] += 1 }
                return
            }
            grossUSD = sized.grossUSD
        }
        let quantity = grossUSD / bar.close
        guard quantity > 0, quantity.isFinite else { return }

        // Fixed-quantity baselines and research runs trade at market; everything else follows the
        // router policy (post-only first, then market after `makerTimeToLiveBars`).
        let useMaker = options.routerPolicy.makerFirst && signal.quantity == nil && !options.skipRisk
        let offset = options.routerPolicy.offsetBps / 10_000
        let type: SimOrderType = useMaker
            ? .limit(price: bar.close * (signal.side == .buy ? 1 - offset : 1 + offset))
            : .market
        let entry = PendingEntry(
            symbol: symbol, leg: target, side: signal.side, quantity: quantity,
            stopPrice: signal.stopPrice, takeProfitPrice: signal.takeProfitPrice,
            tag: OrderTag(strategy: signal.strategy, regime: regime, stopPrice: signal.stopPrice, exitReason: "signal"),
            barsToLive: useMaker ? max(1, options.makerTimeToLiveBars) : nil)
        riskCounters.recordEntry(atMs: bar.openTimeMs)
        try submit(entry: entry, type: type, timeInForce: useMaker ? .gtx : .gtc, timeMs: bar.openTimeMs)
    }

    /// Reacts to what the venue did: protective orders once an entry fills, market fallback when a
    /// maker entry expires unfilled, trade bookkeeping when a leg goes flat.
    mutating func handle(_ events: [EngineEvent]) throws {
        if recorder.recordsOrders { try logOrderEvents(events) }
        for event in events {
            switch event {
            case .order(let order, let reason):
                try handleOrderUpdate(order, reason: reason)
            case .tradeClosed(let trade):
                try record(trade)
            case .fill, .funding, .liquidation:
                break
            }
        }
    }

    private mutating func handleOrderUpdate(_ order: SimOrder, reason: String?) throws {
        let id = order.request.clientOrderId
        if order.status == .rejected, let reason { rejections[reason, default: 0] += 1 }
        guard let entry = pendingEntries[id], order.status.isTerminal else { return }
        pendingEntries[id] = nil
        let timeMs = currentTimeMs ?? order.submittedAtMs
        if order.filledQuantity > 0 {
            try protect(entry, timeMs: timeMs)
        } else if entry.barsToLive != nil, order.status == .expired || order.status == .canceled,
                  reason != "superseded" {
            // The maker attempt failed (would have crossed, or timed out): fall back to taker.
            var fallback = entry
            fallback.barsToLive = nil
            try submit(entry: fallback, type: .market, timeInForce: .gtc, timeMs: timeMs)
        }
    }

    /// Counts down maker entries of `symbol`; one that outlived its bars is canceled (and the
    /// cancel's update triggers the market fallback).
    mutating func agePendingEntries(symbol: String, timeMs: Int64) throws {
        for id in pendingEntries.keys.sorted() {
            guard var entry = pendingEntries[id], entry.symbol == symbol, let left = entry.barsToLive else { continue }
            entry.barsToLive = left - 1
            pendingEntries[id] = entry
            if left - 1 <= 0 {
                try handle(engine.cancel(clientOrderId: id, symbol: symbol))
            }
        }
    }

    private mutating func cancelPendingEntries(symbol: String, leg: PositionSide) throws {
        for (id, entry) in pendingEntries.sorted(by: { $0.key < $1.key }) where entry.symbol == symbol && entry.leg == leg {
            pendingEntries[id] = nil  // no fallback for an entry the strategy no longer wants
            try handle(engine.cancel(clientOrderId: id, symbol: symbol))
        }
    }

    private mutating func submit(entry: PendingEntry, type: SimOrderType, timeInForce: TimeInForce, timeMs: Int64) throws {
        let id = nextClientOrderId()
        pendingEntries[id] = entry
        let hedge = options.matching.positionMode == .hedge
        try handle(engine.submit(SimOrderRequest(
            clientOrderId: id, symbol: entry.symbol, side: entry.side, type: type, quantity: entry.quantity,
            timeInForce: timeInForce, positionSide: hedge ? entry.leg : nil, reduceOnly: false, tag: entry.tag),
            atMs: timeMs))
    }

    /// A closing order on `leg`: in hedge mode the opposite side on the same leg, in one-way mode a
    /// reduce-only order.
    private mutating func submit(close leg: PositionSide, of symbol: String, quantity: Double, reason: String,
                                 timeMs: Int64, type: SimOrderType = .market) throws {
        let hedge = options.matching.positionMode == .hedge
        try handle(engine.submit(SimOrderRequest(
            clientOrderId: nextClientOrderId(), symbol: symbol, side: leg == .long ? .sell : .buy, type: type,
            quantity: quantity, positionSide: hedge ? leg : nil, reduceOnly: !hedge, tag: OrderTag(exitReason: reason)),
            atMs: timeMs))
    }

    /// Closes at market each leg of `symbol` held longer than its strategy's max hold (once per leg).
    mutating func closeLegsPastMaxHold(symbol: String, timeMs: Int64) throws {
        for side in [PositionSide.long, .short] {
            let leg = engine.leg(symbol, side)
            guard leg.isOpen, let maxHold = options.maxHoldMsByStrategy[leg.tag.strategy],
                  timeMs - leg.openedAtMs >= maxHold else { continue }
            let key = "\(symbol)|\(side.rawValue)"
            guard maxHoldClosing.insert(key).inserted else { continue }
            try submit(close: side, of: symbol, quantity: leg.quantity, reason: "max_hold", timeMs: timeMs)
        }
    }

    /// Stop and take-profit for a freshly filled entry, sized to the leg.
    private mutating func protect(_ entry: PendingEntry, timeMs: Int64) throws {
        let held = engine.leg(entry.symbol, entry.leg).quantity
        guard held > 0 else { return }
        if let stop = entry.stopPrice {
            try submit(close: entry.leg, of: entry.symbol, quantity: held, reason: "stop", timeMs: timeMs,
                       type: .stopMarket(trigger: stop))
        }
        if let takeProfit = entry.takeProfitPrice {
            try submit(close: entry.leg, of: entry.symbol, quantity: held, reason: "take_profit", timeMs: timeMs,
                       type: .takeProfitMarket(trigger: takeProfit))
        }
    }

    private mutating func record(_ trade: ClosedTrade) throws {
        if !maxHoldClosing.isEmpty { maxHoldClosing.remove("\(trade.symbol)|\(trade.side.rawValue)") }
        tradeStatistics.add(trade)
        tradeLedger.add(trade)
        try recorder.recordTrade(trade)
        if recentTrades.count == options.tableTrades { recentTrades.removeFirst() }
        if options.tableTrades > 0 { recentTrades.append(trade) }
        riskCounters.record(trade)
    }

    private mutating func nextClientOrderId() -> String {
        orderNumber += 1
        return "bt-\(orderNumber)"
    }
}
