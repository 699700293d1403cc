/// Product ids of the Coinbase loopback venue and the sim symbols behind them: the sim replays
/// Binance data (`BTCUSDT`), served as the USD spot product of the same base (`BTC-USD`).
enum CoinbaseLoopbackProducts {
    /// `BTC-USD` for `BTCUSDT`; nil for a symbol not quoted in USDT.
    static func productId(simSymbol: String) -> String? {
        guard simSymbol.hasSuffix("USDT"), simSymbol.count > 4 else { return nil }
        return String(simSymbol.dropLast(4)) + "-USD"
    }

    /// `BTCUSDT` for `BTC-USD`; nil for anything else.
    static func simSymbol(productId: String) -> String? {
        let parts = productId.split(separator: "-")
        guard parts.count == 2, parts[1] == "USD", !parts[0].isEmpty else { return nil }
        return parts[0] + "USDT"
    }

    /// `BTC` of `BTC-USD`.
    static func baseCurrency(productId: String) -> String {
        String(productId.split(separator: "-").first ?? "")
    }
}
