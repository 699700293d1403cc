extension SymbolBook {
    /// Runs one bar against the working orders and legs, in a fixed, documented order so replays
    /// are deterministic:
    /// 1. market orders and limit orders (arrival judged at the open; resting limits fill only when
    ///    the bar trades *through* their price), capped by the participation share of the bar's volume
    ///    under `FillModel.volumeCapped`, whole under `FillModel.whole`;
    /// 2. stop-market triggers, then take-profit triggers (a bar that touches both stops out first:
    ///    the conservative reading of an unknown intrabar path);
    /// 3. liquidation of any leg whose liquidation price the bar reached.
    mutating func process(bar: Bar, ledger: inout EngineLedger) {
        // Most bars meet no working order and no open leg: skip straight to the close.
        if orders.isEmpty && long.quantity == 0 && short.quantity == 0 {
            lastPrice = bar.close
            return
        }
        let pricing = BarFillPricing(bar: bar, configuration: ledger.configuration)
        fillMarketAndLimitOrders(bar: bar, pricing: pricing, ledger: &ledger)
        if !orders.isEmpty { triggerProtectiveOrders(bar: bar, pricing: pricing, ledger: &ledger) }
        liquidateLegs(reachedBy: bar, ledger: &ledger)
        lastPrice = bar.close
        pruneTerminalOrders()
    }

    /// Phase 1: market and limit orders in submission order, sharing the bar's volume.
    private mutating func fillMarketAndLimitOrders(bar: Bar, pricing: BarFillPricing, ledger: inout EngineLedger) {
        let config = ledger.configuration
        var volumeLeft = config.fillModel == .whole ? Double.infinity : config.participation * bar.volume
        var index = 0
        while index < orders.count {
            defer { index += 1 }
            guard !orders[index].status.isTerminal else { continue }
            // Resting stops and take-profits wait for phase 2; skip them before copying the order.
            switch orders[index].request.type {
            case .stopMarket, .takeProfitMarket: continue
            case .market, .limit: break
            }
            let order = orders[index]
            let side = order.request.side
            let arriving = !order.hasSeenBar
            orders[index].hasSeenBar = true
            switch order.request.type {
            case .market:
                let quantity = min(order.remainingQuantity, volumeLeft)
                if quantity > 0 {
                    volumeLeft -= fill(orderAt: index, quantity: quantity, price: pricing.adverse(bar.open, side),
                                       liquidity: .taker, timeMs: bar.openTimeMs, ledger: &ledger)
                }
            case .limit(let limit):
                let marketable = side == .buy ? bar.open <= limit : bar.open >= limit
                if arriving && marketable {
                    if order.request.timeInForce == .gtx {
                        expire(at: index, reason: "post_only_would_cross", ledger: &ledger)
                        continue
                    }
                    // A marketable limit takes liquidity at the open, never worse than its limit.
                    let taken = pricing.adverse(bar.open, side)
                    let price = side == .buy ? min(taken, limit) : max(taken, limit)
                    let quantity = min(order.remainingQuantity, volumeLeft)
                    if quantity > 0 {
                        volumeLeft -= fill(orderAt: index, quantity: quantity, price: price,
                                           liquidity: .taker, timeMs: bar.openTimeMs, ledger: &ledger)
                    }
                } else {
                    let tradedThrough = side == .buy ? bar.low < limit : bar.high > limit
                    let quantity = min(order.remainingQuantity, volumeLeft)
                    if tradedThrough && quantity > 0 && !(arriving && order.request.timeInForce == .ioc) {
                        volumeLeft -= fill(orderAt: index, quantity: quantity, price: limit,
                                           liquidity: .maker, timeMs: bar.openTimeMs, ledger: &ledger)
                    }
                }
            case .stopMarket, .takeProfitMarket:
                continue
            }
            if order.request.timeInForce == .ioc, !orders[index].status.isTerminal {
                expire(at: index, reason: "ioc_unfilled_remainder", ledger: &ledger)
            }
            if orders[index].status == .new && orders[index].reduces(mode: config.positionMode)
                && nothingToReduce(orders[index], mode: config.positionMode) {
                cancel(at: index, reason: "nothing_to_reduce", ledger: &ledger)
            }
        }
    }

    /// Phase 2: stop-market triggers, then take-profit triggers (a bar that touches both stops
    /// out first). Not capped by volume.
    private mutating func triggerProtectiveOrders(bar: Bar, pricing: BarFillPricing, ledger: inout EngineLedger) {
        for pass in 0..<2 {
            let wantStops = pass == 0
            for i in orders.indices where !orders[i].status.isTerminal {
                let side = orders[i].request.side
                let trigger: Double
                switch orders[i].request.type {
                case .stopMarket(let t) where wantStops: trigger = t
                case .takeProfitMarket(let t) where !wantStops: trigger = t
                default: continue
                }
                // A SELL stop triggers on the way down, a BUY stop on the way up; take-profits the reverse.
                let fallsToTrigger = (side == .sell) == wantStops
                let triggered = fallsToTrigger ? bar.low <= trigger : bar.high >= trigger
                guard triggered else { continue }
                let order = orders[i]
                // A gap through the trigger fills at the open, the worse (stop) or better (take-profit) price.
                let reference = fallsToTrigger ? min(bar.open, trigger) : max(bar.open, trigger)
                fill(orderAt: i, quantity: order.remainingQuantity, price: pricing.adverse(reference, side),
                     liquidity: .taker, timeMs: bar.openTimeMs, ledger: &ledger)
                if !orders[i].status.isTerminal {
                    // A reducing trigger whose leg was already smaller than the order: nothing left to do.
                    cancel(at: i, reason: "nothing_to_reduce", ledger: &ledger)
                }
            }
        }
    }

    /// Phase 3: liquidation of any leg whose liquidation price the bar reached.
    private mutating func liquidateLegs(reachedBy bar: Bar, ledger: inout EngineLedger) {
        let rate = ledger.configuration.maintenanceMarginRate
        if long.quantity > 0, let liquidation = long.liquidationPrice(maintenanceMarginRate: rate), bar.low <= liquidation {
            liquidate(.long, price: min(bar.open, liquidation), timeMs: bar.openTimeMs, ledger: &ledger)
        }
        if short.quantity > 0, let liquidation = short.liquidationPrice(maintenanceMarginRate: rate), bar.high >= liquidation {
            liquidate(.short, price: max(bar.open, liquidation), timeMs: bar.openTimeMs, ledger: &ledger)
        }
    }

    /// Closes `side` entirely at `price` as a taker fill tagged with `reason` (liquidation, end of
    /// data, …) through a synthetic order, so the accounting is the same as any other fill.
    mutating func forceClose(_ side: PositionSide, price: Double, reason: String, timeMs: Int64,
                             orderId: Int64, ledger: inout EngineLedger) {
        let leg = self[side]
        guard leg.isOpen else { return }
        let mode = ledger.configuration.positionMode
        let request = SimOrderRequest(
            clientOrderId: "\(reason)-\(symbol)-\(side.rawValue)-\(timeMs)", symbol: symbol,
            side: side == .long ? .sell : .buy, type: .market, quantity: leg.quantity,
            positionSide: mode == .hedge ? side : nil, reduceOnly: mode == .oneWay,
            tag: OrderTag(exitReason: reason))
        orders.append(SimOrder(orderId: orderId, request: request, status: .new, filledQuantity: 0,
                               filledNotional: 0, submittedAtMs: timeMs, hasSeenBar: true))
        fill(orderAt: orders.count - 1, quantity: leg.quantity, price: price, liquidity: .taker,
             timeMs: timeMs, ledger: &ledger)
    }

    private mutating func liquidate(_ side: PositionSide, price: Double, timeMs: Int64, ledger: inout EngineLedger) {
        let quantity = self[side].quantity
        ledger.events.append(.liquidation(symbol: symbol, positionSide: side, quantity: quantity, price: price, timeMs: timeMs))
        forceClose(side, price: price, reason: "liquidation", timeMs: timeMs, orderId: -1, ledger: &ledger)
    }

    private func nothingToReduce(_ order: SimOrder, mode: PositionMode) -> Bool {
        switch mode {
        case .hedge: return !(order.request.positionSide.map { self[$0].isOpen } ?? false)
        case .oneWay: return !self[order.request.side == .buy ? .short : .long].isOpen
        }
    }

    mutating func expire(at index: Int, reason: String, ledger: inout EngineLedger) {
        orders[index].status = .expired
        ledger.events.append(.order(orders[index], reason: reason))
    }

    mutating func cancel(at index: Int, reason: String, ledger: inout EngineLedger) {
        orders[index].status = .canceled
        ledger.events.append(.order(orders[index], reason: reason))
    }
}

/// The price a market-style fill gets within one bar: the reference moved against the order by
/// the slippage model (bps plus a share of the bar's range), kept inside [low, high].
struct BarFillPricing {
    let low: Double
    let high: Double
    let slippageBps: Double
    let rangeSlip: Double

    init(bar: Bar, configuration: MatchingConfiguration) {
        low = bar.low
        high = bar.high
        slippageBps = configuration.slippageBps
        rangeSlip = configuration.slippageRangeFraction * (bar.high - bar.low)
    }

    @inline(__always)
    func adverse(_ reference: Double, _ side: Side) -> Double {
        let slip = reference * slippageBps / 10_000 + rangeSlip
        let price = side == .buy ? reference + slip : reference - slip
        return min(high, max(low, price))
    }
}
