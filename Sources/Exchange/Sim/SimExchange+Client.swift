import Foundation
import HedgeCore
import Logging

/// The `ExchangeClient` calls of the simulated venue. Each call first meets its faults (delay,
/// then failure; see `SimFaults`), then answers from the engine and the journal.
extension SimExchange {
    public func exchangeInfo() async throws(ExchangeError) -> [String: VenueFilters] {
        try await enter(.exchangeInfo)
        return filters
    }

    /// The latest `limit` bars replayed so far (at most `klineHistoryLimit`). The sim serves the
    /// interval it replays only; another interval is `.notAllowed`.
    public func klines(symbol: String, interval: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        try await enter(.klines)
        guard let market = markets[symbol] else { throw .unknownSymbol(symbol) }
        guard MarketDataFile.intervalMs(Substring(interval)) == market.barIntervalMs else {
            throw .notAllowed("sim replays \(symbol) in \(market.barIntervalMs) ms bars; klines asked for \(interval)")
        }
        return Array(market.bars.elements.suffix(max(0, limit)))
    }

    /// The latest `limit` bars replayed so far, at the interval the sim replays; none for a
    /// symbol it has not replayed a bar of yet (a fresh paper start has no history to warm up from).
    public func recentBars(symbol: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        try await enter(.klines)
        guard let market = markets[symbol] else { return [] }
        return Array(market.bars.elements.suffix(max(0, limit)))
    }

    /// The book quoted around the last close (`SimExchangeConfiguration.halfSpreadBps`).
    public func bookTicker(symbol: String) async throws(ExchangeError) -> BookTop {
        try await enter(.bookTicker)
        guard let book = markets[symbol]?.book else { throw noMarket(symbol) }
        return book
    }

    /// One level each side at the quoted touch, sized by what the last hour's bars would fill on
    /// average (participation × mean volume): the size the sim lets an order take. The touch's own
    /// size follows the last bar only, and one quiet minute must not make a symbol look illiquid
    /// for a whole universe interval.
    public func depth(symbol: String, limit: Int) async throws(ExchangeError) -> OrderBookDepth {
        try await enter(.bookTicker)
        guard let market = markets[symbol], let book = market.book else { throw noMarket(symbol) }
        let quantity = SimMarketModel.depthQuantity(market.liquidity, participation: participation, book: book)
        return OrderBookDepth(bids: [PriceLevel(price: book.bidPrice, quantity: quantity)],
                              asks: [PriceLevel(price: book.askPrice, quantity: quantity)])
    }

    /// The traded value (close × volume) of the bars replayed in the last 24 h of market time.
    /// A replay that has less than a day behind it (every start) reports the day's value
    /// extrapolated from what it has, as a rolling 24 h window on a real venue always covers a day.
    public func quoteVolume24h(symbol: String) async throws(ExchangeError) -> Double {
        try await enter(.klines)
        guard let value = markets[symbol]?.liquidity.quoteVolume24h else { throw noMarket(symbol) }
        return value
    }

    /// Mark = last close; the funding rate and time are the next settlement's in the symbol's
    /// series (rate 0 and time 0 without one).
    public func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice {
        try await enter(.markPrice)
        guard let last = engine.lastPrice(symbol), let mark = Decimal(shortestRepresentationOf: last) else { throw noMarket(symbol) }
        let next = funding[symbol]?.rates(fromMs: nowMs + 1, toMs: .max).first
        return MarkPrice(symbol: symbol, markPrice: mark, fundingRate: next?.rate ?? 0,
                         nextFundingTimeMs: next?.timeMs ?? 0, timeMs: nowMs)
    }

    /// NAV = wallet + unrealized PnL at last prices (the engine's accounting).
    public func account() async throws(ExchangeError) -> AccountSnapshot {
        try await enter(.account)
        return accountSnapshot()
    }

    /// Open legs, sorted by symbol then side, marked at the last close.
    public func positions() async throws(ExchangeError) -> [VenuePosition] {
        try await enter(.positions)
        return engine.openLegs.map { symbol, leg in
            let mark = engine.lastPrice(symbol) ?? leg.entryPrice
            return VenuePosition(
                symbol: symbol, side: leg.side, quantity: SimOrderJournal.decimal(leg.quantity, onGrid: filters[symbol]?.lot.stepSize),
                entryPrice: Decimal(shortestRepresentationOf: leg.entryPrice) ?? 0,
                markPrice: Decimal(shortestRepresentationOf: mark) ?? 0,
                unrealizedPnlUSD: leg.unrealizedPnl(at: mark), leverage: leg.leverage)
        }
    }

    /// Working orders from the engine, by symbol, in submission order.
    public func openOrders(symbol: String?) async throws(ExchangeError) -> [VenueOrder] {
        try await enter(.openOrders)
        let symbols = symbol.map { [$0] } ?? Set(markets.keys).union(filters.keys).sorted()
        return symbols.flatMap { engine.openOrders($0).map(journal.venueOrder(for:)) }
    }

    /// Places `request`, checked against the symbol's filters and the quoted book (post-only),
    /// then by the engine (margin). Refusals are `.orderRejected` with Binance's code; a working
    /// order with the same client order id is `.duplicateOrder`. The NEW update goes out on the
    /// user stream before the answer.
    public func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        try await enter(.placeOrder)
        eventRecorder?(.place(request))
        guard let symbolFilters = filters[request.symbol] else { throw .unknownSymbol(request.symbol) }
        let key = SimOrderJournal.Key(symbol: request.symbol, clientOrderId: request.clientOrderId)
        guard !journal.isWorking(key) else { throw .duplicateOrder(clientOrderId: request.clientOrderId) }
        let simRequest = SimExchange.simRequest(from: request)
        let reduces = SimExchange.reduces(request, mode: engine.configuration.positionMode)
        if let reason = SimRejection.check(request, filters: symbolFilters, book: markets[request.symbol]?.book, reduces: reduces) {
            throw rejected(request, reason: reason)
        }
        let events = engine.submit(simRequest, atMs: nowMs)
        guard case .order(let order, let reason)? = events.first else {
            throw .server(status: 500, message: "sim engine answered nothing for \(request.clientOrderId)")
        }
        guard order.status != .rejected else { throw rejected(request, reason: reason ?? "rejected") }
        let accepted = journal.accept(request, as: order, timeMs: nowMs)
        publishUser([.order(accepted, fill: nil)])
        if faults.takeLostResponse(.placeOrder) {
            logger.notice("sim fault: place response lost", metadata: ["symbol": "\(request.symbol)", "clientOrderId": "\(request.clientOrderId)"])
            throw .transport("response lost (sim fault)")
        }
        return accepted
    }

    /// Cancels a working order; an unknown or finished one is `.unknownOrder` (Binance -2011).
    public func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        try await enter(.cancelOrder)
        eventRecorder?(.cancel(symbol: symbol, clientOrderId: clientOrderId))
        let key = SimOrderJournal.Key(symbol: symbol, clientOrderId: clientOrderId)
        guard journal.isWorking(key) else { throw .unknownOrder(clientOrderId: clientOrderId) }
        let events = engine.cancel(clientOrderId: clientOrderId, symbol: symbol)
        let translation = journal.translate(events, filters: filters, timeMs: nowMs)
        publishUser(translation.updates)
        guard !events.isEmpty, let order = journal.order(key) else { throw .unknownOrder(clientOrderId: clientOrderId) }
        if faults.takeLostResponse(.cancelOrder) {
            logger.notice("sim fault: cancel response lost", metadata: ["symbol": "\(symbol)", "clientOrderId": "\(clientOrderId)"])
            throw .transport("response lost (sim fault)")
        }
        return order
    }

    /// The order's latest state, working or finished (the last `orderHistoryLimit` finished ones).
    public func queryOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        try await enter(.queryOrder)
        guard let order = journal.order(SimOrderJournal.Key(symbol: symbol, clientOrderId: clientOrderId)) else {
            throw .unknownOrder(clientOrderId: clientOrderId)
        }
        return order
    }

    /// Fills of `symbol` at or after `sinceMs` among the last `fillHistoryLimit`, oldest first.
    public func userTrades(symbol: String, sinceMs: Int64) async throws(ExchangeError) -> [VenueFill] {
        try await enter(.userTrades)
        return journal.trades(symbol: symbol, sinceMs: sinceMs)
    }

    /// Binance's range (1…125); a symbol the sim has no filters for is unknown, as on the venue.
    public func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> Int {
        try await enter(.setLeverage)
        guard filters[symbol] != nil else { throw .unknownSymbol(symbol) }
        guard (1...125).contains(leverage) else { throw .orderRejected(code: -4028, reason: "Leverage \(leverage) is not valid") }
        engine.setLeverage(Double(leverage), for: symbol)
        return leverage
    }

    /// `symbol`'s leverage setting, as Binance's `positionRisk` reports it for a flat leg too.
    public func leverage(symbol: String) -> Int {
        Int(engine.leverage(for: symbol))
    }

    /// A new market stream of `symbols` (all when empty): `.bar` and `.book` per bar replayed.
    public nonisolated func marketEvents(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error> {
        hub.subscribeMarket(symbols: symbols)
    }

    /// A new user stream: order updates (one per fill or state change) and account updates.
    public nonisolated func userEvents() -> AsyncThrowingStream<UserEvent, any Error> {
        hub.subscribeUser()
    }

    // MARK: Conversions

    /// The engine's request for a venue request: `Decimal` to `Double` through the exact decimal
    /// string (correctly rounded), LIMIT defaulting to GTC as on Binance.
    static func simRequest(from request: VenueOrderRequest) -> SimOrderRequest {
        let type: SimOrderType = switch request.type {
        case .market: .market
        case .limit: .limit(price: double(request.price))
        case .stopMarket: .stopMarket(trigger: double(request.stopPrice))
        case .takeProfitMarket: .takeProfitMarket(trigger: double(request.stopPrice))
        }
        return SimOrderRequest(
            clientOrderId: request.clientOrderId, symbol: request.symbol, side: request.side, type: type,
            quantity: double(request.quantity), timeInForce: request.timeInForce ?? .gtc,
            positionSide: request.positionSide, reduceOnly: request.reduceOnly)
    }

    /// Whether a fill of `request` can only shrink a leg: a SELL on LONG or a BUY on SHORT in
    /// hedge mode, a reduce-only order in one-way mode (the engine's rule).
    static func reduces(_ request: VenueOrderRequest, mode: PositionMode) -> Bool {
        switch mode {
        case .hedge: (request.side == .sell && request.positionSide == .long) || (request.side == .buy && request.positionSide == .short)
        case .oneWay: request.reduceOnly
        }
    }

    /// NaN for a missing or unreadable value, which the checks and the engine refuse.
    private static func double(_ value: Decimal?) -> Double {
        value?.analyticsDouble ?? .nan
    }

    private func rejected(_ request: VenueOrderRequest, reason: String) -> ExchangeError {
        logger.info("sim order rejected", metadata: [
            "symbol": "\(request.symbol)", "clientOrderId": "\(request.clientOrderId)", "reason": "\(reason)"])
        return SimRejection.error(for: reason)
    }

    private func noMarket(_ symbol: String) -> ExchangeError {
        filters[symbol] == nil ? .unknownSymbol(symbol) : .notAllowed("no market data for \(symbol) yet")
    }
}

extension SimExchange {
    /// The length of `symbol`'s bars as replayed, ms (one minute before its first bar).
    public func barIntervalMs(symbol: String) -> Int64 {
        markets[symbol]?.barIntervalMs ?? 60_000
    }
}
