import Foundation
import HedgeCore
import HummingbirdWSClient
import Logging
import Synchronization

/// The two streams, each on its own reconnecting connection (`VenueSocketLoop`), subscribed on
/// connect with one message per channel (each with a JWT when credentials are configured, as
/// Coinbase's SDK does), kept alive by the `heartbeats` channel and replaced when silent.
///
/// - Market (`advanced-trade-ws`): `ticker` → book tops and a mid price as the mark;
///   `candles` → a bar each time a product's candle is superseded by the next one (Coinbase
///   streams the forming candle every second; the previous one is then closed); `level2` → the
///   local books `depth` reads (`CoinbaseLocalBooks`). A `sequence_num` gap empties the local
///   books, re-reads the book tops over REST (`GET /best_bid_ask`) and reconnects, so fresh
///   level2 snapshots rebuild the books.
/// - User (`advanced-trade-ws-user`): the `user` channel's order updates. Each fill is read from
///   `GET /orders/historical/fills` when the cumulative quantity grows, so fills carry Coinbase's
///   trade ids (the same ids a restart's reconciliation reads). Every connection, and any gap in
///   `sequence_num`, yields `.gap` so the consumer resyncs over REST.
extension CoinbaseAdvancedClient {
    public func marketEvents(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<MarketEvent, any Error>.makeStream(
            bufferingPolicy: .bufferingNewest(marketBufferSize))
        let loop = VenueSocketLoop(name: "market", settings: SocketLoopPolicy(settings), clock: clock, stats: stats, logger: logger)
        let sequence = SequenceTracker()
        let candles = CandleCloser()
        let client = self
        let task = Task {
            await loop.run(url: { marketStreamURL }, onOpen: { reconnected in
                if reconnected { client.logger.info("market stream reconnected") }
            }, subscribe: { outbound in
                sequence.reset()
                client.localBooks.clear()
                // Ticker last: its snapshot then says every subscription of the connection is in place.
                for channel in ["heartbeats", "candles", "level2", "ticker"] {
                    try await outbound.write(.text(try await client.subscription(channel: channel, productIds: symbols)))
                }
            }, handle: { data in
                await client.handleMarketMessage(data, symbols: symbols, sequence: sequence, candles: candles, continuation: continuation)
            })
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    public func userEvents() -> AsyncThrowingStream<UserEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<UserEvent, any Error>.makeStream(bufferingPolicy: .unbounded)
        guard rest.credentials != nil else {
            // Dry-run without a key: the user channel needs one; there are no orders to follow.
            // The stream stays open and silent until its consumer goes.
            logger.notice("no Coinbase key: no user stream (market data only)")
            // Held by its own termination handler, so the stream neither yields nor ends before then.
            continuation.onTermination = { _ in continuation.finish() }
            return stream
        }
        let loop = VenueSocketLoop(name: "user", settings: SocketLoopPolicy(settings), clock: clock, stats: stats, logger: logger)
        let sequence = SequenceTracker()
        let fills = FillTracker()
        let client = self
        let task = Task {
            await loop.run(url: { userStreamURL }, onOpen: { reconnected in
                // Also on the first connection: what happened before the stream was up is only known over REST.
                continuation.yield(.gap(reason: reconnected ? "user stream reconnected" : "user stream connected"))
            }, subscribe: { outbound in
                sequence.reset()
                for channel in ["heartbeats", "user"] {
                    try await outbound.write(.text(try await client.subscription(channel: channel, productIds: [])))
                }
            }, handle: { data in
                await client.handleUserMessage(data, sequence: sequence, fills: fills, continuation: continuation)
            })
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// A subscribe message: `{"type":"subscribe","product_ids":[…],"channel":…,"jwt":…}`.
    func subscription(channel: String, productIds: [String]) async throws -> String {
        var message: [String: Any] = ["type": "subscribe", "channel": channel, "product_ids": productIds]
        if let credentials = rest.credentials {
            message["jwt"] = try credentials.signer.token(uri: nil, nowSeconds: await rest.venueNowMs() / 1000)
        } else if channel == "user" {
            throw ExchangeError.unauthorized("the user channel needs a Coinbase API key; none is configured")
        }
        let data = try JSONSerialization.data(withJSONObject: message, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    func handleMarketMessage(_ data: Data, symbols: [String], sequence: SequenceTracker, candles: CandleCloser,
                             continuation: AsyncThrowingStream<MarketEvent, any Error>.Continuation) async -> VenueSocketLoop.Directive {
        do {
            let envelope = try JSONDecoder().decode(CoinbaseStreamWire.Envelope.self, from: data)
            if envelope.type == "error" {
                logger.warning("market stream error message", metadata: ["message": "\(envelope.message ?? "")"])
                return .keepReading
            }
            if let gap = sequence.observe(envelope.sequence_num) {
                gaps.add()
                logger.warning("market stream sequence gap; reading book tops over REST and reconnecting for fresh books",
                               metadata: ["gap": "\(gap)"])
                localBooks.clear()
                await resyncBooks(symbols: symbols, continuation: continuation)
                return .reconnect
            }
            switch envelope.channel {
            case "l2_data":
                let message = try JSONDecoder().decode(CoinbaseStreamWire.Level2Message.self, from: data)
                for event in message.events {
                    guard let product = event.product_id else { continue }
                    var updates: [(bid: Bool, price: Decimal, quantity: Decimal)] = []
                    for update in event.updates ?? [] {
                        updates.append((update.side == "bid", try WireDecoding.decimal(update.price_level, field: "price_level", context: "l2_data"),
                                        try WireDecoding.decimal(update.new_quantity, field: "new_quantity", context: "l2_data")))
                    }
                    localBooks.apply(product: product, snapshot: event.type == "snapshot", updates: updates)
                }
            case "ticker":
                let message = try JSONDecoder().decode(CoinbaseStreamWire.TickerMessage.self, from: data)
                let timeMs = message.timestamp.flatMap(CoinbaseWire.epochMs) ?? 0
                for ticker in message.events.flatMap({ $0.tickers ?? [] }) {
                    guard let top = ticker.bookTop() else { continue }
                    yieldMarket(.book(symbol: ticker.product_id, book: top, timeMs: timeMs), to: continuation)
                    yieldMarket(.markPrice(MarkPrice(symbol: ticker.product_id, markPrice: (top.bidPrice + top.askPrice) / 2,
                                                     fundingRate: 0, nextFundingTimeMs: 0, timeMs: timeMs)), to: continuation)
                }
            case "candles":
                let message = try JSONDecoder().decode(CoinbaseStreamWire.CandlesMessage.self, from: data)
                for event in message.events {
                    // Oldest first, whatever order the message lists them in.
                    var bars: [(String, Bar)] = []
                    for candle in event.candles ?? [] {
                        bars.append((candle.product_id, try CoinbaseWire.Candle(start: candle.start, low: candle.low, high: candle.high, open: candle.open,
                                                                                close: candle.close, volume: candle.volume).bar(context: "candles \(candle.product_id)")))
                    }
                    for (product, bar) in bars.sorted(by: { $0.1.openTimeMs < $1.1.openTimeMs }) {
                        if let closed = candles.update(symbol: product, with: bar, snapshot: event.type == "snapshot") {
                            yieldMarket(.bar(symbol: product, bar: closed), to: continuation)
                        }
                    }
                }
            default:
                break
            }
        } catch {
            // It may have been a level2 update: no local book is trusted after it (REST serves depth).
            localBooks.clear()
            let skipped = skips.add()
            if skipped == 1 || skipped.isMultiple(of: 1_000) {
                logger.warning("market stream message skipped", metadata: ["error": "\(error)", "skipped_total": "\(skipped)"])
            }
        }
        return .keepReading
    }

    private func yieldMarket(_ event: MarketEvent, to continuation: AsyncThrowingStream<MarketEvent, any Error>.Continuation) {
        if BinanceUSDMClient.yieldKeepingBars(event, to: continuation, capacity: marketBufferSize) { drops.add() }
    }

    private func resyncBooks(symbols: [String], continuation: AsyncThrowingStream<MarketEvent, any Error>.Continuation) async {
        do {
            let now = await rest.venueNowMs()
            for (symbol, top) in try await bestBidAsk(symbols: symbols).sorted(by: { $0.key < $1.key }) {
                yieldMarket(.book(symbol: symbol, book: top, timeMs: now), to: continuation)
            }
        } catch {
            logger.warning("book resync after a gap failed; the next ticker refreshes it", metadata: ["error": "\(error)"])
        }
    }

    func handleUserMessage(_ data: Data, sequence: SequenceTracker, fills: FillTracker,
                           continuation: AsyncThrowingStream<UserEvent, any Error>.Continuation) async -> VenueSocketLoop.Directive {
        do {
            let envelope = try JSONDecoder().decode(CoinbaseStreamWire.Envelope.self, from: data)
            if envelope.type == "error" {
                logger.warning("user stream error message; reconnecting", metadata: ["message": "\(envelope.message ?? "")"])
                return .reconnect
            }
            if let gap = sequence.observe(envelope.sequence_num) {
                gaps.add()
                logger.warning("user stream sequence gap; resyncing orders over REST", metadata: ["gap": "\(gap)"])
                continuation.yield(.gap(reason: "user stream sequence gap (\(gap))"))
            }
            guard envelope.channel == "user" else { return .keepReading }
            let message = try JSONDecoder().decode(CoinbaseStreamWire.UserMessage.self, from: data)
            let timeMs = message.timestamp.flatMap(CoinbaseWire.epochMs) ?? 0
            for event in message.events {
                for row in event.orders ?? [] {
                    let context = "user \(row.client_order_id)"
                    memory.remember(orderId: row.order_id, clientOrderId: row.client_order_id)
                    let order = try row.venueOrder(timeMs: timeMs, knownType: nil, context: context)
                    // A snapshot states where orders stand; their fills are the resync's to read.
                    if event.type == "snapshot" {
                        fills.baseline(orderId: order.orderId, filled: order.filledQuantity)
                        continuation.yield(.order(order, fill: nil))
                        continue
                    }
                    await yieldWithFills(order, fills: fills, continuation: continuation)
                }
            }
        } catch {
            logger.warning("user stream message unreadable; resyncing over REST", metadata: ["error": "\(error)"])
            continuation.yield(.gap(reason: "unreadable user stream message: \(error)"))
        }
        return .keepReading
    }

    /// Yields `order`, once per fill not yet reported when its filled quantity grew (the fills
    /// read by order id), or once without a fill.
    private func yieldWithFills(_ order: VenueOrder, fills: FillTracker,
                                continuation: AsyncThrowingStream<UserEvent, any Error>.Continuation) async {
        guard fills.grew(orderId: order.orderId, filled: order.filledQuantity) else {
            continuation.yield(.order(order, fill: nil))
            return
        }
        do {
            let new = try await orderFills(orderId: order.orderId, clientOrderId: order.clientOrderId).filter { fills.isNew($0.tradeId) }
            guard !new.isEmpty else {
                continuation.yield(.order(order, fill: nil))
                return
            }
            for fill in new { continuation.yield(.order(order, fill: fill)) }
        } catch {
            // The order's cumulative quantity still moves the book; the fill's details follow at the resync.
            logger.warning("fills of an order update unavailable; resyncing", metadata: ["clientOrderId": "\(order.clientOrderId)", "error": "\(error)"])
            continuation.yield(.order(order, fill: nil))
            continuation.yield(.gap(reason: "fills of \(order.clientOrderId) unavailable: \(error)"))
        }
    }

    /// The fills of one order, oldest first.
    func orderFills(orderId: String, clientOrderId: String) async throws(ExchangeError) -> [VenueFill] {
        let context = "GET /orders/historical/fills order \(orderId)"
        let data = try await rest.send("GET", "/orders/historical/fills", query: [("order_ids", orderId), ("limit", "250")], context: context)
        return try WireDecoding.decode(CoinbaseWire.Fills.self, from: data, context: context).fills.map { (row) throws(ExchangeError) in
            try row.venueFill(clientOrderId: clientOrderId, context: context)
        }.sorted { $0.timeMs < $1.timeMs }
    }
}

/// `sequence_num` per connection: each message's is one more than the last one's.
final class SequenceTracker: Sendable {
    private let last = Mutex<Int64?>(nil)

    func reset() { last.withLock { $0 = nil } }

    /// Records `number`; returns a description of the gap when one or more messages were skipped.
    /// A number at or below the highest seen (a repeat) neither opens a gap nor moves the mark.
    func observe(_ number: Int64?) -> String? {
        guard let number else { return nil }
        return last.withLock { last -> String? in
            guard let previous = last else {
                last = number
                return nil
            }
            guard number > previous else { return nil }
            last = number
            return number > previous + 1 ? "\(previous) → \(number)" : nil
        }
    }
}

/// The forming candle per product: a candle is closed when one with a later start arrives. A
/// subscription's snapshot only seeds it (its candles are history, which warm-up reads over
/// REST), and no bar is closed twice or out of order.
final class CandleCloser: Sendable {
    private struct State {
        var forming: [String: Bar] = [:]
        var lastClosed: [String: Int64] = [:]
    }
    private let state = Mutex(State())

    /// Records `bar` (the product's forming candle); returns the candle it closes, if any.
    func update(symbol: String, with bar: Bar, snapshot: Bool = false) -> Bar? {
        state.withLock { state in
            guard let previous = state.forming[symbol], !snapshot else {
                if bar.openTimeMs >= state.forming[symbol]?.openTimeMs ?? .min { state.forming[symbol] = bar }
                return nil
            }
            guard bar.openTimeMs >= previous.openTimeMs else { return nil }
            state.forming[symbol] = bar
            guard bar.openTimeMs > previous.openTimeMs, previous.openTimeMs > state.lastClosed[symbol] ?? .min else { return nil }
            state.lastClosed[symbol] = previous.openTimeMs
            return previous
        }
    }
}

/// Per order, the filled quantity already reported, and every trade id already yielded.
final class FillTracker: Sendable {
    private struct State {
        var filled: [String: Decimal] = [:]
        var tradeIds: Set<String> = []
    }
    private let state = Mutex(State())

    func baseline(orderId: String, filled: Decimal) { state.withLock { $0.filled[orderId] = filled } }

    /// Whether `filled` is more than reported before for `orderId` (and records it).
    func grew(orderId: String, filled: Decimal) -> Bool {
        state.withLock { state in
            let before = state.filled[orderId] ?? 0
            state.filled[orderId] = max(before, filled)
            return filled > before
        }
    }

    /// Whether `tradeId` was not yielded before (and records it).
    func isNew(_ tradeId: String) -> Bool { state.withLock { $0.tradeIds.insert(tradeId).inserted } }
}
