import Foundation
import HedgeCore
import Logging
import Synchronization

/// The two streams. Each call starts its own reconnecting connection, which ends when the consumer
/// drops the stream (its task is cancelled through `onTermination`).
///
/// - Market data (`/stream?streams=…`: closed klines, book tops, mark prices at 1 s, and
///   aggregated trades when asked for): buffered newest-first, so a slow consumer loses the
///   oldest market data and the loss is counted in `droppedMarketEvents`.
/// - User data (`/ws/<listenKey>`): unbounded (order updates are never dropped). A listenKey is
///   created for each connection and kept alive every `listenKeyKeepAlive`; `listenKeyExpired`
///   or a failed keep-alive reconnects with a new key. Every connection yields `.gap` first, once
///   it is up, so the consumer resyncs over REST (open orders, fills) with nothing
///   missed between its resync and the new connection.
extension BinanceUSDMClient {
    /// The stream names for `symbols` (Binance wants them lowercase).
    public func streamNames(symbols: [String], includeTrades: Bool = false) -> [String] {
        symbols.flatMap { symbol -> [String] in
            let name = symbol.lowercased()
            var names = ["\(name)@kline_\(barInterval)", "\(name)@bookTicker", "\(name)@markPrice@1s"]
            if includeTrades { names.append("\(name)@aggTrade") }
            return names
        }
    }

    public func marketEvents(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error> {
        marketEvents(symbols: symbols, includeTrades: false)
    }

    /// Market data for `symbols`, with `aggTrade` events when `includeTrades`.
    public func marketEvents(symbols: [String], includeTrades: Bool) -> AsyncThrowingStream<MarketEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<MarketEvent, any Error>.makeStream(
            bufferingPolicy: .bufferingNewest(marketBufferSize))
        let url = "\(streamBaseURL)/stream?streams=" + streamNames(symbols: symbols, includeTrades: includeTrades).joined(separator: "/")
        let loop = VenueSocketLoop(name: "market", settings: SocketLoopPolicy(settings), clock: clock, stats: stats, logger: logger)
        let drops = drops, skips = skips
        let logger = logger
        let task = Task {
            await loop.run(url: { url }, onOpen: { reconnected in
                if reconnected { logger.info("market stream reconnected") }
            }, handle: { data in
                do {
                    if let event = try BinanceStreamDecoder.marketEvent(from: data),
                       Self.yieldKeepingBars(event, to: continuation, capacity: marketBufferSize) {
                        drops.add()
                    }
                } catch {
                    // A venue sending unreadable frames sends many: one line at the first, then every 1 000th.
                    let skipped = skips.add()
                    if skipped == 1 || skipped.isMultiple(of: 1_000) {
                        logger.warning("market stream message skipped", metadata: ["error": "\(error)", "skipped_total": "\(skipped)"])
                    }
                }
                return .keepReading
            })
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Yields `event` to a stream that keeps its newest `capacity` events, so that a closed bar is
    /// never the one dropped: a bar pushed out by a flood of book tickers goes back in at the end
    /// (bars of one symbol are a minute apart, so their order holds), and the oldest other event
    /// goes instead. Returns whether an event other than a bar was dropped.
    static func yieldKeepingBars(_ event: MarketEvent, to continuation: AsyncThrowingStream<MarketEvent, any Error>.Continuation,
                                 capacity: Int) -> Bool {
        var next = event
        // Bounded: a buffer of nothing but bars (capacity symbol-minutes behind) drops a bar.
        for _ in 0...max(1, capacity) {
            guard case .dropped(let dropped) = continuation.yield(next) else { return false }
            guard case .bar = dropped else { return true }
            next = dropped
        }
        return true
    }

    public func userEvents() -> AsyncThrowingStream<UserEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<UserEvent, any Error>.makeStream(bufferingPolicy: .unbounded)
        let loop = VenueSocketLoop(name: "user", settings: SocketLoopPolicy(settings), clock: clock, stats: stats, logger: logger)
        let keys = ListenKeyBox()
        let client = self
        let task = Task {
            await loop.run(url: { () async throws(ExchangeError) -> String in
                let key = try await client.createListenKey()
                keys.set(key)
                return "\(client.streamBaseURL)/ws/\(key)"
            }, onOpen: { reconnected in
                // Also on the first connection: whatever happened before the stream was up (an
                // order placed at start) is only known over REST.
                continuation.yield(.gap(reason: reconnected ? "user stream reconnected" : "user stream connected"))
            }, sideTask: {
                await client.keepListenKeyAlive(keys)
            }, handle: { data in
                await client.handleUserMessage(data, continuation: continuation)
            })
            // USD-M has one listenKey per account: closing needs no key, only that one was opened.
            if keys.value != nil {
                do {
                    try await client.closeListenKey()
                } catch {
                    logger.info("listenKey close failed at stream end (it expires on its own)", metadata: ["error": "\(error)"])
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    func handleUserMessage(_ data: Data, continuation: AsyncThrowingStream<UserEvent, any Error>.Continuation) async -> VenueSocketLoop.Directive {
        do {
            switch try BinanceStreamDecoder.userMessage(from: data) {
            case .order(let order, let fill):
                continuation.yield(.order(order, fill: fill))
            case .foreignFill(let fill):
                continuation.yield(.foreignFill(fill))
            case .accountChanged:
                // ACCOUNT_UPDATE carries wallet balances, not the totals NAV needs: read them.
                do {
                    continuation.yield(.account(try await account()))
                } catch {
                    logger.warning("account read after ACCOUNT_UPDATE failed; the NAV sampler will catch up", metadata: ["error": "\(error)"])
                }
            case .listenKeyExpired:
                logger.warning("listenKey expired; reconnecting the user stream with a new one")
                return .reconnect
            case .ignored:
                break
            }
        } catch {
            // An update that cannot be read may have been a fill: the router resyncs over REST.
            logger.warning("user stream message unreadable; resyncing over REST", metadata: ["error": "\(error)"])
            continuation.yield(.gap(reason: "unreadable user stream message: \(error)"))
        }
        return .keepReading
    }

    /// Keeps the current listenKey alive; returns (asking for a reconnect) when the venue no
    /// longer knows it.
    func keepListenKeyAlive(_ keys: ListenKeyBox) async {
        while !Task.isCancelled {
            do {
                try await clock.sleep(for: settings.listenKeyKeepAlive)
            } catch {
                return
            }
            do {
                _ = try await rest.send(.keepAliveListenKey, BinanceQuery(), context: "PUT /fapi/v1/listenKey")
            } catch .orderRejected(let code, _) where code == -1125 {
                logger.warning("listenKey unknown to the venue at keep-alive; reconnecting with a new one")
                return
            } catch {
                logger.warning("listenKey keep-alive failed; will retry", metadata: ["error": "\(error)"])
            }
        }
    }

    func createListenKey() async throws(ExchangeError) -> String {
        let data = try await rest.send(.createListenKey, BinanceQuery(), context: "POST /fapi/v1/listenKey")
        return try WireDecoding.decode(BinanceWire.ListenKey.self, from: data, context: "POST /fapi/v1/listenKey").listenKey
    }

    func closeListenKey() async throws(ExchangeError) {
        _ = try await rest.send(.closeListenKey, BinanceQuery(), context: "DELETE /fapi/v1/listenKey")
    }
}

/// The listenKey of the current user-stream connection, shared by the loop and its keep-alive.
final class ListenKeyBox: Sendable {
    private let key = Mutex<String?>(nil)
    func set(_ value: String) { key.withLock { $0 = value } }
    var value: String? { key.withLock { $0 } }
}
