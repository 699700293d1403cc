/// One symbol's state in the simulated venue: its two legs, its working orders and its last
/// traded price. Owned by `MatchingEngine`.
struct SymbolBook: Sendable {
    let symbol: String
    var long = PositionLeg(side: .long)
    var short = PositionLeg(side: .short)
    /// Working (non-terminal) orders in submission order.
    var orders: [SimOrder] = []
    var lastPrice: Double?
    var leverage: Double

    init(symbol: String, leverage: Double) {
        self.symbol = symbol
        self.leverage = leverage
    }

    subscript(side: PositionSide) -> PositionLeg {
        get { side == .long ? long : short }
        set { if side == .long { long = newValue } else { short = newValue } }
    }

    /// Applies a fill of `quantity` at `price` for `orders[index]`: moves the legs and the wallet,
    /// records fees, emits the fill, the order update and, when a leg goes flat, the closed trade.
    /// Returns the quantity actually filled (a reducing order is capped by what the leg holds).
    @discardableResult
    mutating func fill(orderAt index: Int, quantity requested: Double, price: Double, liquidity: Liquidity,
                       timeMs: Int64, ledger: inout EngineLedger) -> Double {
        let order = orders[index]
        let mode = ledger.configuration.positionMode
        // Split the fill into the part that reduces a leg and the part that grows one.
        var parts: [(leg: PositionSide, quantity: Double, opening: Bool)] = []
        switch mode {
        case .hedge:
            guard let legSide = order.request.positionSide else { return 0 }
            if order.reduces(mode: mode) {
                parts.append((legSide, min(requested, self[legSide].quantity), false))
            } else {
                parts.append((legSide, requested, true))
            }
        case .oneWay:
            let opposite: PositionSide = order.request.side == .buy ? .short : .long
            let closing = min(requested, self[opposite].quantity)
            if closing > 0 { parts.append((opposite, closing, false)) }
            if !order.request.reduceOnly, requested - closing > 0 {
                parts.append((opposite == .long ? .short : .long, requested - closing, true))
            }
        }
        var filled = 0.0
        for part in parts where part.quantity > 0 {
            filled += part.quantity
            let notional = part.quantity * price
            let fee = ledger.feeUSD(notional: notional, liquidity: liquidity)
            ledger.chargeFee(fee)
            var leg = self[part.leg]
            var realized = 0.0
            if part.opening {
                if !leg.isOpen {
                    leg.openedAtMs = timeMs
                    leg.leverage = leverage
                    leg.tag = order.request.tag
                    leg.tradeEntryNotional = 0
                    leg.tradeEntryQuantity = 0
                    leg.tradeExitNotional = 0
                    leg.tradeExitQuantity = 0
                    leg.tradeRealizedPnl = 0
                    leg.tradeFees = 0
                }
                leg.entryPrice = (leg.entryPrice * leg.quantity + notional) / (leg.quantity + part.quantity)
                leg.quantity += part.quantity
                leg.tradeEntryNotional += notional
                leg.tradeEntryQuantity += part.quantity
            } else {
                realized = leg.direction * (price - leg.entryPrice) * part.quantity
                ledger.realize(realized)
                leg.quantity -= part.quantity
                // Float residue must not leave a phantom leg open.
                if leg.quantity <= leg.tradeEntryQuantity * 1e-12 { leg.quantity = 0 }
                leg.tradeExitNotional += notional
                leg.tradeExitQuantity += part.quantity
                leg.tradeRealizedPnl += realized
            }
            leg.tradeFees += fee
            self[part.leg] = leg
            ledger.events.append(.fill(EngineFill(
                orderId: order.orderId, clientOrderId: order.request.clientOrderId, symbol: symbol,
                side: order.request.side, positionSide: part.leg, quantity: part.quantity, price: price,
                feeUSD: fee, liquidity: liquidity, realizedPnlUSD: realized, timeMs: timeMs)))
            if !part.opening && !leg.isOpen {
                closeTrade(part.leg, exitReason: order.request.tag.exitReason, timeMs: timeMs, closingOrderId: order.orderId,
                           ledger: &ledger)
            }
        }
        orders[index].filledQuantity += filled
        orders[index].filledNotional += filled * price
        if filled > 0 {
            orders[index].status = orders[index].remainingQuantity <= order.request.quantity * 1e-12 ? .filled : .partiallyFilled
            ledger.events.append(.order(orders[index], reason: nil))
        }
        return filled
    }

    /// Emits the round trip of a leg that just went flat and cancels the orders that could only
    /// have reduced it (its stop and take-profit), as Binance does for close-position orders.
    /// `closingOrderId` is the order whose fill closed the leg: it is being filled, not canceled
    /// (cancelling it here reported the closing order as CANCELED with nothing filled, so a client
    /// believed the leg was still open).
    mutating func closeTrade(_ side: PositionSide, exitReason: String, timeMs: Int64, closingOrderId: Int64? = nil,
                             ledger: inout EngineLedger) {
        let leg = self[side]
        let quantity = leg.tradeEntryQuantity
        let entry = quantity > 0 ? leg.tradeEntryNotional / quantity : 0
        let exit = leg.tradeExitQuantity > 0 ? leg.tradeExitNotional / leg.tradeExitQuantity : 0
        let net = leg.tradeRealizedPnl - leg.tradeFees
        var rMultiple = 0.0
        if let stop = leg.tag.stopPrice, abs(entry - stop) > 0, quantity > 0 {
            rMultiple = net / (abs(entry - stop) * quantity)
        }
        ledger.events.append(.tradeClosed(ClosedTrade(
            symbol: symbol, side: side, entryTimeMs: leg.openedAtMs, exitTimeMs: timeMs,
            entryPrice: entry, exitPrice: exit, quantity: quantity, pnlUSD: leg.tradeRealizedPnl,
            feesUSD: leg.tradeFees, rMultiple: rMultiple, regime: leg.tag.regime, strategy: leg.tag.strategy,
            exitReason: exitReason)))
        let mode = ledger.configuration.positionMode
        for i in orders.indices where !orders[i].status.isTerminal && orders[i].reduces(mode: mode)
            && orders[i].orderId != closingOrderId
            && (mode == .oneWay || orders[i].request.positionSide == side) {
            orders[i].status = .canceled
            ledger.events.append(.order(orders[i], reason: "position_closed"))
        }
    }

    /// Drops orders that reached a terminal state.
    mutating func pruneTerminalOrders() {
        if orders.contains(where: { $0.status.isTerminal }) {
            orders.removeAll { $0.status.isTerminal }
        }
    }
}
