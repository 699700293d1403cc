import Foundation
import HTTPTypes
import HedgeCore
import HedgeExchange
import HummingbirdWebSocket
import Logging
import NIOCore
import Synchronization

/// The Coinbase loopback's WebSocket side (any path, same port as REST): clients send
/// `{"type":"subscribe","channel":…,"product_ids":[…],"jwt":…}` and get, per connection, one
/// `sequence_num` counting every message:
///
/// - `subscriptions`: the answer to each subscribe;
/// - `heartbeats`: every second;
/// - `ticker`: each book change of a subscribed product;
/// - `candles`: five-minute candles, as Coinbase streams them, built from the sim's bars
///   (`CandleBuckets`): each bar updates the forming candle; the bar that ends a bucket sends it
///   closed with the next one forming, so a client sees the close at once;
/// - `level2` (on `l2_data`): the sim's depth, a snapshot at subscription, then the changed levels;
/// - `user` (a valid JWT required): a snapshot of open orders, then every order update.
///
/// A JWT that is present must verify (without a `uri` claim); a refused subscription gets an
/// `error` message. The sequence fault (`POST /_loopback/sequence/skip`) skips one number on
/// every socket.
enum CoinbaseLoopbackWebSocket {
    typealias Handler = WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>

    static func shouldUpgrade(_ request: HTTPRequest, channel: any Channel, services: CoinbaseLoopbackServices) async -> ShouldUpgradeResult<Handler> {
        let (outbox, continuation) = AsyncStream<LoopbackOutgoing>.makeStream()
        let id = await services.state.register(channel: channel, listenKey: nil, outbox: continuation)
        let market = services.exchange.marketEvents(symbols: [])
        let user = services.exchange.userEvents()
        return .upgrade([:]) { inbound, outbound, _ in
            let connection = Connection(services: services, outbox: continuation)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await connection.pumpMarket(market) }
                group.addTask { await connection.pumpUser(user) }
                group.addTask { await connection.heartbeats() }
                group.addTask {
                    await connection.readSubscriptions(inbound)
                    continuation.finish()
                }
                for await item in outbox {
                    guard case .text(let text) = item else { break }
                    do {
                        try await outbound.write(.text(text))
                    } catch {
                        break
                    }
                    await services.state.messageSent()
                }
                group.cancelAll()
            }
            await services.state.unregister(id)
        }
    }

    /// One connection's subscriptions and sequence numbers.
    final class Connection: Sendable {
        let services: CoinbaseLoopbackServices
        let outbox: AsyncStream<LoopbackOutgoing>.Continuation
        private struct State {
            var channels: [String: Set<String>] = [:]
            var sequence: Int64 = 0
            var skipsSeen = 0
            var userSubscribed = false
            var buckets = CandleBuckets()
            /// The level2 book last sent per product (price → quantity, per side), to send changes only.
            var level2: [String: (bids: [Decimal: Decimal], asks: [Decimal: Decimal])] = [:]
        }
        private let state = Mutex(State())

        init(services: CoinbaseLoopbackServices, outbox: AsyncStream<LoopbackOutgoing>.Continuation) {
            self.services = services
            self.outbox = outbox
        }

        /// Sends one message on `channel`, numbered. The number is taken and the frame queued under
        /// one lock: the pumps send concurrently, and frames must leave in number order (a client
        /// would otherwise see a gap that is not one).
        func send(channel: String, events: [BinanceJSON], timeMs: Int64) {
            let skips = services.sequenceSkips.value
            state.withLock { state in
                if state.skipsSeen < skips {
                    state.skipsSeen = skips
                    state.sequence += 1
                }
                let text = CoinbasePayloads.message(channel: channel, timeMs: timeMs, sequence: state.sequence, events: events).serialized
                state.sequence += 1
                outbox.yield(.text(text))
            }
        }

        private func products(_ channel: String) -> Set<String>? { state.withLock { $0.channels[channel] } }

        func readSubscriptions(_ inbound: WebSocketInboundStream) async {
            do {
                for try await message in inbound.messages(maxSize: 1 << 16) {
                    guard case .text(let text) = message,
                          let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
                    await subscribe(object)
                }
            } catch {
                return
            }
        }

        private func subscribe(_ object: [String: Any]) async {
            let now = services.wallClockMs()
            guard let type = object["type"] as? String, type == "subscribe" || type == "unsubscribe",
                  let channel = object["channel"] as? String,
                  ["heartbeats", "ticker", "candles", "user", "level2"].contains(channel) else {
                outbox.yield(.text(BinanceJSON.object([("type", .string("error")), ("message", .string("Failed to subscribe: unknown type or channel"))]).serialized))
                return
            }
            let ids = Set((object["product_ids"] as? [String]) ?? [])
            if let jwt = object["jwt"] as? String {
                if let refusal = services.verifier.refusal(of: jwt, uri: nil, nowSeconds: await services.state.serverTimeMs() / 1000) {
                    services.logger.notice("coinbase loopback: WebSocket JWT refused", metadata: ["reason": "\(refusal)"])
                    outbox.yield(.text(BinanceJSON.object([("type", .string("error")), ("message", .string("authentication failure: \(refusal)"))]).serialized))
                    return
                }
            } else if channel == "user" {
                outbox.yield(.text(BinanceJSON.object([("type", .string("error")), ("message", .string("authentication failure: the user channel needs a jwt"))]).serialized))
                return
            }
            let firstUser = state.withLock { state -> Bool in
                if type == "unsubscribe" {
                    state.channels[channel]?.subtract(ids)
                    return false
                }
                state.channels[channel, default: []].formUnion(ids)
                defer { if channel == "user" { state.userSubscribed = true } }
                return channel == "user" && !state.userSubscribed
            }
            let current = state.withLock { $0.channels.mapValues { BinanceJSON.array($0.sorted().map { .string($0) }) } }
            send(channel: "subscriptions", events: [.object([("subscriptions", .object(current.sorted { $0.key < $1.key }))])], timeMs: now)
            if firstUser { await userSnapshot() }
            if channel == "level2", type == "subscribe" {
                for id in ids.sorted() { await level2(id, snapshot: true) }
            }
            if channel == "ticker", type == "subscribe" { await tickerSnapshot(ids.sorted()) }
        }

        /// Levels of the sim's depth (50 a side) sent on `l2_data`: all of them as a snapshot, or
        /// only what changed since the last (a level gone has quantity 0).
        private func level2(_ id: String, snapshot: Bool) async {
            guard let symbol = CoinbaseLoopbackProducts.simSymbol(productId: id),
                  let depth = try? await services.exchange.depth(symbol: symbol, limit: 50) else { return }
            let now = services.wallClockMs()
            let bids = Dictionary(depth.bids.map { ($0.price, $0.quantity) }, uniquingKeysWith: { first, _ in first })
            let asks = Dictionary(depth.asks.map { ($0.price, $0.quantity) }, uniquingKeysWith: { first, _ in first })
            let previous = state.withLock { state in
                defer { state.level2[id] = (bids, asks) }
                return snapshot ? nil : state.level2[id]
            }
            var updates: [BinanceJSON] = []
            func add(_ side: String, _ now: [Decimal: Decimal], _ before: [Decimal: Decimal]?) {
                for (price, quantity) in now.sorted(by: { $0.key < $1.key }) where before?[price] != quantity {
                    updates.append(Self.level(side, price, quantity))
                }
                for price in (before ?? [:]).keys.sorted() where now[price] == nil { updates.append(Self.level(side, price, 0)) }
            }
            add("bid", bids, previous?.bids)
            add("offer", asks, previous?.asks)
            guard snapshot || !updates.isEmpty else { return }
            send(channel: "l2_data", events: [.object([("type", .string(snapshot ? "snapshot" : "update")), ("product_id", .string(id)),
                                                       ("updates", .array(updates))])], timeMs: now)
        }

        private static func level(_ side: String, _ price: Decimal, _ quantity: Decimal) -> BinanceJSON {
            .object([("side", .string(side)), ("event_time", .string(UTCTime.iso8601(ms: 0))), ("price_level", .decimal(price)),
                     ("new_quantity", .decimal(quantity))])
        }

        /// Coinbase answers a ticker subscription with the current ticker of each product.
        private func tickerSnapshot(_ ids: [String]) async {
            var tickers: [BinanceJSON] = []
            for id in ids {
                guard let symbol = CoinbaseLoopbackProducts.simSymbol(productId: id),
                      let book = try? await services.exchange.bookTicker(symbol: symbol) else { continue }
                tickers.append(Self.ticker(id, book))
            }
            send(channel: "ticker", events: [.object([("type", .string("snapshot")), ("tickers", .array(tickers))])], timeMs: services.wallClockMs())
        }

        static func ticker(_ id: String, _ book: BookTop) -> BinanceJSON {
            .object([
                ("type", .string("ticker")), ("product_id", .string(id)), ("price", .decimal((book.bidPrice + book.askPrice) / 2)),
                ("best_bid", .decimal(book.bidPrice)), ("best_bid_quantity", .decimal(book.bidQuantity)),
                ("best_ask", .decimal(book.askPrice)), ("best_ask_quantity", .decimal(book.askQuantity)),
            ])
        }

        private func userSnapshot() async {
            var rows: [BinanceJSON] = []
            for entry in await services.orders.all() {
                guard let order = try? await services.exchange.queryOrder(symbol: entry.simSymbol, clientOrderId: entry.clientOrderId),
                      !order.status.isTerminal else { continue }
                rows.append(CoinbasePayloads.userOrder(entry, order, fees: await services.broker.feesAndFills(order).fees))
            }
            send(channel: "user", events: [.object([("type", .string("snapshot")), ("orders", .array(rows))])], timeMs: services.wallClockMs())
        }

        func heartbeats() async {
            var counter: Int64 = 0
            while !Task.isCancelled {
                do {
                    try await services.clock.sleep(for: .seconds(1))
                } catch {
                    return
                }
                guard products("heartbeats") != nil else { continue }
                counter += 1
                let now = services.wallClockMs()
                send(channel: "heartbeats", events: [.object([("current_time", .string(UTCTime.iso8601(ms: now))),
                                                              ("heartbeat_counter", .int(counter))])], timeMs: now)
            }
        }

        func pumpMarket(_ events: AsyncThrowingStream<MarketEvent, any Error>) async {
            do {
                for try await event in events {
                    switch event {
                    case .book(let symbol, let book, let timeMs):
                        guard let id = CoinbaseLoopbackProducts.productId(simSymbol: symbol) else { continue }
                        if products("level2")?.contains(id) == true { await level2(id, snapshot: false) }
                        guard products("ticker")?.contains(id) == true else { continue }
                        send(channel: "ticker", events: [.object([("type", .string("update")), ("tickers", .array([Self.ticker(id, book)]))])],
                             timeMs: timeMs)
                    case .bar(let symbol, let bar):
                        guard let id = CoinbaseLoopbackProducts.productId(simSymbol: symbol), products("candles")?.contains(id) == true else { continue }
                        let length = await services.exchange.barIntervalMs(symbol: symbol)
                        let candles = state.withLock { $0.buckets.add(bar, lengthMs: length, product: id) }
                        send(channel: "candles", events: [.object([("type", .string("update")), ("candles", .array(
                            candles.map { CoinbasePayloads.candle($0, productId: id) }))])], timeMs: bar.openTimeMs + length)
                    default:
                        continue
                    }
                }
            } catch {
                services.logger.debug("coinbase loopback market pump ended", metadata: ["error": "\(error)"])
            }
        }

        func pumpUser(_ events: AsyncThrowingStream<UserEvent, any Error>) async {
            do {
                for try await event in events {
                    guard case .order(let order, _) = event, state.withLock({ $0.userSubscribed }),
                          let entry = await entry(for: order) else { continue }
                    let fees = await services.broker.feesAndFills(order).fees
                    send(channel: "user", events: [.object([("type", .string("update")),
                                                            ("orders", .array([CoinbasePayloads.userOrder(entry, order, fees: fees)]))])],
                         timeMs: services.wallClockMs())
                    await services.state.userEventSent()
                }
            } catch {
                services.logger.debug("coinbase loopback user pump ended", metadata: ["error": "\(error)"])
            }
        }

        /// The order's Coinbase details, with the sim's order id (the sim publishes an order's NEW
        /// before `POST /orders` has its answer; the details were reserved before it asked).
        private func entry(for order: VenueOrder) async -> CoinbaseLoopbackOrders.Entry? {
            guard var entry = await services.orders.entry(clientOrderId: order.clientOrderId) else { return nil }
            entry.orderId = order.orderId
            return entry
        }
    }
}

/// How many sequence skips were asked for (`POST /_loopback/sequence/skip`); each socket skips
/// one number per request.
final class CoinbaseSequenceSkips: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
