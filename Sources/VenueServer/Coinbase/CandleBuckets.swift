import HedgeCore

/// Five-minute candles from the sim's shorter bars, as Coinbase's `candles` channel streams them:
/// each bar updates its bucket's forming candle; the bar that ends a bucket closes it and starts
/// the next one (open at the close, no volume yet), so a client sees the close at once.
struct CandleBuckets: Sendable {
    static let bucketMs: Int64 = 300_000

    /// The forming candle per product, and whether it is only the placeholder started at a close.
    private var forming: [String: (bar: Bar, placeholder: Bool)] = [:]

    /// The candles to send for `bar` (`lengthMs` long) of `product`: the forming one, or the closed
    /// one and the next. Bars of five minutes or longer are sent as they are.
    mutating func add(_ bar: Bar, lengthMs: Int64, product: String) -> [Bar] {
        guard lengthMs < Self.bucketMs else { return [bar] }
        let start = bar.openTimeMs - bar.openTimeMs % Self.bucketMs
        var candle: Bar
        if let current = forming[product], current.bar.openTimeMs == start, !current.placeholder {
            candle = current.bar
            candle.high = max(candle.high, bar.high)
            candle.low = min(candle.low, bar.low)
            candle.close = bar.close
            candle.volume += bar.volume
        } else {
            candle = Bar(openTimeMs: start, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
        }
        guard bar.openTimeMs + lengthMs >= start + Self.bucketMs else {
            forming[product] = (candle, false)
            return [candle]
        }
        let next = Bar(openTimeMs: start + Self.bucketMs, open: candle.close, high: candle.close, low: candle.close, close: candle.close, volume: 0)
        forming[product] = (next, true)
        return [candle, next]
    }

    /// Complete five-minute candles from `bars` (oldest first), oldest first.
    static func aggregate(_ bars: [Bar], lengthMs: Int64) -> [Bar] {
        guard lengthMs < bucketMs else { return bars }
        var buckets = CandleBuckets()
        var closed: [Bar] = []
        for bar in bars {
            let sent = buckets.add(bar, lengthMs: lengthMs, product: "")
            if sent.count == 2 { closed.append(sent[0]) }
        }
        return closed
    }
}
