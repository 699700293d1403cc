extension Backtest {
    /// Writes the order events among `events` to the recorder in the daemon's
    /// `orders_executed.jsonl` format: ACK when the engine accepts an order, FILL per execution,
    /// CLOSE when it ends (a refused order: CLOSE with `REJECTED` and the reason). The daemon
    /// writes ACK only for what the venue accepted, and so does this.
    mutating func logOrderEvents(_ events: [EngineEvent]) throws {
        for event in events {
            switch event {
            case .order(let order, let reason):
                let request = order.request
                if order.status == .new {
                    try recorder.recordOrder(orderLogEvent(.ack, order, quantity: request.quantity, price: request.type.price,
                                                           status: .new, reason: Self.ackReason(request), orderType: request.type.name))
                } else if order.status.isTerminal {
                    try recorder.recordOrder(orderLogEvent(.close, order, quantity: order.filledQuantity, price: order.averageFillPrice,
                                                           status: order.status, reason: reason))
                }
            case .fill(let fill):
                try recorder.recordOrder(OrderLogEvent(
                    event: .fill, clientOrderId: fill.clientOrderId, intentId: nil, symbol: fill.symbol, side: fill.side,
                    positionSide: hedgeMode ? fill.positionSide : nil, quantity: fill.quantity, price: fill.price,
                    grossUSD: fill.quantity * fill.price, feeUSD: fill.feeUSD, liquidity: fill.liquidity, status: .partiallyFilled,
                    slippageBps: nil, reason: nil, timeMs: fill.timeMs))
            case .funding, .liquidation, .tradeClosed:
                break
            }
        }
    }

    private var hedgeMode: Bool { options.matching.positionMode == .hedge }

    private func orderLogEvent(_ kind: OrderLogEvent.Kind, _ order: SimOrder, quantity: Double, price: Double?, status: OrderStatus,
                               reason: String?, orderType: String? = nil) -> OrderLogEvent {
        let request = order.request
        return OrderLogEvent(event: kind, clientOrderId: request.clientOrderId, intentId: nil, symbol: request.symbol, side: request.side,
                             positionSide: hedgeMode ? request.positionSide : nil, quantity: quantity, price: price,
                             grossUSD: price.map { $0 * quantity }, feeUSD: nil, liquidity: nil, status: status, slippageBps: nil,
                             reason: reason, timeMs: currentTimeMs ?? order.submittedAtMs, orderType: orderType)
    }

    /// What an ACK line says about why the order was sent, as the router writes it: nothing for
    /// an entry or a signal's reduction, the exit for a protective or max-hold order.
    static func ackReason(_ request: SimOrderRequest) -> String? {
        let opening = request.positionSide.map { ($0 == .long) == (request.side == .buy) } ?? !request.reduceOnly
        guard !opening, request.tag.exitReason != "signal" else { return nil }
        return request.tag.exitReason
    }
}

extension SimOrderType {
    /// The limit price or the trigger; nil for a market order.
    public var price: Double? {
        switch self {
        case .market: nil
        case .limit(let price): price
        case .stopMarket(let trigger), .takeProfitMarket(let trigger): trigger
        }
    }
}
