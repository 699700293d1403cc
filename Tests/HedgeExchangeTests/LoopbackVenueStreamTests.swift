import Foundation
import HedgeCore
import HedgeExchange
import HedgeTestKit
import HedgeVenueServer
import HummingbirdWSClient
import Logging
import NIOHTTP1
import Testing

@Suite("Loopback venue: WebSocket streams")
struct LoopbackVenueStreamTests {
    private static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test("a raw kline stream sends the closed bar after the replay steps")
    func klineAfterStep() async throws {
        try await LoopbackHarness.with { venue in
            let received = LockedValue<[String]>([])
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(venue.port)/ws/testusdt@kline_1m", logger: Logger(label: "test.ws")) {
                inbound, _, _ in
                // The server subscribed before answering the upgrade: the next bar reaches this socket.
                try await venue.replay.step()
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { received.withLock { $0.append(text) } }
                    break
                }
            }
            let event = Self.object(try #require(received.value.first))
            #expect(event["e"] as? String == "kline")
            #expect(event["s"] as? String == "TESTUSDT")
            let kline = try #require(event["k"] as? [String: Any])
            #expect(kline["i"] as? String == "1m")
            #expect(kline["x"] as? Bool == true)
            #expect(kline["c"] as? String == "100")
            #expect(kline["t"] as? Int64 == SimFixture.startMs + 3 * SimFixture.minuteMs)
        }
    }

    @Test("a combined stream answers SUBSCRIBE and wraps events with their stream name")
    func combinedSubscribe() async throws {
        try await LoopbackHarness.with { venue in
            let received = LockedValue<[String]>([])
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(venue.port)/stream", logger: Logger(label: "test.ws")) {
                inbound, outbound, _ in
                try await outbound.write(.text(#"{"method":"SUBSCRIBE","params":["testusdt@bookTicker"],"id":7}"#))
                var iterator = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                if case .text(let text)? = try await iterator.next() { received.withLock { $0.append(text) } }
                try await venue.replay.step()
                if case .text(let text)? = try await iterator.next() { received.withLock { $0.append(text) } }
            }
            let messages = received.value
            try #require(messages.count == 2)
            #expect(messages[0] == #"{"result":null,"id":7}"#)
            let wrapped = Self.object(messages[1])
            #expect(wrapped["stream"] as? String == "testusdt@bookTicker")
            let data = try #require(wrapped["data"] as? [String: Any])
            #expect(data["e"] as? String == "bookTicker")
            #expect(data["b"] is String)
        }
    }

    @Test("a listen key is created and kept alive; its stream carries order updates, then listenKeyExpired, and keep-alive fails with -1125")
    func listenKeyLifecycle() async throws {
        try await LoopbackHarness.with { venue in
            let created = try await venue.request(.POST, "/fapi/v1/listenKey")
            let key = try #require(created.object["listenKey"] as? String)
            #expect(key.count == 64)
            let keptAlive = try await venue.request(.PUT, "/fapi/v1/listenKey")
            #expect(keptAlive.status == 200)
            #expect(keptAlive.object["listenKey"] as? String == key)

            let received = LockedValue<[String]>([])
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(venue.port)/ws/\(key)", logger: Logger(label: "test.ws")) {
                inbound, _, _ in
                var iterator = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                _ = try await venue.placeRestingOrder("stream-1")
                if case .text(let text)? = try await iterator.next() { received.withLock { $0.append(text) } }
                await venue.venue.expireListenKeys()
                while let message = try await iterator.next() {
                    if case .text(let text) = message { received.withLock { $0.append(text) } }
                }
            }
            let messages = received.value.map(Self.object)
            try #require(messages.count == 2)
            #expect(messages[0]["e"] as? String == "ORDER_TRADE_UPDATE")
            let order = try #require(messages[0]["o"] as? [String: Any])
            #expect(order["c"] as? String == "stream-1")
            #expect(order["x"] as? String == "NEW")
            #expect(order["X"] as? String == "NEW")
            #expect(messages[1]["e"] as? String == "listenKeyExpired")
            #expect(messages[1]["listenKey"] as? String == key)

            let afterExpiry = try await venue.request(.PUT, "/fapi/v1/listenKey")
            #expect(afterExpiry.status == 400)
            #expect(afterExpiry.code == -1125)
        }
    }
}
