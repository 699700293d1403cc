import CoreMetrics
import Foundation
import HedgeCore
import HedgeExchange
import Logging

extension RouterActor {
    /// A fill the state machine accepted (duplicates never get here): FILL line, executed record,
    /// round-trip tracking and, when a leg closed, the closed trade.
    func record(_ fill: OrderFill, for id: String) async {
        guard var tracked = orders[id] else { return }
        let quantity = fill.quantity.analyticsDouble
        let price = fill.price.analyticsDouble
        let fee = fill.feeUSD?.analyticsDouble ?? 0
        let now = time.nowMs()
        if tracked.filledQuantity == 0 { ordersFilled += 1 }
        record(storedFill(fill, of: tracked, id: id, timeMs: now))
        tracked.filledQuantity += quantity
        if fill.liquidity == .maker { tracked.makerFills += quantity }
        if tracked.firstFillAtMs == nil { tracked.firstFillAtMs = now }
        orders[id] = tracked
        let slippage = tracked.decisionMid.map { slippageBps(side: tracked.side, price: price, mid: $0.analyticsDouble) }
        if let slippage { orderPathMetrics.slippage.record(slippage) }
        fillsBySymbol[tracked.symbol, default: 0] += 1
        emit(.fill, tracked, quantity: quantity, price: price, fee: fee, liquidity: fill.liquidity, status: tracked.machine.status,
             reason: nil, grossUSD: quantity * price, slippageBps: slippage)
        executed.append(ExecutedOrderRecord(intentId: tracked.intentId, clientOrderId: id, symbol: tracked.symbol, side: tracked.side,
                                            timeMs: now, grossUSD: quantity * price, price: price, slippageBps: slippage))
        if executed.count > retained { executed.removeFirst() }
        let legKey = Self.protectionKey(tracked.symbol, tracked.leg)
        if tracked.opening, tracker.openLeg(symbol: tracked.symbol, leg: tracked.leg) == nil, marketTimeMs > 0 {
            legOpenedAtMarketMs[legKey] = marketTimeMs
        }
        let trade = tracker.record(symbol: tracked.symbol, leg: tracked.leg, opening: tracked.opening, quantity: quantity,
                                   price: price, feeUSD: fee, timeMs: now, exitReason: tracked.exitReason ?? "signal")
        recordLegs()
        exposureFeed?.report(.fill(intentId: tracked.intentId, symbol: tracked.symbol, leg: tracked.leg, opening: tracked.opening,
                                   quantity: quantity, price: price), atMonotonicMs: time.monotonicMs())
        if let trade {
            legOpenedAtMarketMs[legKey] = nil
            await unprotect(symbol: tracked.symbol, leg: tracked.leg, except: id)
            logClosed(trade)
            recordClosed(trade)
            await tradeHandler?(trade)
        }
    }

    /// What an operator reading the journal wants of an order event: which order, which way, how
    /// much at what price, and why it ended.
    static func logMetadata(_ kind: OrderLogEvent.Kind, _ tracked: TrackedOrder, quantity: Double, price: Double?, status: OrderStatus,
                            reason: String?, slippageBps: Double?) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "symbol": "\(tracked.symbol)", "side": "\(tracked.side.rawValue)", "leg": "\(tracked.leg.rawValue)",
            "qty": "\(quantity)", "clientOrderId": "\(tracked.machine.clientOrderId)", "status": "\(status.rawValue)",
            "route": "\(tracked.route.rawValue)",
        ]
        if let price { metadata["price"] = "\(price)" }
        if let reason { metadata["reason"] = "\(reason)" }
        if let slippageBps, kind == .fill { metadata["slippage_bps"] = "\(fixedPoint(slippageBps, 2))" }
        return metadata
    }

    /// A round trip that just closed, with its result: the line an operator looks for after a close.
    func logClosed(_ trade: ClosedTrade) {
        logger.info("position closed", metadata: [
            "symbol": "\(trade.symbol)", "leg": "\(trade.side.rawValue)", "qty": "\(trade.quantity)",
            "entry": "\(trade.entryPrice)", "exit": "\(trade.exitPrice)",
            "pnl_usd": "\(fixedPoint(trade.pnlUSD, 2))", "fees_usd": "\(fixedPoint(trade.feesUSD, 2))",
            "net_usd": "\(fixedPoint(trade.netPnlUSD, 2))", "strategy": "\(trade.strategy)", "reason": "\(trade.exitReason)",
        ])
    }

    /// CLOSE line and the order's metrics row.
    func close(_ id: String, status: OrderStatus, reason: String?) {
        closedByStatus[status.rawValue.lowercased(), default: 0] += 1
        unfinished.remove(id)
        guard let tracked = orders[id] else { return }
        let average = tracked.machine.averageFillPrice?.analyticsDouble
        emit(.close, tracked, quantity: tracked.filledQuantity, price: average, fee: nil, liquidity: nil, status: status, reason: reason,
             grossUSD: average.map { $0 * tracked.filledQuantity })
        guard tracked.filledQuantity > 0 else { return }
        let now = time.nowMs()
        let slippage = zip(average.map { [$0] } ?? [], tracked.decisionMid.map { [$0.analyticsDouble] } ?? [])
            .map { slippageBps(side: tracked.side, price: $0, mid: $1) }.first ?? 0
        let row = OrderMetricsRecord(
            symbol: tracked.symbol, clientOrderId: id, maker: tracked.makerFills >= tracked.filledQuantity / 2,
            fallback: tracked.fallback, retries: tracked.machine.resendCount, slippageBps: slippage,
            latencyMs: Double((tracked.firstFillAtMs ?? now) - tracked.submittedAtMs), timeMs: now)
        metrics.append(row)
        if metrics.count > retained { metrics.removeFirst() }
        telemetry.submitLine(.orderMetrics, row)
        recordMetrics(row)
    }

    func emit(_ kind: OrderLogEvent.Kind, _ tracked: TrackedOrder, quantity: Double, price: Double?, fee: Double?, liquidity: Liquidity?,
              status: OrderStatus, reason: String?, grossUSD: Double? = nil, slippageBps: Double? = nil, orderType: String? = nil) {
        telemetry.submitLine(.ordersExecuted, OrderLogEvent(
            event: kind, clientOrderId: tracked.machine.clientOrderId, intentId: tracked.intentId, symbol: tracked.symbol,
            side: tracked.side, positionSide: hedgeMode ? tracked.leg : nil, quantity: quantity, price: price, grossUSD: grossUSD,
            feeUSD: fee, liquidity: liquidity, status: status, slippageBps: slippageBps, reason: reason, timeMs: time.nowMs(),
            orderType: orderType))
        logger.info("order \(kind.rawValue.lowercased())", metadata: Self.logMetadata(
            kind, tracked, quantity: quantity, price: price, status: status, reason: reason, slippageBps: slippageBps))
    }

    /// Executed fills kept for the shadow compare (bounded).
    public func executedRecords() -> [ExecutedOrderRecord] { Array(executed) }

    /// Router health per symbol from the recent order metrics.
    public func healthBySymbol() -> [String: RouterHealth] { RouterHealth.bySymbol(Array(metrics)) }

    /// `router_health.json`.
    public func healthPayload() -> RouterHealthPayload {
        RouterHealthPayload(sampleCount: metrics.count, workingOrders: workingOrderIds().count, orderLogFailures: orderLogFailures,
                            maker: makerCounts, policies: policiesInForce(), symbols: healthBySymbol())
    }
}

/// `router_health.json`.
public struct RouterHealthPayload: Sendable, Encodable {
    public var sampleCount: Int
    public var workingOrders: Int
    /// Orders not sent because the order journal could not be written.
    public var orderLogFailures: Int
    /// How maker entries went: re-priced, timed out, fell back to taker, abandoned by reason.
    public var maker: RouterActor.MakerCounts
    /// The router policy in force per symbol and its source.
    public var policies: [String: PolicyInForce]
    public var symbols: [String: RouterHealth]

    enum CodingKeys: String, CodingKey {
        case symbols, maker, policies
        case sampleCount = "sample_count"
        case workingOrders = "working_orders"
        case orderLogFailures = "order_log_failures"
    }
}
