import Synchronization

/// The subscribers of one `SimExchange`'s two streams. Each `marketEvents(symbols:)` and
/// `userEvents()` call gets its own `AsyncThrowingStream`; its continuation is kept here until the
/// stream terminates (consumer gone, finished or failed).
///
/// Buffering: market streams use `.bufferingNewest(marketBufferSize)` (a slow consumer loses the
/// oldest market data, counted in `droppedMarketEvents`); user streams are unbounded, because
/// order updates are never dropped.
///
/// A `Sendable` class over a `Mutex`: subscribing is synchronous (the protocol's stream calls are
/// not `async`), so a subscriber is registered before the caller's next step and misses nothing.
/// Continuations are yielded to and finished outside the lock, because finishing one runs its
/// `onTermination`, which takes the lock again. Publishing is done by the owning actor only, so
/// events keep their order.
final class SimStreamHub: Sendable {
    private struct MarketSubscriber {
        var symbols: Set<String>?
        var continuation: AsyncThrowingStream<MarketEvent, any Error>.Continuation
    }

    private struct State {
        var nextId = 0
        var market: [Int: MarketSubscriber] = [:]
        var user: [Int: AsyncThrowingStream<UserEvent, any Error>.Continuation] = [:]
        var droppedMarketEvents = 0
        /// User events handed to subscribers so far (each event once, however many listen).
        var userEventsPublished = 0
        /// Set when the user streams were broken: the next `userEvents()` starts with a `.gap`.
        var pendingGap: String?
    }

    private let marketBufferSize: Int
    private let state = Mutex(State())

    init(marketBufferSize: Int) {
        self.marketBufferSize = max(1, marketBufferSize)
    }

    /// Market events dropped so far because a subscriber's buffer was full, over all subscribers.
    var droppedMarketEvents: Int { state.withLock { $0.droppedMarketEvents } }

    /// User events published so far: a lockstep driver waits until the daemon applied this many.
    var userEventsPublished: Int { state.withLock { $0.userEventsPublished } }

    /// Market streams open now.
    var marketSubscriberCount: Int { state.withLock { $0.market.count } }

    /// A new market stream for `symbols` (all symbols when empty).
    func subscribeMarket(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<MarketEvent, any Error>.makeStream(
            bufferingPolicy: .bufferingNewest(marketBufferSize))
        let filter = symbols.isEmpty ? nil : Set(symbols)
        let id = state.withLock { state -> Int in
            state.nextId += 1
            state.market[state.nextId] = MarketSubscriber(symbols: filter, continuation: continuation)
            return state.nextId
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.market.removeValue(forKey: id) }
        }
        return stream
    }

    /// A new user stream; it starts with `.gap` when the previous user streams were broken.
    func subscribeUser() -> AsyncThrowingStream<UserEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<UserEvent, any Error>.makeStream(bufferingPolicy: .unbounded)
        let (id, gap) = state.withLock { state -> (Int, String?) in
            state.nextId += 1
            state.user[state.nextId] = continuation
            defer { state.pendingGap = nil }
            return (state.nextId, state.pendingGap)
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.user.removeValue(forKey: id) }
        }
        if let gap { continuation.yield(.gap(reason: gap)) }
        return stream
    }

    /// Sends `event` of `symbol` to every market subscriber that wants it.
    func publish(_ event: MarketEvent, symbol: String) {
        let targets = state.withLock { state in
            state.market.sorted { $0.key < $1.key }.compactMap { entry in
                entry.value.symbols.map { $0.contains(symbol) } ?? true ? entry.value.continuation : nil
            }
        }
        var dropped = 0
        for continuation in targets {
            if case .dropped = continuation.yield(event) { dropped += 1 }
        }
        if dropped > 0 { state.withLock { $0.droppedMarketEvents += dropped } }
    }

    /// Sends `event` to every user subscriber.
    func publish(_ event: UserEvent) {
        let targets = state.withLock { state in
            state.userEventsPublished += 1
            return state.user.sorted { $0.key < $1.key }.map(\.value)
        }
        for continuation in targets { continuation.yield(event) }
    }

    /// Breaks every user stream with `error`; the next `userEvents()` call starts with a `.gap`.
    func failUserStreams(_ error: ExchangeError, gapReason: String) {
        let targets = state.withLock { state in
            defer { state.user = [:] }
            state.pendingGap = gapReason
            return Array(state.user.values)
        }
        for continuation in targets { continuation.finish(throwing: error) }
    }

    /// Ends every stream normally (the replay is over).
    func finishAll() {
        let (market, user) = state.withLock { state in
            defer {
                state.market = [:]
                state.user = [:]
            }
            return (state.market.values.map(\.continuation), Array(state.user.values))
        }
        for continuation in market { continuation.finish() }
        for continuation in user { continuation.finish() }
    }
}
