import Foundation
import HTTPTypes
import HedgeCore
import HedgeExchange
import HummingbirdWebSocket
import Logging
import NIOCore

/// The loopback venue's WebSocket side, on the same port as REST:
///
/// - `/ws/<listenKey>`: the user data stream (ORDER_TRADE_UPDATE, ACCOUNT_UPDATE,
///   listenKeyExpired);
/// - `/ws/<stream>[/<stream>…]` and `/ws`: raw market streams;
/// - `/stream?streams=<a>/<b>`: combined market streams, `{"stream":…,"data":…}`.
///
/// Market connections also take live `SUBSCRIBE` / `UNSUBSCRIBE` / `LIST_SUBSCRIPTIONS`
/// messages. Each connection subscribes to the sim venue itself, so each gets every event.
enum LoopbackWebSocket {
    typealias Handler = WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>

    /// Upgrades known paths; refuses unknown ones and dead listen keys.
    static func shouldUpgrade(_ request: HTTPRequest, channel: any Channel, services: LoopbackVenueServices) async -> ShouldUpgradeResult<Handler> {
        let target = request.path ?? "/"
        let parts = target.split(separator: "?", maxSplits: 1)
        let path = String(parts.first ?? "/")
        let query = parts.count > 1 ? BinanceQuery.parse(parts[1]) : BinanceQuery()
        if path == "/stream" || path == "/ws" {
            let names = (query.value(of: "streams") ?? "").split(separator: "/").compactMap { BinanceStreamName(String($0)) }
            return .upgrade([:], await market(names, combined: path == "/stream", channel: channel, services: services))
        }
        guard path.hasPrefix("/ws/") else { return .dontUpgrade }
        let rest = String(path.dropFirst("/ws/".count))
        if rest.contains("@") {
            let names = rest.split(separator: "/").compactMap { BinanceStreamName(String($0)) }
            return .upgrade([:], await market(names, combined: false, channel: channel, services: services))
        }
        guard await services.state.isLiveListenKey(rest) else {
            services.logger.info("loopback user stream refused: unknown listen key")
            return .dontUpgrade
        }
        return .upgrade([:], await user(listenKey: rest, channel: channel, services: services))
    }

    // MARK: Market streams

    /// Subscribes to the sim and registers the socket before the upgrade is answered, so a
    /// client that sees the upgrade misses no event and can be reached by socket faults.
    private static func market(_ initial: [BinanceStreamName], combined: Bool, channel: any Channel,
                               services: LoopbackVenueServices) async -> Handler {
        let subscriptions = LoopbackStreamSubscriptions(initial)
        let events = services.exchange.marketEvents(symbols: [])
        let (outbox, continuation) = AsyncStream<LoopbackOutgoing>.makeStream()
        let id = await services.state.register(channel: channel, listenKey: nil, outbox: continuation)
        return { inbound, outbound, _ in
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await pumpMarket(events, subscriptions, combined: combined, services: services, into: continuation) }
                group.addTask {
                    await readRequests(inbound, subscriptions: subscriptions, into: continuation)
                    continuation.finish()
                }
                await write(outbox, to: outbound, services: services)
                group.cancelAll()
            }
            await services.state.unregister(id)
        }
    }

    /// Renders the sim's market events for the connection's current subscriptions.
    private static func pumpMarket(_ events: AsyncThrowingStream<MarketEvent, any Error>, _ subscriptions: LoopbackStreamSubscriptions,
                                   combined: Bool, services: LoopbackVenueServices,
                                   into outbox: AsyncStream<LoopbackOutgoing>.Continuation) async {
        var aggTradeId: Int64 = 0
        do {
            for try await event in events {
                let names = subscriptions.current
                var messages: [(BinanceStreamName, BinanceJSON)] = []
                switch event {
                case .bar(let symbol, let bar):
                    for name in names where name.symbol == symbol {
                        switch name.kind {
                        case .kline(let interval, let intervalMs):
                            messages.append((name, BinanceStreamPayloads.kline(bar, symbol: symbol, interval: interval, intervalMs: intervalMs)))
                        case .markPrice:
                            if let mark = try? await services.exchange.markPrice(symbol: symbol) {
                                messages.append((name, BinanceStreamPayloads.markPrice(mark)))
                            }
                        case .aggTrade:
                            aggTradeId += 1
                            let time = await services.exchange.nowMs
                            messages.append((name, BinanceStreamPayloads.aggTrade(bar, symbol: symbol, timeMs: time, tradeId: aggTradeId)))
                        case .bookTicker:
                            continue
                        }
                    }
                case .book(let symbol, let book, let timeMs):
                    for name in names where name.symbol == symbol && name.kind == .bookTicker {
                        messages.append((name, BinanceStreamPayloads.bookTicker(book, symbol: symbol, timeMs: timeMs, updateId: timeMs)))
                    }
                default:
                    // Mark prices and trades are rendered from bars: the sim publishes bars and books.
                    continue
                }
                let hostile = messages.isEmpty ? false : await services.state.faults.hostileValues
                for (name, data) in messages {
                    let data = hostile ? LoopbackHostileValues.apply(to: data) : data
                    let payload = combined ? BinanceJSON.object([("stream", .string(name.raw)), ("data", data)]) : data
                    outbox.yield(.text(payload.serialized))
                }
            }
        } catch {
            services.logger.debug("loopback market pump ended", metadata: ["error": "\(error)"])
        }
    }

    /// Answers `SUBSCRIBE`, `UNSUBSCRIBE` and `LIST_SUBSCRIPTIONS` until the client goes away.
    private static func readRequests(_ inbound: WebSocketInboundStream, subscriptions: LoopbackStreamSubscriptions,
                                     into outbox: AsyncStream<LoopbackOutgoing>.Continuation) async {
        do {
            for try await message in inbound.messages(maxSize: 1 << 16) {
                guard case .text(let text) = message,
                      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                      let method = object["method"] as? String else { continue }
                let id: BinanceJSON = (object["id"] as? Int).map { .int(Int64($0)) } ?? (object["id"] as? String).map { .string($0) } ?? .null
                let params = (object["params"] as? [String]) ?? []
                let names = params.compactMap(BinanceStreamName.init)
                let reply: BinanceJSON
                switch method {
                case "SUBSCRIBE" where names.count == params.count:
                    subscriptions.subscribe(names)
                    reply = .object([("result", .null), ("id", id)])
                case "UNSUBSCRIBE" where names.count == params.count:
                    subscriptions.unsubscribe(names)
                    reply = .object([("result", .null), ("id", id)])
                case "LIST_SUBSCRIPTIONS":
                    reply = .object([("result", .array(subscriptions.current.map { .string($0.raw) })), ("id", id)])
                default:
                    reply = .object([("error", .object([("code", .int(2)), ("msg", .string("Invalid request: unknown method or stream name"))])),
                                     ("id", id)])
                }
                outbox.yield(.text(reply.serialized))
            }
        } catch {
            return
        }
    }

    // MARK: User data stream

    private static func user(listenKey: String, channel: any Channel, services: LoopbackVenueServices) async -> Handler {
        let events = services.exchange.userEvents()
        let (outbox, continuation) = AsyncStream<LoopbackOutgoing>.makeStream()
        let id = await services.state.register(channel: channel, listenKey: listenKey, outbox: continuation)
        services.logger.info("loopback user stream opened")
        return { inbound, outbound, _ in
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await pumpUser(events, services: services, into: continuation) }
                group.addTask {
                    do {
                        for try await _ in inbound.messages(maxSize: 1 << 16) {}
                    } catch {}
                    continuation.finish()
                }
                await write(outbox, to: outbound, services: services)
                group.cancelAll()
            }
            await services.state.unregister(id)
        }
    }

    private static func pumpUser(_ events: AsyncThrowingStream<UserEvent, any Error>, services: LoopbackVenueServices,
                                 into outbox: AsyncStream<LoopbackOutgoing>.Continuation) async {
        do {
            for try await event in events {
                let payload: BinanceJSON
                switch event {
                case .order(let order, let fill):
                    let details = await services.state.details(orderId: Int64(order.orderId) ?? 0)
                    payload = BinanceStreamPayloads.orderUpdate(order, fill: fill, details: details)
                case .account(let account):
                    let positions = (try? await services.exchange.positions()) ?? []
                    payload = BinanceStreamPayloads.accountUpdate(account, positions: positions)
                default:
                    // A gap of the sim's own stream: the socket carries on with what follows.
                    continue
                }
                let hostile = await services.state.faults.hostileValues
                outbox.yield(.text((hostile ? LoopbackHostileValues.apply(to: payload) : payload).serialized))
                await services.state.userEventSent()
            }
        } catch {
            services.logger.debug("loopback user pump ended", metadata: ["error": "\(error)"])
        }
        outbox.finish()
    }

    // MARK: Writing

    /// Sends the outbox in order until it ends or says close; counts each message for the
    /// socket-drop fault.
    private static func write(_ outbox: AsyncStream<LoopbackOutgoing>, to outbound: WebSocketOutboundWriter, services: LoopbackVenueServices) async {
        for await item in outbox {
            switch item {
            case .text(let text):
                do {
                    try await outbound.write(.text(text))
                } catch {
                    return
                }
                await services.state.messageSent()
            case .close:
                return
            }
        }
    }
}
