import AsyncHTTPClient
import Foundation
import HedgeCore
import Logging
import Synchronization

/// Binance USD-M futures behind `ExchangeClient`: REST through `BinanceRESTClient`, market and
/// user data over reconnecting WebSockets (`VenueSocketLoop`).
///
/// Orders:
/// - every order carries the caller's `clientOrderId` as `newClientOrderId`;
/// - when the outcome of a placement is unknown (timeout, 5xx), the order is queried by that id
///   before anything is sent again, so a retry never creates a second order (`placeOrder`);
/// - in `dryRun` no order endpoint is ever called: the request that would have been sent is
///   logged, signature redacted, and the call fails with `notAllowed`.
public struct BinanceUSDMClient: ExchangeClient {
    /// Whether order endpoints may be called.
    public enum OrderPolicy: Sendable { case dryRun, send }

    public var venueName: String { "binance" }
    public let rest: BinanceRESTClient
    public let streamBaseURL: String
    public let orderPolicy: OrderPolicy
    let settings: BinanceSettings
    let clock: any Clock<Duration>
    let logger: Logger
    let stats = VenueStreamStats()
    /// Market events dropped because the consumer fell behind.
    let drops = DropCounter()
    /// Market messages that could not be read (skipped; logged on the first and every 1 000th).
    let skips = DropCounter()
    /// How many market events a slow consumer may fall behind before the oldest are dropped.
    let marketBufferSize: Int
    /// Kline interval of the market stream (`1m`).
    public let barInterval: String

    /// - Parameters:
    ///   - restURL, streamURL: base URLs (`BinanceSettings.endpoints(for:)`, or the loopback venue's).
    ///   - http: owned by the caller, who shuts it down after the client is done.
    public init(restURL: String, streamURL: String, credentials: BinanceCredentials?, orderPolicy: OrderPolicy,
                settings: BinanceSettings, http: HTTPClient, clock: any Clock<Duration> = ContinuousClock(),
                wallClockMs: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
                marketBufferSize: Int = 1024, barInterval: String = "1m", logger: Logger = Logger(label: "hedge.exchange.binance")) {
        rest = BinanceRESTClient(baseURL: restURL, credentials: credentials, settings: settings, http: http, clock: clock,
                                 wallClockMs: wallClockMs, logger: logger)
        streamBaseURL = streamURL.hasSuffix("/") ? String(streamURL.dropLast()) : streamURL
        self.orderPolicy = orderPolicy
        self.settings = settings
        self.clock = clock
        self.marketBufferSize = max(1, marketBufferSize)
        self.barInterval = barInterval
        self.logger = logger
    }

    /// An HTTP client configured for exchange traffic: the connect timeout from settings, and a
    /// read timeout that only backs up the request timeout the REST client enforces on its own
    /// clock (`BinanceRESTClient`), so it never fires first.
    public static func makeHTTPClient(settings: BinanceSettings) -> HTTPClient {
        VenueHTTP.makeClient(connectTimeout: settings.connectTimeout, requestTimeout: settings.requestTimeout)
    }

    /// Measures the clock offset and adopts the published rate limits; call before trading.
    public func prepare() async throws(ExchangeError) {
        try await rest.syncTime()
        let info = try await exchangeInfoWire()
        await rest.setLimits(info.limits)
    }

    public var droppedMarketEvents: Int { drops.value }

    /// REST health plus stream reconnects.
    public func health() async -> VenueHealth {
        var health = await rest.health()
        health.reconnects = stats.snapshot
        health.unreadableMessages = skips.value
        return health
    }

    // MARK: Reference and market data

    public func exchangeInfo() async throws(ExchangeError) -> [String: VenueFilters] {
        try await exchangeInfoWire().venueFilters()
    }

    func exchangeInfoWire() async throws(ExchangeError) -> BinanceWire.ExchangeInfo {
        let data = try await rest.send(.exchangeInfo, BinanceQuery(), context: "GET /fapi/v1/exchangeInfo")
        return try WireDecoding.decode(BinanceWire.ExchangeInfo.self, from: data, context: "GET /fapi/v1/exchangeInfo")
    }

    public func klines(symbol: String, interval: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        let context = "GET /fapi/v1/klines \(symbol)"
        let data = try await rest.send(.klines(limit: limit), BinanceQuery([("symbol", symbol), ("interval", interval), ("limit", String(limit))]),
                                       context: context, symbol: symbol)
        let rows = try WireDecoding.decode([BinanceWire.Kline].self, from: data, context: context)
        var bars: [Bar] = []
        bars.reserveCapacity(rows.count)
        let now = await rest.venueNowMs()
        // The last row is the bar still forming; only closed bars are returned.
        for row in rows where row.closeTime < now { bars.append(try row.bar(context: context)) }
        return bars
    }

    public func recentBars(symbol: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        try await klines(symbol: symbol, interval: barInterval, limit: limit)
    }

    public func bookTicker(symbol: String) async throws(ExchangeError) -> BookTop {
        let context = "GET /fapi/v1/ticker/bookTicker \(symbol)"
        let data = try await rest.send(.bookTicker, BinanceQuery([("symbol", symbol)]), context: context, symbol: symbol)
        return try WireDecoding.decode(BinanceWire.BookTicker.self, from: data, context: context).bookTop(context: context)
    }

    /// The order book's best `limit` levels each side (price, quantity), best first.
    public func depth(symbol: String, limit: Int) async throws(ExchangeError) -> OrderBookDepth {
        let context = "GET /fapi/v1/depth \(symbol)"
        let data = try await rest.send(.depth(limit: limit), BinanceQuery([("symbol", symbol), ("limit", String(limit))]),
                                       context: context, symbol: symbol)
        let depth = try WireDecoding.decode(BinanceWire.Depth.self, from: data, context: context)
        func levels(_ rows: [[String]], _ side: String) throws(ExchangeError) -> [PriceLevel] {
            var out: [PriceLevel] = []
            for row in rows {
                guard row.count >= 2 else { throw .malformedResponse("\(context): \(side) level has \(row.count) fields") }
                out.append(PriceLevel(price: try WireDecoding.decimal(row[0], field: side, context: context),
                                      quantity: try WireDecoding.decimal(row[1], field: side, context: context)))
            }
            return out
        }
        return OrderBookDepth(bids: try levels(depth.bids, "bids"), asks: try levels(depth.asks, "asks"))
    }

    public func quoteVolume24h(symbol: String) async throws(ExchangeError) -> Double {
        let context = "GET /fapi/v1/ticker/24hr \(symbol)"
        let data = try await rest.send(.ticker24hr, BinanceQuery([("symbol", symbol)]), context: context, symbol: symbol)
        let ticker = try WireDecoding.decode(BinanceWire.Ticker24hr.self, from: data, context: context)
        let volume = try WireDecoding.decimal(ticker.quoteVolume, field: "quoteVolume", context: context)
        guard volume >= 0 else { throw .malformedResponse("\(context): quoteVolume \(ticker.quoteVolume) is negative") }
        return volume.analyticsDouble
    }

    public func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice {
        let context = "GET /fapi/v1/premiumIndex \(symbol)"
        let data = try await rest.send(.premiumIndex, BinanceQuery([("symbol", symbol)]), context: context, symbol: symbol)
        return try WireDecoding.decode(BinanceWire.PremiumIndex.self, from: data, context: context).markPrice(context: context)
    }

    // MARK: Account

    public func account() async throws(ExchangeError) -> AccountSnapshot {
        let context = "GET /fapi/v2/account"
        let data = try await rest.send(.account, BinanceQuery(), context: context)
        return try WireDecoding.decode(BinanceWire.Account.self, from: data, context: context)
            .snapshot(timeMs: await rest.venueNowMs(), context: context)
    }

    public func positions() async throws(ExchangeError) -> [VenuePosition] {
        let context = "GET /fapi/v2/positionRisk"
        let data = try await rest.send(.positionRisk, BinanceQuery(), context: context)
        var positions: [VenuePosition] = []
        for row in try WireDecoding.decode([BinanceWire.PositionRisk].self, from: data, context: context) {
            if let position = try row.position(context: context) { positions.append(position) }
        }
        return positions
    }

    /// `POST /fapi/v1/leverage`. In dry-run nothing on the venue is changed: the symbol's current
    /// leverage is read instead (`positionRisk`), so risk checks what a real order would get.
    public func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> Int {
        guard orderPolicy == .send else { return try await currentLeverage(symbol: symbol) }
        let context = "POST /fapi/v1/leverage \(symbol)"
        let data = try await rest.send(.changeLeverage, BinanceQuery([("symbol", symbol), ("leverage", String(leverage))]),
                                       context: context, symbol: symbol)
        let answer = try WireDecoding.decode(BinanceWire.LeverageChange.self, from: data, context: context)
        guard answer.symbol == symbol, (1...125).contains(answer.leverage) else {
            throw .malformedResponse("\(context): leverage \(answer.leverage) for \(answer.symbol)")
        }
        return answer.leverage
    }

    /// The symbol's leverage setting as `positionRisk` reports it.
    func currentLeverage(symbol: String) async throws(ExchangeError) -> Int {
        let context = "GET /fapi/v2/positionRisk \(symbol)"
        let data = try await rest.send(.positionRisk, BinanceQuery([("symbol", symbol)]), context: context, symbol: symbol)
        let rows = try WireDecoding.decode([BinanceWire.PositionRisk].self, from: data, context: context)
        guard let text = rows.first(where: { $0.symbol == symbol })?.leverage, let leverage = Int(text), (1...125).contains(leverage) else {
            throw .malformedResponse("\(context): no leverage between 1 and 125 for \(symbol)")
        }
        return leverage
    }

    /// Whether the account is in hedge mode (`dualSidePosition`).
    public func isHedgeMode() async throws(ExchangeError) -> Bool {
        let context = "GET /fapi/v1/positionSide/dual"
        let data = try await rest.send(.positionMode, BinanceQuery(), context: context)
        return try WireDecoding.decode(BinanceWire.PositionMode.self, from: data, context: context).dualSidePosition
    }

    public func openOrders(symbol: String?) async throws(ExchangeError) -> [VenueOrder] {
        let context = "GET /fapi/v1/openOrders"
        var query = BinanceQuery()
        query.append("symbol", symbol)
        let data = try await rest.send(.openOrders(allSymbols: symbol == nil), query, context: context, symbol: symbol)
        return try orders(from: data, context: context)
    }

    /// Every order of `symbol` the venue still lists (open and recent finished ones).
    public func allOrders(symbol: String, limit: Int = 500) async throws(ExchangeError) -> [VenueOrder] {
        let context = "GET /fapi/v1/allOrders \(symbol)"
        let data = try await rest.send(.allOrders, BinanceQuery([("symbol", symbol), ("limit", String(limit))]), context: context, symbol: symbol)
        return try orders(from: data, context: context)
    }

    private func orders(from data: Data, context: String) throws(ExchangeError) -> [VenueOrder] {
        var orders: [VenueOrder] = []
        for row in try WireDecoding.decode([BinanceWire.Order].self, from: data, context: context) {
            // Orders of types Hedge never places (an operator's trailing stop) are not Hedge's to manage.
            guard VenueOrderType(rawValue: row.origType ?? row.type) != nil else { continue }
            orders.append(try row.venueOrder(context: context))
        }
        return orders
    }

    public func userTrades(symbol: String, sinceMs: Int64) async throws(ExchangeError) -> [VenueFill] {
        let context = "GET /fapi/v1/userTrades \(symbol)"
        let data = try await rest.send(.userTrades, BinanceQuery([("symbol", symbol), ("startTime", String(sinceMs)), ("limit", "1000")]),
                                       context: context, symbol: symbol)
        return try WireDecoding.decode([BinanceWire.UserTrade].self, from: data, context: context).map { (row) throws(ExchangeError) in
            try row.venueFill(clientOrderId: "", context: context)
        }
    }

    // MARK: Orders

    public func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        let query = Self.orderQuery(request)
        guard orderPolicy == .send else {
            let redacted = await rest.redactedRequest(.newOrder, query)
            logger.notice("dry-run: order not sent", metadata: ["request": "\(redacted)"])
            throw .notAllowed("dry-run never sends orders")
        }
        do {
            return try await submit(query, request)
        } catch let error where error.outcomeUnknown {
            return try await resolveUnknownOutcome(of: request, query: query, cause: error)
        } catch .duplicateOrder {
            // The venue already has this id: a previous attempt landed. Report that order.
            await rest.countRetry("duplicate_id")
            return try await queryOrder(symbol: request.symbol, clientOrderId: request.clientOrderId)
        }
    }

    /// The outcome of a placement is unknown: ask the venue for the order by its client id; if it
    /// exists, that is the answer; if the venue does not know it, the first attempt never landed
    /// and it is sent again with the same id (a duplicate id would be refused, so even a late
    /// landing cannot make two working orders). At most three rounds.
    ///
    /// Only for an order that would rest (a limit order good till cancelled or post-only): Binance
    /// refuses a duplicate client id among *working* orders only, so a market or IOC order that
    /// landed late and already finished would not stop a resend with the same id from trading
    /// twice. Such an order is never re-sent: see `resolveWithoutResend`.
    private func resolveUnknownOutcome(of request: VenueOrderRequest, query: BinanceQuery, cause: ExchangeError) async throws(ExchangeError) -> VenueOrder {
        guard Self.wouldRest(request) else { return try await resolveWithoutResend(request, cause: cause) }
        var lastError = cause
        for round in 1...3 {
            await rest.countRetry("unknown_outcome")
            logger.warning("order outcome unknown; querying by client order id before any resend",
                           metadata: ["clientOrderId": "\(request.clientOrderId)", "error": "\(lastError)", "round": "\(round)"])
            do {
                try await clock.sleep(for: .milliseconds(200 * Int64(round)))
            } catch {
                throw lastError
            }
            do {
                return try await queryOrder(symbol: request.symbol, clientOrderId: request.clientOrderId)
            } catch .unknownOrder {
                do {
                    return try await submit(query, request)
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

    /// Whether `request` stays on the book as a working order when it does not fill at once.
    static func wouldRest(_ request: VenueOrderRequest) -> Bool {
        request.type == .limit && request.timeInForce != .ioc
    }

    /// The outcome of a market (or IOC) placement is unknown: it is asked for by its client id,
    /// with pauses, for at least the request's `recvWindow` (past it the venue no longer accepts
    /// that request), and never sent again. Found: that is the answer. Still unknown to the
    /// venue after the window: it never landed (`unknownOrder`). Still unanswerable: the cause
    /// stands, and the caller's order stays unresolved until a later query or the user stream.
    private func resolveWithoutResend(_ request: VenueOrderRequest, cause: ExchangeError) async throws(ExchangeError) -> VenueOrder {
        var lastError = cause
        var waitedMs: Int64 = 0
        var round: Int64 = 0
        var notFound = false
        let windowMs = Int64(rest.settings.recvWindowMs)
        while waitedMs < windowMs + 1_000 {
            round += 1
            await rest.countRetry("unknown_outcome")
            logger.warning("order outcome unknown; querying by client order id (never re-sent: it would not rest on the book)",
                           metadata: ["clientOrderId": "\(request.clientOrderId)", "type": "\(request.type.rawValue)",
                                      "error": "\(lastError)", "round": "\(round)"])
            let pause = min(200 * round, 2_000)
            do {
                try await clock.sleep(for: .milliseconds(pause))
            } catch {
                throw lastError
            }
            waitedMs += pause
            do {
                return try await queryOrder(symbol: request.symbol, clientOrderId: request.clientOrderId)
            } catch .unknownOrder {
                notFound = true
            } catch let error where error.outcomeUnknown {
                notFound = false
                lastError = error
            }
        }
        if notFound { throw .unknownOrder(clientOrderId: request.clientOrderId) }
        throw lastError
    }

    private func submit(_ query: BinanceQuery, _ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        let context = "POST /fapi/v1/order \(request.clientOrderId)"
        let data = try await rest.send(.newOrder, query, context: context, clientOrderId: request.clientOrderId, symbol: request.symbol)
        return try WireDecoding.decode(BinanceWire.Order.self, from: data, context: context).venueOrder(context: context)
    }

    public func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        let query = BinanceQuery([("symbol", symbol), ("origClientOrderId", clientOrderId)])
        guard orderPolicy == .send else {
            let redacted = await rest.redactedRequest(.cancelOrder, query)
            logger.notice("dry-run: cancel not sent", metadata: ["request": "\(redacted)"])
            throw .notAllowed("dry-run never sends orders")
        }
        let context = "DELETE /fapi/v1/order \(clientOrderId)"
        let data = try await rest.send(.cancelOrder, query, context: context, clientOrderId: clientOrderId, symbol: symbol)
        return try WireDecoding.decode(BinanceWire.Order.self, from: data, context: context).venueOrder(context: context)
    }

    public func queryOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        let context = "GET /fapi/v1/order \(clientOrderId)"
        let data = try await rest.send(.queryOrder, BinanceQuery([("symbol", symbol), ("origClientOrderId", clientOrderId)]),
                                       context: context, clientOrderId: clientOrderId, symbol: symbol)
        return try WireDecoding.decode(BinanceWire.Order.self, from: data, context: context).venueOrder(context: context)
    }

    /// The `POST /fapi/v1/order` parameters of `request`, in a fixed order.
    static func orderQuery(_ request: VenueOrderRequest) -> BinanceQuery {
        var query = BinanceQuery([("symbol", request.symbol), ("side", request.side.rawValue)])
        query.append("positionSide", request.positionSide?.rawValue)
        query.append("type", request.type.rawValue)
        query.append("quantity", request.quantity.venueString)
        query.append("price", request.price?.venueString)
        query.append("stopPrice", request.stopPrice?.venueString)
        // Protective triggers follow the mark price, not the last trade: one print on a thin book
        // must not stop the position out.
        if request.type == .stopMarket || request.type == .takeProfitMarket { query.append("workingType", "MARK_PRICE") }
        if request.type == .limit { query.append("timeInForce", (request.timeInForce ?? .gtc).rawValue) }
        // reduceOnly is refused in hedge mode (the leg already says what the order does).
        if request.reduceOnly, request.positionSide == nil { query.append("reduceOnly", "true") }
        query.append("newClientOrderId", request.clientOrderId)
        query.append("newOrderRespType", "RESULT")
        return query
    }
}

/// A counter shared by a stream's producer and `droppedMarketEvents`.
final class DropCounter: Sendable {
    private let count = Mutex(0)
    /// Adds `n` and returns the new total.
    @discardableResult
    func add(_ n: Int = 1) -> Int { count.withLock { $0 += n; return $0 } }
    var value: Int { count.withLock { $0 } }
}
