/// One market-data CSV file and what its name says about it.
///
/// Names follow `SYMBOL-<interval>[-suffix].csv` for bars (`BTCUSDT-1h.csv`, `BTCUSDT-1m.csv`,
/// `BTCUSDT-1h-full.csv`) and `SYMBOL-funding[-raw].csv` for funding rates. The symbol is the part
/// before the first `-`; the interval is the first later part that reads as one (`1m`, `15m`,
/// `1h`, `4h`, `1d`, `1w`, `30s`).
public struct MarketDataFile: Sendable, Hashable {
    /// What a file holds, by its name.
    public enum Kind: Sendable, Hashable {
        /// OHLCV bars, read with `BarFileReader`.
        case bars
        /// Funding rates, read with `FundingSeries.load`.
        case funding
    }

    /// The path as the operator named it (joined onto their `--data` argument).
    public var path: String
    public var symbol: String
    public var kind: Kind
    /// The bar interval the name states, milliseconds; nil when it states none, and for funding.
    public var barIntervalMs: Int64?

    public init(path: String, symbol: String, kind: Kind, barIntervalMs: Int64?) {
        self.path = path
        self.symbol = symbol
        self.kind = kind
        self.barIntervalMs = barIntervalMs
    }

    /// Classifies `path` by its last component; nil when it is not a `.csv` file name with a
    /// symbol (hidden files, READMEs and the like are simply not market data).
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasSuffix(".csv"), !name.hasPrefix(".") else { return nil }
        let parts = name.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        guard let symbol = parts.first, !symbol.isEmpty else { return nil }
        let rest = parts.dropFirst()
        self.path = path
        self.symbol = String(symbol)
        if rest.contains("funding") {
            kind = .funding
            barIntervalMs = nil
        } else {
            kind = .bars
            barIntervalMs = rest.lazy.compactMap { Self.intervalMs($0) }.first
        }
    }

    /// Milliseconds of an interval token such as `1m`, `4h` or `1d`; nil for anything else.
    /// Months (`1M`) are refused: they have no fixed length, so gaps could not be measured.
    public static func intervalMs(_ token: Substring) -> Int64? {
        guard let unit = token.last, token.count >= 2, let amount = Int64(token.dropLast()), amount > 0, amount < 1000 else {
            return nil
        }
        switch unit {
        case "s": return amount * 1000
        case "m": return amount * 60_000
        case "h": return amount * 3_600_000
        case "d": return amount * 86_400_000
        case "w": return amount * 604_800_000
        default: return nil
        }
    }
}
