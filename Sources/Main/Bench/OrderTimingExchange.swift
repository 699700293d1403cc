import HedgeCore
import HedgeExchange
import Synchronization

/// Wraps a venue and notes when each order request reaches it: the far end of the mesh
/// benchmark's event-to-order-request latency. Every other call passes straight through.
final class OrderTimingExchange: ExchangeClient {
    let base: any ExchangeClient
    private let clock = ContinuousClock()
    // Mutex: order calls come from router tasks while the benchmark reads.
    private let requests = Mutex<[ContinuousClock.Instant]>([])

    init(_ base: any ExchangeClient) { self.base = base }

    var venueName: String { base.venueName }

    /// Instants of the order requests since the last call, oldest first.
    func takeRequests() -> [ContinuousClock.Instant] {
        requests.withLock { taken in
            defer { taken = [] }
            return taken
        }
    }

    func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        let now = clock.now
        requests.withLock { $0.append(now) }
        return try await base.placeOrder(request)
    }

    func exchangeInfo() async throws(ExchangeError) -> [String: VenueFilters] { try await base.exchangeInfo() }
    func klines(symbol: String, interval: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        try await base.klines(symbol: symbol, interval: interval, limit: limit)
    }
    func bookTicker(symbol: String) async throws(ExchangeError) -> BookTop { try await base.bookTicker(symbol: symbol) }
    func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice { try await base.markPrice(symbol: symbol) }
    func account() async throws(ExchangeError) -> AccountSnapshot { try await base.account() }
    func positions() async throws(ExchangeError) -> [VenuePosition] { try await base.positions() }
    func openOrders(symbol: String?) async throws(ExchangeError) -> [VenueOrder] { try await base.openOrders(symbol: symbol) }
    func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        try await base.cancelOrder(symbol: symbol, clientOrderId: clientOrderId)
    }
    func queryOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        try await base.queryOrder(symbol: symbol, clientOrderId: clientOrderId)
    }
    func userTrades(symbol: String, sinceMs: Int64) async throws(ExchangeError) -> [VenueFill] {
        try await base.userTrades(symbol: symbol, sinceMs: sinceMs)
    }
    func marketEvents(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error> { base.marketEvents(symbols: symbols) }
    func userEvents() -> AsyncThrowingStream<UserEvent, any Error> { base.userEvents() }
    var droppedMarketEvents: Int { base.droppedMarketEvents }
}
