import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// The endpoints' work on the sim venue.
extension CoinbaseLoopbackResponder {
    typealias JSON = BinanceJSON

    func handle(_ route: CoinbaseLoopbackRoute, _ request: CoinbaseLoopbackRequest) async -> LoopbackReply {
        do {
            switch route {
            case .time: return .ok(CoinbasePayloads.time(await services.state.serverTimeMs()))
            case .products: return try await products(request)
            case .product(let id, _): return try await product(id)
            case .candles(let id, _): return try await candles(id, request)
            case .productBook: return try await productBook(request)
            case .bestBidAsk: return try await bestBidAsk(request)
            case .accounts: return try await accounts()
            case .account(let uuid): return try await account(uuid)
            case .createOrder: return await createOrder(request)
            case .previewOrder: return await previewOrder(request)
            case .listOrders: return try await listOrders(request)
            case .listFills: return try await listFills(request)
            case .getOrder(let id): return try await getOrder(id)
            case .batchCancel: return await batchCancel(request)
            }
        } catch let error as LoopbackReplyError {
            return error.reply
        } catch {
            return LoopbackReply(status: 500, body: CoinbasePayloads.error("INTERNAL", "\(error)"))
        }
    }

    private static func notFound(_ what: String) -> LoopbackReplyError {
        LoopbackReplyError(reply: LoopbackReply(status: 404, body: CoinbasePayloads.error("NOT_FOUND", what)))
    }

    private static func invalid(_ message: String) -> LoopbackReplyError {
        LoopbackReplyError(reply: LoopbackReply(status: 400, body: CoinbasePayloads.error("INVALID_ARGUMENT", message)))
    }

    // MARK: Market data

    private func productJSON(_ symbol: String, filters: VenueFilters) async throws -> JSON? {
        guard let id = CoinbaseLoopbackProducts.productId(simSymbol: symbol) else { return nil }
        let book = try? await services.exchange.bookTicker(symbol: symbol)
        let price = book.map { ($0.bidPrice + $0.askPrice) / 2 } ?? 0
        let volume = (try? await services.exchange.quoteVolume24h(symbol: symbol)) ?? 0
        return CoinbasePayloads.product(id: id, filters: filters, price: price, quoteVolume24h: volume)
    }

    private func products(_ request: CoinbaseLoopbackRequest) async throws -> LoopbackReply {
        let wanted = Set(request.values("product_ids"))
        var rows: [JSON] = []
        for (symbol, filters) in try await services.exchange.exchangeInfo().sorted(by: { $0.key < $1.key }) {
            guard let id = CoinbaseLoopbackProducts.productId(simSymbol: symbol), wanted.isEmpty || wanted.contains(id),
                  let row = try await productJSON(symbol, filters: filters) else { continue }
            rows.append(row)
        }
        return .ok(.object([("products", .array(rows)), ("num_products", .int(Int64(rows.count)))]))
    }

    private func simSymbol(_ productId: String) async throws -> String {
        guard let symbol = CoinbaseLoopbackProducts.simSymbol(productId: productId),
              try await services.exchange.exchangeInfo()[symbol] != nil else { throw Self.notFound("product \(productId) not found") }
        return symbol
    }

    private func product(_ id: String) async throws -> LoopbackReply {
        let symbol = try await simSymbol(id)
        guard let filters = try await services.exchange.exchangeInfo()[symbol], let row = try await productJSON(symbol, filters: filters) else {
            throw Self.notFound("product \(id) not found")
        }
        return .ok(row)
    }

    /// Candles of `id`, newest first. The sim's market runs on its data's timeline, not the wall
    /// clock: a window that ends at or after the server's now asks for the latest candles (as
    /// many as the window holds); an older window is answered by its bounds on that timeline.
    private func candles(_ id: String, _ request: CoinbaseLoopbackRequest) async throws -> LoopbackReply {
        let symbol = try await simSymbol(id)
        let seconds: [String: (String, Int64)] = ["ONE_MINUTE": ("1m", 60), "FIVE_MINUTE": ("5m", 300), "FIFTEEN_MINUTE": ("15m", 900),
                                                  "THIRTY_MINUTE": ("30m", 1800), "ONE_HOUR": ("1h", 3600), "TWO_HOUR": ("2h", 7200),
                                                  "SIX_HOUR": ("6h", 21_600), "ONE_DAY": ("1d", 86_400)]
        guard let granularity = request.query.value(of: "granularity"), let (interval, length) = seconds[granularity] else {
            throw Self.invalid("granularity must be one of \(seconds.keys.sorted().joined(separator: ", "))")
        }
        guard let start = request.query.value(of: "start").flatMap({ Int64($0) }), let end = request.query.value(of: "end").flatMap({ Int64($0) }),
              end > start else {
            throw Self.invalid("start and end must be UNIX seconds with start < end")
        }
        let count = Int((end - start) / length)
        guard count <= 350 else { throw Self.invalid("number of candles requested should be less than 350") }
        var bars: [Bar]
        do {
            bars = try await services.exchange.klines(symbol: symbol, interval: interval, limit: 1500)
        } catch {
            // Five-minute candles of one-minute data: built as the candles channel builds them.
            guard interval == "5m" else { throw Self.invalid("granularity \(granularity) is not available for \(id)") }
            let length = await services.exchange.barIntervalMs(symbol: symbol)
            guard let shorter = try? await services.exchange.klines(symbol: symbol, interval: length == 60_000 ? "1m" : "", limit: 1500) else {
                throw Self.invalid("granularity \(granularity) is not available for \(id)")
            }
            bars = CandleBuckets.aggregate(shorter, lengthMs: length)
        }
        let now = await services.state.serverTimeMs() / 1000
        let selected = end >= now - length
            ? Array(bars.suffix(max(1, count)))
            : bars.filter { $0.openTimeMs / 1000 >= start && $0.openTimeMs / 1000 < end }
        return .ok(.object([("candles", .array(selected.reversed().map { CoinbasePayloads.candle($0) }))]))
    }

    private func productBook(_ request: CoinbaseLoopbackRequest) async throws -> LoopbackReply {
        guard let id = request.query.value(of: "product_id") else { throw Self.invalid("product_id is required") }
        let symbol = try await simSymbol(id)
        let limit = min(500, max(1, Int(request.query.value(of: "limit") ?? "") ?? 50))
        let depth = try await services.exchange.depth(symbol: symbol, limit: limit)
        let now = await services.exchange.nowMs
        let top = try await services.exchange.bookTicker(symbol: symbol)
        let mid = (top.bidPrice + top.askPrice) / 2
        let spreadBps = mid > 0 ? (top.askPrice - top.bidPrice) / mid * 10_000 : 0
        return .ok(.object([
            ("pricebook", CoinbasePayloads.pricebook(productId: id, bids: depth.bids, asks: depth.asks, timeMs: now)),
            ("last", .decimal(mid)), ("mid_market", .decimal(mid)), ("spread_bps", .decimal(spreadBps.rounded(toMultipleOf: 0.000001, .nearest))),
            ("spread_absolute", .decimal(top.askPrice - top.bidPrice)),
        ]))
    }

    private func bestBidAsk(_ request: CoinbaseLoopbackRequest) async throws -> LoopbackReply {
        var ids = request.values("product_ids")
        if ids.isEmpty { ids = try await services.exchange.exchangeInfo().keys.sorted().compactMap { CoinbaseLoopbackProducts.productId(simSymbol: $0) } }
        let now = await services.exchange.nowMs
        var books: [JSON] = []
        for id in ids {
            guard let symbol = CoinbaseLoopbackProducts.simSymbol(productId: id), let top = try? await services.exchange.bookTicker(symbol: symbol) else {
                continue
            }
            books.append(CoinbasePayloads.pricebook(productId: id, bids: [PriceLevel(price: top.bidPrice, quantity: top.bidQuantity)],
                                                    asks: [PriceLevel(price: top.askPrice, quantity: top.askQuantity)], timeMs: now))
        }
        return .ok(.object([("pricebooks", .array(books))]))
    }

    // MARK: Accounts

    private func accountRows() async throws -> [JSON] {
        let balances = try await services.broker.balances()
        var rows = [CoinbasePayloads.account(currency: "USD", available: balances.usdAvailable, hold: balances.usdHold)]
        for (currency, balance) in balances.base.sorted(by: { $0.key < $1.key }) {
            rows.append(CoinbasePayloads.account(currency: currency, available: balance.available, hold: balance.hold))
        }
        return rows
    }

    private func accounts() async throws -> LoopbackReply {
        let rows = try await accountRows()
        return .ok(.object([("accounts", .array(rows)), ("has_next", .bool(false)), ("cursor", .string("")), ("size", .int(Int64(rows.count)))]))
    }

    private func account(_ uuid: String) async throws -> LoopbackReply {
        for row in try await accountRows() {
            if case .object(let members) = row, case .string(uuid)? = members.first(where: { $0.0 == "uuid" })?.1 {
                return .ok(.object([("account", row)]))
            }
        }
        throw Self.notFound("account \(uuid) not found")
    }

    // MARK: Orders

    private func failure(_ refusal: CoinbaseLoopbackBroker.Refusal, orderId: String = "") -> LoopbackReply {
        if refusal.httpStatus != 200 {
            return LoopbackReply(status: refusal.httpStatus, body: CoinbasePayloads.error("INVALID_ARGUMENT", refusal.message))
        }
        let preview = refusal.reason.hasPrefix("PREVIEW_") ? refusal.reason : "UNKNOWN_PREVIEW_FAILURE_REASON"
        let newOrder = refusal.reason.hasPrefix("PREVIEW_") ? "UNKNOWN_FAILURE_REASON" : refusal.reason
        return .ok(.object([
            ("success", .bool(false)), ("failure_reason", .string(refusal.reason)), ("order_id", .string(orderId)),
            ("success_response", .null),
            ("error_response", .object([("error", .string("UNKNOWN_FAILURE_REASON")), ("message", .string(refusal.message)),
                                        ("error_details", .string("")), ("preview_failure_reason", .string(preview)),
                                        ("new_order_failure_reason", .string(newOrder))])),
            ("order_configuration", .object([])),
        ]))
    }

    private func createOrder(_ request: CoinbaseLoopbackRequest) async -> LoopbackReply {
        guard let body = request.json() else { return LoopbackReply(status: 400, body: CoinbasePayloads.error("INVALID_ARGUMENT", "the body is not a JSON object")) }
        guard let clientOrderId = body["client_order_id"] as? String, !clientOrderId.isEmpty, clientOrderId.count <= 128 else {
            return LoopbackReply(status: 400, body: CoinbasePayloads.error("INVALID_ARGUMENT", "client_order_id is required"))
        }
        // Coinbase creates one order per client order id, ever: a second is refused, naming the first.
        if let existing = await services.orders.orderId(clientOrderId: clientOrderId) {
            await services.state.recordRejection(code: 409)
            return failure(.init(reason: "DUPLICATE_CLIENT_ORDER_ID", message: "Duplicate client order id"), orderId: existing)
        }
        let plan: CoinbaseLoopbackBroker.Plan
        do {
            plan = try await services.broker.plan(body, clientOrderId: clientOrderId)
            try await services.broker.checkFunds(plan)
        } catch {
            await services.state.recordRejection(code: 400)
            return failure(error)
        }
        guard let productId = CoinbaseLoopbackProducts.productId(simSymbol: plan.request.symbol) else {
            return failure(.init(reason: "INVALID_PRODUCT_ID", message: "Invalid product_id"))
        }
        let entry = CoinbaseLoopbackOrders.Entry(orderId: "", clientOrderId: clientOrderId, productId: productId,
                                                 simSymbol: plan.request.symbol, side: plan.request.side.rawValue,
                                                 configurationKey: plan.configurationKey, configuration: plan.configuration,
                                                 createdAtMs: await services.state.serverTimeMs())
        guard await services.orders.reserve(entry) else {
            return failure(.init(reason: "DUPLICATE_CLIENT_ORDER_ID", message: "Duplicate client order id"))
        }
        let placed: VenueOrder
        do {
            placed = try await services.exchange.placeOrder(plan.request)
        } catch {
            await services.orders.release(clientOrderId: clientOrderId)
            await services.state.recordRejection(code: 400)
            if error.isPostOnlyRefusal { return failure(.init(reason: "INVALID_LIMIT_PRICE_POST_ONLY", message: "Post only limit order would cross the order book")) }
            if case .triggerAlreadyPassed = error {
                return failure(.init(reason: "PREVIEW_STOP_PRICE_ABOVE_LAST_TRADE_PRICE", message: "Stop price would trigger immediately"))
            }
            return failure(.init(reason: "UNKNOWN_FAILURE_REASON", message: "\(error)"))
        }
        await services.orders.confirm(clientOrderId: clientOrderId, orderId: placed.orderId)
        await services.state.recordOrder(orderId: Int64(placed.orderId) ?? 0, details: LoopbackOrderDetails(
            symbol: productId, clientOrderId: clientOrderId, timeInForce: CoinbasePayloads.timeInForce(plan.configurationKey),
            stopPrice: plan.request.stopPrice, reduceOnly: false, createdAtMs: await services.exchange.nowMs))
        services.logger.info("coinbase loopback: order created", metadata: ["clientOrderId": "\(clientOrderId)", "orderId": "\(placed.orderId)"])
        return .ok(.object([
            ("success", .bool(true)), ("failure_reason", .string("UNKNOWN_FAILURE_REASON")), ("order_id", .string(placed.orderId)),
            ("success_response", .object([("order_id", .string(placed.orderId)), ("product_id", .string(productId)),
                                          ("side", .string(plan.request.side.rawValue)), ("client_order_id", .string(clientOrderId))])),
            ("order_configuration", .object([(plan.configurationKey, .object(plan.configuration))])),
        ]))
    }

    private func previewOrder(_ request: CoinbaseLoopbackRequest) async -> LoopbackReply {
        guard let body = request.json() else { return LoopbackReply(status: 400, body: CoinbasePayloads.error("INVALID_ARGUMENT", "the body is not a JSON object")) }
        let plan: CoinbaseLoopbackBroker.Plan
        do {
            plan = try await services.broker.plan(body, clientOrderId: "preview")
        } catch {
            return failure(error)
        }
        var errors: [JSON] = []
        do {
            try await services.broker.checkFunds(plan)
        } catch {
            errors.append(.string("PREVIEW_\(error.reason)"))
        }
        let value = plan.quoteSize ?? plan.request.quantity * plan.checkPrice
        let commission = value * Decimal(services.broker.takerFeeBps) / 10_000
        let top = try? await services.exchange.bookTicker(symbol: plan.request.symbol)
        return .ok(.object([
            ("order_total", .decimal((plan.request.side == .buy ? value + commission : value - commission).rounded(toMultipleOf: 0.01, .nearest))),
            ("commission_total", .decimal(commission.rounded(toMultipleOf: 0.01, .up))), ("errs", .array(errors)), ("warning", .array([])),
            ("quote_size", .decimal(value.rounded(toMultipleOf: 0.01, .nearest))), ("base_size", .decimal(plan.request.quantity)),
            ("best_bid", .decimal(top?.bidPrice ?? 0)), ("best_ask", .decimal(top?.askPrice ?? 0)), ("is_max", .bool(false)),
            ("preview_id", .string(UUID().uuidString.lowercased())),
        ]))
    }

    private func orderJSON(_ entry: CoinbaseLoopbackOrders.Entry) async throws -> (JSON, VenueOrder) {
        let order = try await services.exchange.queryOrder(symbol: entry.simSymbol, clientOrderId: entry.clientOrderId)
        let (fees, fills) = await services.broker.feesAndFills(order)
        return (CoinbasePayloads.order(entry, order, fees: fees, fills: fills), order)
    }

    private func getOrder(_ id: String) async throws -> LoopbackReply {
        guard let entry = await services.orders.entry(orderId: id) else { throw Self.notFound("order \(id) not found") }
        return .ok(.object([("order", try await orderJSON(entry).0)]))
    }

    private func listOrders(_ request: CoinbaseLoopbackRequest) async throws -> LoopbackReply {
        let products = Set(request.values("product_ids"))
        let statuses = Set(request.values("order_status"))
        let ids = Set(request.values("order_ids"))
        let since = request.query.value(of: "start_date").flatMap(UTCTime.parse)
        let limit = min(1000, max(1, Int(request.query.value(of: "limit") ?? "") ?? 100))
        var rows: [JSON] = []
        for entry in await services.orders.all().reversed() {
            guard products.isEmpty || products.contains(entry.productId), ids.isEmpty || ids.contains(entry.orderId),
                  since.map({ entry.createdAtMs >= $0 }) ?? true else { continue }
            let (json, order) = try await orderJSON(entry)
            guard statuses.isEmpty || statuses.contains(CoinbasePayloads.status(order.status)) else { continue }
            rows.append(json)
            if rows.count == limit { break }
        }
        return .ok(.object([("orders", .array(rows)), ("sequence", .string("0")), ("has_next", .bool(false)), ("cursor", .string(""))]))
    }

    private func listFills(_ request: CoinbaseLoopbackRequest) async throws -> LoopbackReply {
        let products = request.values("product_ids")
        let ids = Set(request.values("order_ids"))
        let since = request.query.value(of: "start_sequence_timestamp").flatMap(UTCTime.parse) ?? 0
        var symbols: [String] = products.compactMap(CoinbaseLoopbackProducts.simSymbol)
        if symbols.isEmpty {
            symbols = ids.isEmpty ? try await services.exchange.exchangeInfo().keys.sorted()
                : await services.orders.all().filter { ids.contains($0.orderId) }.map(\.simSymbol)
        }
        var rows: [(Int64, JSON)] = []
        for symbol in Set(symbols).sorted() {
            guard let productId = CoinbaseLoopbackProducts.productId(simSymbol: symbol) else { continue }
            for fill in try await services.exchange.userTrades(symbol: symbol, sinceMs: since) where ids.isEmpty || ids.contains(fill.orderId) {
                rows.append((fill.timeMs, CoinbasePayloads.fill(fill, productId: productId)))
            }
        }
        rows.sort { $0.0 > $1.0 }
        return .ok(.object([("fills", .array(rows.map(\.1))), ("cursor", .string(""))]))
    }

    private func batchCancel(_ request: CoinbaseLoopbackRequest) async -> LoopbackReply {
        guard let ids = request.json()?["order_ids"] as? [String], !ids.isEmpty else {
            return LoopbackReply(status: 400, body: CoinbasePayloads.error("INVALID_ARGUMENT", "order_ids is required"))
        }
        var results: [JSON] = []
        for id in ids {
            var success = false
            var reason = "UNKNOWN_CANCEL_ORDER"
            if let entry = await services.orders.entry(orderId: id) {
                do {
                    _ = try await services.exchange.cancelOrder(symbol: entry.simSymbol, clientOrderId: entry.clientOrderId)
                    success = true
                    reason = "UNKNOWN_CANCEL_FAILURE_REASON"
                } catch {
                    reason = "UNKNOWN_CANCEL_ORDER"
                }
            }
            results.append(.object([("success", .bool(success)), ("failure_reason", .string(reason)), ("order_id", .string(id))]))
        }
        return .ok(.object([("results", .array(results))]))
    }
}
