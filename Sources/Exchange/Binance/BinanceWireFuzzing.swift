import Foundation
import HedgeCore

/// Every reader of what a Binance venue sends, run over one input: the surface the fuzz target
/// (`Sources/Fuzz`, `scripts/fuzz.sh`) and the fuzz regression tests drive. Each reader must
/// answer (a value or an `ExchangeError`) and never trap, whatever the bytes.
public enum BinanceWireFuzzing {
    /// Feeds `bytes` to the stream decoders, the REST body decoders and their conversions to venue
    /// types, the error mapping (as each status the adapter treats specially) and the header and
    /// rate-limit readers (the bytes as header text).
    public static func exercise(_ bytes: [UInt8]) {
        let data = Data(bytes)
        _ = try? BinanceStreamDecoder.marketEvent(from: data)
        _ = try? BinanceStreamDecoder.userMessage(from: data)
        restBodies(data)
        for status in [400, 418, 429, 503] {
            _ = BinanceAPIError.map(status: status, body: data, retryAfter: String(decoding: bytes.prefix(64), as: UTF8.self),
                                    nowMs: 1_700_000_000_000, clientOrderId: "hm-fuzz-1", symbol: "BTCUSDT")
        }
        headers(String(decoding: bytes.prefix(256), as: UTF8.self))
    }

    private static func restBodies(_ data: Data) {
        let context = "fuzz"
        if let info = try? WireDecoding.decode(BinanceWire.ExchangeInfo.self, from: data, context: context) { _ = info.venueFilters() }
        if let rows = try? WireDecoding.decode([BinanceWire.Kline].self, from: data, context: context) {
            for row in rows { _ = try? row.bar(context: context) }
        }
        if let book = try? WireDecoding.decode(BinanceWire.BookTicker.self, from: data, context: context) { _ = try? book.bookTop(context: context) }
        if let index = try? WireDecoding.decode(BinanceWire.PremiumIndex.self, from: data, context: context) {
            _ = try? index.markPrice(context: context)
        }
        if let account = try? WireDecoding.decode(BinanceWire.Account.self, from: data, context: context) {
            _ = try? account.snapshot(timeMs: 0, context: context)
        }
        if let rows = try? WireDecoding.decode([BinanceWire.PositionRisk].self, from: data, context: context) {
            for row in rows { _ = try? row.position(context: context) }
        }
        if let order = try? WireDecoding.decode(BinanceWire.Order.self, from: data, context: context) { _ = try? order.venueOrder(context: context) }
        if let rows = try? WireDecoding.decode([BinanceWire.Order].self, from: data, context: context) {
            for row in rows { _ = try? row.venueOrder(context: context) }
        }
        if let rows = try? WireDecoding.decode([BinanceWire.UserTrade].self, from: data, context: context) {
            for row in rows { _ = try? row.venueFill(clientOrderId: "", context: context) }
        }
    }

    private static func headers(_ text: String) {
        let now: Int64 = 1_700_000_000_000
        let seconds = BinanceHeaderValues.seconds(text)
        let count = BinanceHeaderValues.count(text)
        _ = BinanceAPIError.bannedUntil(in: text, nowMs: now)
        var limiter = BinanceRateLimiter()
        limiter.record(usedWeight1m: count, orderCount10s: count, orderCount1m: count, nowMs: now)
        limiter.reserve(weight: 5, isOrder: true, nowMs: now)
        limiter.tooManyRequests(retryAfterSeconds: seconds ?? Double(text.utf8.count), nowMs: now)
        _ = limiter.delay(weight: 5, isOrder: true, nowMs: now)
    }
}
