import HedgeCore

/// One venue, as the daemon sees it: reference data, account state, orders, and two streams (market
/// data and the user's order/account updates). Every venue (the simulated one, Binance USD-M,
/// Coinbase) sits behind this protocol; actors never talk to a venue any other way.
///
/// Errors are `ExchangeError` (typed, per request): a malformed response or a transport failure is
/// an error on that call, never a crash. Prices and quantities sent or received are `Decimal`.
public protocol ExchangeClient: Sendable {
    /// A short name for logs and state files (`sim`, `binance`, …).
    var venueName: String { get }

    /// Trading rules per symbol (tick, step, minimum notional).
    func exchangeInfo() async throws(ExchangeError) -> [String: VenueFilters]
    /// The latest `limit` closed bars of `symbol` at `interval` (`1m`, `1h`, …), oldest first.
    func klines(symbol: String, interval: String, limit: Int) async throws(ExchangeError) -> [Bar]
    /// The latest `limit` closed bars of `symbol` at the interval `marketEvents` streams, oldest
    /// first: what strategies warm up from at start.
    func recentBars(symbol: String, limit: Int) async throws(ExchangeError) -> [Bar]
    /// Best bid and ask.
    func bookTicker(symbol: String) async throws(ExchangeError) -> BookTop
    /// The best `limit` levels of each side of the book.
    func depth(symbol: String, limit: Int) async throws(ExchangeError) -> OrderBookDepth
    /// The symbol's traded value over the last 24 h, in quote currency (USD for USDT pairs).
    func quoteVolume24h(symbol: String) async throws(ExchangeError) -> Double
    /// Mark price and funding.
    func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice
    /// Balances, NAV and margin.
    func account() async throws(ExchangeError) -> AccountSnapshot
    /// Open position legs.
    func positions() async throws(ExchangeError) -> [VenuePosition]
    /// Working orders, of one symbol or of all when nil.
    func openOrders(symbol: String?) async throws(ExchangeError) -> [VenueOrder]
    /// Places an order. A duplicate `clientOrderId` among working orders is rejected by the venue
    /// (`ExchangeError.duplicateOrder`), which is what makes retries idempotent.
    func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder
    /// Cancels a working order by client order id.
    func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder
    /// An order's current state by client order id (also finished ones the venue still knows).
    func queryOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder
    /// The account's fills of `symbol` at or after `sinceMs`.
    func userTrades(symbol: String, sinceMs: Int64) async throws(ExchangeError) -> [VenueFill]
    /// Sets `symbol`'s leverage for new positions and returns the leverage the venue now has.
    func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> Int

    /// Market data for `symbols` (bars, book tops, mark prices) until the stream ends or fails.
    func marketEvents(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error>
    /// The user's order and account updates until the stream ends or fails.
    func userEvents() -> AsyncThrowingStream<UserEvent, any Error>

    /// Market events dropped so far because a consumer fell behind (market data may drop the
    /// oldest under load; order updates never drop).
    var droppedMarketEvents: Int { get }

    /// The connection's own state for state files and doctor: alerts (an IP ban), clock offset,
    /// rate-limit use, retries and reconnects.
    func health() async -> VenueHealth
}

extension ExchangeClient {
    public var droppedMarketEvents: Int { 0 }
    public func health() async -> VenueHealth { VenueHealth() }
}
