import HedgeCore

/// A venue in front of another: every call goes to `base` unless the conforming type implements
/// it. For wrappers that observe or change one or two calls (the mesh benchmark's timing of order
/// requests, a test venue that fills every order at once) without restating all the others.
public protocol ForwardingExchangeClient: ExchangeClient {
    /// The venue that answers every call the wrapper leaves to it.
    var base: any ExchangeClient { get }
}

extension ForwardingExchangeClient {
    public var venueName: String { base.venueName }
    public func exchangeInfo() async throws(ExchangeError) -> [String: VenueFilters] { try await base.exchangeInfo() }
    public func klines(symbol: String, interval: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        try await base.klines(symbol: symbol, interval: interval, limit: limit)
    }
    public func recentBars(symbol: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        try await base.recentBars(symbol: symbol, limit: limit)
    }
    public func bookTicker(symbol: String) async throws(ExchangeError) -> BookTop { try await base.bookTicker(symbol: symbol) }
    public func depth(symbol: String, limit: Int) async throws(ExchangeError) -> OrderBookDepth {
        try await base.depth(symbol: symbol, limit: limit)
    }
    public func quoteVolume24h(symbol: String) async throws(ExchangeError) -> Double { try await base.quoteVolume24h(symbol: symbol) }
    public func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice { try await base.markPrice(symbol: symbol) }
    public func account() async throws(ExchangeError) -> AccountSnapshot { try await base.account() }
    public func positions() async throws(ExchangeError) -> [VenuePosition] { try await base.positions() }
    public func openOrders(symbol: String?) async throws(ExchangeError) -> [VenueOrder] { try await base.openOrders(symbol: symbol) }
    public func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder { try await base.placeOrder(request) }
    public func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        try await base.cancelOrder(symbol: symbol, clientOrderId: clientOrderId)
    }
    public func queryOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        try await base.queryOrder(symbol: symbol, clientOrderId: clientOrderId)
    }
    public func userTrades(symbol: String, sinceMs: Int64) async throws(ExchangeError) -> [VenueFill] {
        try await base.userTrades(symbol: symbol, sinceMs: sinceMs)
    }

    public func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> Int {
        try await base.setLeverage(symbol: symbol, leverage: leverage)
    }
    public func marketEvents(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error> { base.marketEvents(symbols: symbols) }
    public func userEvents() -> AsyncThrowingStream<UserEvent, any Error> { base.userEvents() }
    public var droppedMarketEvents: Int { base.droppedMarketEvents }
    public func health() async -> VenueHealth { await base.health() }
}
