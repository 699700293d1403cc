import HedgeCore

/// A Binance USD-M market stream name the loopback venue serves: `<symbol>@kline_<interval>`,
/// `<symbol>@bookTicker`, `<symbol>@markPrice` / `@markPrice@1s`, `<symbol>@aggTrade`
/// (symbol in lowercase, as Binance names streams).
struct BinanceStreamName: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case kline(interval: String, intervalMs: Int64)
        case bookTicker
        case markPrice
        case aggTrade
    }

    /// The name as the client wrote it (echoed in combined streams and LIST_SUBSCRIPTIONS).
    let raw: String
    /// Uppercase symbol (`BTCUSDT`).
    let symbol: String
    let kind: Kind

    init?(_ raw: String) {
        let parts = raw.split(separator: "@", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let stream = parts[1]
        let kind: Kind
        if stream.hasPrefix("kline_") {
            let interval = String(stream.dropFirst("kline_".count))
            guard let intervalMs = MarketDataFile.intervalMs(Substring(interval)) else { return nil }
            kind = .kline(interval: interval, intervalMs: intervalMs)
        } else {
            switch stream {
            case "bookTicker": kind = .bookTicker
            case "markPrice", "markPrice@1s": kind = .markPrice
            case "aggTrade": kind = .aggTrade
            default: return nil
            }
        }
        self.raw = raw
        symbol = parts[0].uppercased()
        self.kind = kind
    }
}
