import Foundation
import HedgeCore

/// The venue's memory of orders and fills, and the translation of the matching engine's events
/// into what a venue reports: `VenueOrder` states with cumulative filled quantity, `VenueFill`s
/// stamped with a monotone trade id, and the `UserEvent`s that carry them.
///
/// Every order the venue accepted stays queryable by (symbol, client order id) while it works and
/// after it finished, up to `orderHistoryLimit` finished orders (oldest forgotten first), so a
/// query after a lost response finds it. Fills are kept up to `fillHistoryLimit`.
///
/// Quantities and prices reported are `Decimal`: an order's own quantity and price are the ones
/// requested; the engine's `Double` fill prices are put on the symbol's tick and cumulative fill
/// quantities on its step (nearest), and a FILLED order reports exactly its requested quantity.
/// A plain value owned by `SimExchange`.
struct SimOrderJournal: Sendable {
    struct Key: Hashable, Sendable {
        var symbol: String
        var clientOrderId: String
    }

    private struct Record: Sendable {
        var request: VenueOrderRequest
        var order: VenueOrder
        /// Set when the order reached a terminal state: its place in the finished queue.
        var finishedSequence: Int?
    }

    /// What one batch of engine events became.
    struct Translation: Sendable {
        var updates: [UserEvent] = []
        var fillCount = 0
        var fundingCount = 0
    }

    private let orderHistoryLimit: Int
    private var records: [Key: Record] = [:]
    /// Finished orders in the order they finished; evicted from the front.
    private var finishedQueue: [(key: Key, sequence: Int)] = []
    private var finishedHead = 0
    private var nextFinishedSequence = 0
    private var fills: SimHistory<VenueFill>
    private var nextTradeId: Int64 = 1

    init(orderHistoryLimit: Int, fillHistoryLimit: Int) {
        self.orderHistoryLimit = max(1, orderHistoryLimit)
        fills = SimHistory(limit: fillHistoryLimit)
    }

    /// The order's latest state, working or finished (while remembered).
    func order(_ key: Key) -> VenueOrder? { records[key]?.order }

    /// Whether a working (non-terminal) order holds this key.
    func isWorking(_ key: Key) -> Bool { records[key].map { !$0.order.status.isTerminal } ?? false }

    /// The state reported for an engine order the journal may or may not know.
    func venueOrder(for order: SimOrder) -> VenueOrder {
        records[Key(symbol: order.request.symbol, clientOrderId: order.request.clientOrderId)]?.order
            ?? Self.synthesized(order, timeMs: order.submittedAtMs).order
    }

    /// Fills of `symbol` at or after `sinceMs`, oldest first.
    func trades(symbol: String, sinceMs: Int64) -> [VenueFill] {
        fills.elements.filter { $0.symbol == symbol && $0.timeMs >= sinceMs }
    }

    /// Records an order the engine accepted, in the state the venue answers with.
    mutating func accept(_ request: VenueOrderRequest, as order: SimOrder, timeMs: Int64) -> VenueOrder {
        let venueOrder = VenueOrder(
            orderId: String(order.orderId), clientOrderId: request.clientOrderId, symbol: request.symbol,
            side: request.side, positionSide: request.positionSide, type: request.type, status: order.status,
            quantity: request.quantity, price: request.price, filledQuantity: 0, averagePrice: nil, updateTimeMs: timeMs)
        let key = Key(symbol: request.symbol, clientOrderId: request.clientOrderId)
        records[key] = Record(request: request, order: venueOrder)
        return venueOrder
    }

    /// Turns engine events into order updates (one per fill, then one per state change without a
    /// fill), in the engine's order. `filters` put fills on the grid; `timeMs` stamps updates that
    /// carry no fill time.
    mutating func translate(_ events: [EngineEvent], filters: [String: VenueFilters], timeMs: Int64) -> Translation {
        var translation = Translation()
        var pendingFills: [Int64: [EngineFill]] = [:]
        for event in events {
            switch event {
            case .fill(let fill):
                pendingFills[fill.orderId, default: []].append(fill)
            case .order(let order, let reason):
                let orderFills = pendingFills.removeValue(forKey: order.orderId) ?? []
                let updates = record(order, reason: reason, fills: orderFills, filters: filters[order.request.symbol], timeMs: timeMs)
                translation.fillCount += orderFills.count
                translation.updates += updates
            case .funding:
                translation.fundingCount += 1
            case .liquidation, .tradeClosed:
                continue
            }
        }
        return translation
    }

    private mutating func record(_ order: SimOrder, reason: String?, fills orderFills: [EngineFill],
                                 filters: VenueFilters?, timeMs: Int64) -> [UserEvent] {
        let key = Key(symbol: order.request.symbol, clientOrderId: order.request.clientOrderId)
        var record = records[key] ?? Self.synthesized(order, timeMs: timeMs)
        var updates: [UserEvent] = []
        if orderFills.isEmpty {
            record.order.status = order.status
            record.order.updateTimeMs = timeMs
            record.order.reason = reason
            updates.append(.order(record.order, fill: nil))
        } else {
            // The engine reports the order once after all of a call's fills: rebuild the
            // cumulative state each fill left, as a venue reports one update per trade.
            var cumulativeQuantity = order.filledQuantity - orderFills.reduce(0) { $0 + $1.quantity }
            var cumulativeNotional = order.filledNotional - orderFills.reduce(0) { $0 + $1.quantity * $1.price }
            for (index, fill) in orderFills.enumerated() {
                cumulativeQuantity += fill.quantity
                cumulativeNotional += fill.quantity * fill.price
                let isLast = index == orderFills.count - 1
                let status: OrderStatus = isLast ? order.status : .partiallyFilled
                let filled = status == .filled
                    ? record.request.quantity
                    : min(record.request.quantity, Self.decimal(cumulativeQuantity, onGrid: filters?.lot.stepSize))
                // A part smaller than one lot step moves nothing a venue reports: no trade until
                // the cumulative crosses a step (a real venue never reports a zero-quantity trade).
                guard filled > record.order.filledQuantity || isLast else { continue }
                guard filled > record.order.filledQuantity else {
                    record.order.status = status
                    record.order.updateTimeMs = fill.timeMs
                    record.order.reason = reason
                    updates.append(.order(record.order, fill: nil))
                    continue
                }
                let venueFill = VenueFill(
                    tradeId: String(nextTradeId), orderId: record.order.orderId, clientOrderId: record.request.clientOrderId,
                    symbol: fill.symbol, side: fill.side, positionSide: record.request.positionSide,
                    quantity: filled - record.order.filledQuantity,
                    price: Self.decimal(fill.price, onGrid: filters?.price.tickSize),
                    feeUSD: Decimal(shortestRepresentationOf: fill.feeUSD) ?? 0, liquidity: fill.liquidity,
                    realizedPnlUSD: Decimal(shortestRepresentationOf: fill.realizedPnlUSD) ?? 0, timeMs: fill.timeMs)
                nextTradeId += 1
                fills.append(venueFill)
                record.order.status = status
                record.order.filledQuantity = filled
                record.order.averagePrice = cumulativeQuantity > 0 ? Decimal(shortestRepresentationOf: cumulativeNotional / cumulativeQuantity) : nil
                record.order.updateTimeMs = fill.timeMs
                record.order.reason = isLast ? reason : nil
                updates.append(.order(record.order, fill: venueFill))
            }
        }
        if record.order.status.isTerminal, record.finishedSequence == nil {
            record.finishedSequence = nextFinishedSequence
            finishedQueue.append((key, nextFinishedSequence))
            nextFinishedSequence += 1
        }
        records[key] = record
        evictFinished()
        return updates
    }

    /// Forgets the oldest finished orders beyond the limit (a key reused by a newer order stays).
    private mutating func evictFinished() {
        while finishedQueue.count - finishedHead > orderHistoryLimit {
            let (key, sequence) = finishedQueue[finishedHead]
            finishedHead += 1
            if records[key]?.finishedSequence == sequence { records[key] = nil }
        }
        if finishedHead > orderHistoryLimit {
            finishedQueue.removeFirst(finishedHead)
            finishedHead = 0
        }
    }

    /// A record for an order the venue made itself (a liquidation) or never recorded.
    private static func synthesized(_ order: SimOrder, timeMs: Int64) -> Record {
        let type: VenueOrderType
        var price: Decimal?
        var stopPrice: Decimal?
        switch order.request.type {
        case .market: type = .market
        case .limit(let p):
            type = .limit
            price = Decimal(shortestRepresentationOf: p)
        case .stopMarket(let trigger):
            type = .stopMarket
            stopPrice = Decimal(shortestRepresentationOf: trigger)
        case .takeProfitMarket(let trigger):
            type = .takeProfitMarket
            stopPrice = Decimal(shortestRepresentationOf: trigger)
        }
        let quantity = Decimal(shortestRepresentationOf: order.request.quantity) ?? 0
        let request = VenueOrderRequest(
            clientOrderId: order.request.clientOrderId, symbol: order.request.symbol, side: order.request.side,
            positionSide: order.request.positionSide, type: type, quantity: quantity, price: price, stopPrice: stopPrice,
            timeInForce: order.request.timeInForce, reduceOnly: order.request.reduceOnly)
        let venueOrder = VenueOrder(
            orderId: String(order.orderId), clientOrderId: request.clientOrderId, symbol: request.symbol, side: request.side,
            positionSide: request.positionSide, type: type, status: .new, quantity: quantity, price: price,
            filledQuantity: 0, averagePrice: nil, updateTimeMs: timeMs)
        return Record(request: request, order: venueOrder)
    }

    /// `value` as a decimal on the multiples of `increment` (nearest); unrounded without one.
    static func decimal(_ value: Double, onGrid increment: Decimal?) -> Decimal {
        let exact = Decimal(shortestRepresentationOf: value) ?? 0
        guard let increment, increment > 0 else { return exact }
        return exact.rounded(toMultipleOf: increment, .nearest)
    }
}
