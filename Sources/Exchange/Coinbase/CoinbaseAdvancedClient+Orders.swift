import Foundation
import HedgeCore
import Logging

/// Orders on Coinbase: create (idempotent by `client_order_id`), read, list, cancel, fills,
/// preview.
extension CoinbaseAdvancedClient {
    public func openOrders(symbol: String?) async throws(ExchangeError) -> [VenueOrder] {
        var query = [("order_status", "OPEN")]
        if let symbol { query.append(("product_ids", symbol)) }
        return try await listOrders(query: query, context: "GET /orders/historical/batch OPEN")
    }

    /// Orders of `symbol` created at or after `sinceMs` (every status), newest first.
    public func recentOrders(symbol: String, sinceMs: Int64) async throws(ExchangeError) -> [VenueOrder] {
        try await listOrders(query: [("product_ids", symbol), ("start_date", UTCTime.iso8601(ms: sinceMs))],
                             context: "GET /orders/historical/batch \(symbol)")
    }

    private func listOrders(query: [(String, String)], context: String) async throws(ExchangeError) -> [VenueOrder] {
        var orders: [VenueOrder] = []
        var cursor: String?
        for _ in 0..<20 {
            var pageQuery = query + [("limit", "250")]
            if let cursor { pageQuery.append(("cursor", cursor)) }
            let data = try await rest.send("GET", "/orders/historical/batch", query: pageQuery, context: context)
            let page = try WireDecoding.decode(CoinbaseWire.Orders.self, from: data, context: context)
            for row in page.orders {
                memory.remember(orderId: row.order_id, clientOrderId: row.client_order_id)
                orders.append(try row.venueOrder(context: context))
            }
            guard page.has_next == true, let next = page.cursor, !next.isEmpty else { return orders }
            cursor = next
        }
        return orders
    }

    public func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        let rules = memory.product(request.symbol)
        let ask = request.type == .market && request.side == .buy ? try await bookTicker(symbol: request.symbol).askPrice : nil
        let body = try CoinbaseOrderPlan.body(for: request, bestAsk: ask, filters: rules?.filters,
                                              quoteIncrement: rules?.quoteIncrement ?? 0.01)
        guard orderPolicy == .send else {
            logger.notice("dry-run: order not sent", metadata: ["request": "POST /orders \(Self.json(body))"])
            throw .notAllowed("dry-run never sends orders")
        }
        do {
            return try await submit(body, request)
        } catch let error where error.outcomeUnknown {
            return try await resolveUnknownOutcome(of: request, body: body, cause: error)
        } catch .duplicateOrder {
            // Coinbase has seen this id: an earlier attempt landed. That order is the answer.
            await rest.countRetry("duplicate_id")
            return try await queryOrder(symbol: request.symbol, clientOrderId: request.clientOrderId)
        }
    }

    /// The outcome is unknown (timeout, 5xx): the order is looked for by its client id among the
    /// symbol's recent orders. Found: that is the answer. Not found, and the order would rest on
    /// the book: sent again with the same id (a late first landing makes Coinbase answer
    /// DUPLICATE_CLIENT_ORDER_ID, so there is never a second order). Not found and it would
    /// execute at once (market, IOC): never re-sent; the caller learns it is unknown.
    private func resolveUnknownOutcome(of request: VenueOrderRequest, body: CoinbaseWire.CreateOrder,
                                       cause: ExchangeError) async throws(ExchangeError) -> VenueOrder {
        var lastError = cause
        let resends = request.type == .limit && request.timeInForce != .ioc
        for round in 1...3 {
            await rest.countRetry("unknown_outcome")
            logger.warning("order outcome unknown; looking for it by client order id before any resend",
                           metadata: ["clientOrderId": "\(request.clientOrderId)", "error": "\(lastError)", "round": "\(round)"])
            do {
                try await clock.sleep(for: .milliseconds(200 * Int64(round)))
            } catch {
                throw lastError
            }
            do {
                return try await queryOrder(symbol: request.symbol, clientOrderId: request.clientOrderId)
            } catch .unknownOrder {
                guard resends else {
                    lastError = .unknownOrder(clientOrderId: request.clientOrderId)
                    continue
                }
                do {
                    return try await submit(body, request)
                } catch .duplicateOrder {
                    continue
                } catch let error where error.outcomeUnknown {
                    lastError = error
                }
            } catch let error where error.outcomeUnknown {
                lastError = error
            }
        }
        throw lastError
    }

    private func submit(_ body: CoinbaseWire.CreateOrder, _ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        let context = "POST /orders \(request.clientOrderId)"
        let data = try await rest.send("POST", "/orders", body: Self.encode(body), context: context,
                                       clientOrderId: request.clientOrderId, symbol: request.symbol)
        let answer = try WireDecoding.decode(CoinbaseWire.CreateOrderResponse.self, from: data, context: context)
        guard answer.success else {
            if answer.failure_reason == "DUPLICATE_CLIENT_ORDER_ID" || answer.error_response?.new_order_failure_reason == "DUPLICATE_CLIENT_ORDER_ID",
               let existing = answer.order_id, !existing.isEmpty {
                memory.remember(orderId: existing, clientOrderId: request.clientOrderId)
            }
            throw CoinbaseAPIError.orderFailure(answer, clientOrderId: request.clientOrderId, symbol: request.symbol)
        }
        guard let orderId = answer.success_response?.order_id ?? answer.order_id, !orderId.isEmpty else {
            throw .malformedResponse("\(context): success without an order_id")
        }
        memory.remember(orderId: orderId, clientOrderId: request.clientOrderId)
        do {
            return try await order(id: orderId, context: "GET /orders/historical/\(orderId)")
        } catch {
            // Placed for certain; its state follows on the user stream.
            logger.info("order placed; its first read failed", metadata: ["clientOrderId": "\(request.clientOrderId)", "error": "\(error)"])
            return VenueOrder(orderId: orderId, clientOrderId: request.clientOrderId, symbol: request.symbol, side: request.side,
                              positionSide: .long, type: request.type, status: .new, quantity: request.quantity,
                              price: request.price ?? request.stopPrice, filledQuantity: 0, averagePrice: nil,
                              updateTimeMs: await rest.venueNowMs())
        }
    }

    /// `POST /orders/preview`: what Coinbase would do with `request` (fees, size, errors), sent
    /// nowhere else. Allowed in dry-run.
    public func previewOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> CoinbaseOrderPreview {
        let rules = memory.product(request.symbol)
        let ask = request.type == .market && request.side == .buy ? try await bookTicker(symbol: request.symbol).askPrice : nil
        let body = try CoinbaseOrderPlan.body(for: request, bestAsk: ask, filters: rules?.filters, quoteIncrement: rules?.quoteIncrement ?? 0.01)
        let preview = CoinbaseWire.PreviewOrder(product_id: body.product_id, side: body.side, order_configuration: body.order_configuration)
        let context = "POST /orders/preview \(request.symbol)"
        let data = try await rest.send("POST", "/orders/preview", body: Self.encode(preview), context: context, symbol: request.symbol)
        let answer = try WireDecoding.decode(CoinbaseWire.PreviewResponse.self, from: data, context: context)
        return CoinbaseOrderPreview(orderTotal: answer.order_total.flatMap { Decimal(venueString: $0) },
                                    commissionTotal: answer.commission_total.flatMap { Decimal(venueString: $0) },
                                    errors: answer.errs ?? [], warnings: answer.warning ?? [])
    }

    public func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        guard orderPolicy == .send else {
            logger.notice("dry-run: cancel not sent", metadata: ["clientOrderId": "\(clientOrderId)"])
            throw .notAllowed("dry-run never sends orders")
        }
        let orderId = try await resolveOrderId(symbol: symbol, clientOrderId: clientOrderId)
        let context = "POST /orders/batch_cancel \(clientOrderId)"
        let body = (try? JSONSerialization.data(withJSONObject: ["order_ids": [orderId]])) ?? Data()
        let data = try await rest.send("POST", "/orders/batch_cancel", body: body, context: context, clientOrderId: clientOrderId, symbol: symbol)
        let results = try WireDecoding.decode(CoinbaseWire.CancelResults.self, from: data, context: context).results
        guard let result = results.first(where: { $0.order_id == orderId }) else {
            throw .malformedResponse("\(context): no result for order \(orderId)")
        }
        let order = try await order(id: orderId, context: "GET /orders/historical/\(orderId)")
        // Refused (already filled or cancelled): like Binance's -2011, the order is no longer working.
        if !result.success && !order.status.isTerminal {
            throw .orderRejected(code: nil, reason: "cancel refused: \(result.failure_reason ?? "UNKNOWN_CANCEL_FAILURE_REASON")")
        }
        if !result.success, order.status != .canceled { throw .unknownOrder(clientOrderId: clientOrderId) }
        return order
    }

    public func queryOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        let orderId = try await resolveOrderId(symbol: symbol, clientOrderId: clientOrderId)
        return try await order(id: orderId, context: "GET /orders/historical/\(orderId) \(clientOrderId)", clientOrderId: clientOrderId)
    }

    /// The venue id of `clientOrderId`: remembered, else found among the symbol's orders of the
    /// last day (`unknownOrder` when absent).
    func resolveOrderId(symbol: String, clientOrderId: String) async throws(ExchangeError) -> String {
        if let known = memory.orderId(clientOrderId: clientOrderId) { return known }
        let since = await rest.venueNowMs() - 86_400_000
        guard let found = try await recentOrders(symbol: symbol, sinceMs: since).first(where: { $0.clientOrderId == clientOrderId }) else {
            throw .unknownOrder(clientOrderId: clientOrderId)
        }
        return found.orderId
    }

    func order(id: String, context: String, clientOrderId: String? = nil) async throws(ExchangeError) -> VenueOrder {
        let data = try await rest.send("GET", "/orders/historical/\(id)", context: context, clientOrderId: clientOrderId ?? id)
        guard let row = try WireDecoding.decode(CoinbaseWire.GetOrder.self, from: data, context: context).order else {
            throw .unknownOrder(clientOrderId: clientOrderId ?? id)
        }
        memory.remember(orderId: row.order_id, clientOrderId: row.client_order_id)
        return try row.venueOrder(context: context)
    }

    public func userTrades(symbol: String, sinceMs: Int64) async throws(ExchangeError) -> [VenueFill] {
        let context = "GET /orders/historical/fills \(symbol)"
        var fills: [VenueFill] = []
        var cursor: String?
        for _ in 0..<20 {
            var query = [("product_ids", symbol), ("start_sequence_timestamp", UTCTime.iso8601(ms: sinceMs)), ("limit", "250")]
            if let cursor { query.append(("cursor", cursor)) }
            let data = try await rest.send("GET", "/orders/historical/fills", query: query, context: context, symbol: symbol)
            let page = try WireDecoding.decode(CoinbaseWire.Fills.self, from: data, context: context)
            for row in page.fills {
                fills.append(try row.venueFill(clientOrderId: memory.clientOrderId(orderId: row.order_id) ?? "", context: context))
            }
            guard let next = page.cursor, !next.isEmpty, !page.fills.isEmpty else { break }
            cursor = next
        }
        return fills.sorted { $0.timeMs < $1.timeMs }
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data()
    }

    static func json(_ value: some Encodable) -> String { String(decoding: encode(value), as: UTF8.self) }
}

/// What `POST /orders/preview` says an order would cost and why it would fail.
public struct CoinbaseOrderPreview: Sendable, Hashable {
    public var orderTotal: Decimal?
    public var commissionTotal: Decimal?
    public var errors: [String]
    public var warnings: [String]
}
