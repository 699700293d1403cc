/// The tradable universe from `config/pairs_universe.json`: which symbols exist, their tier and
/// cluster, whether they are enabled, and the liquidity filters per tier.
public struct PairsUniverse: Sendable, Hashable {
    public var symbols: [String: UniverseSymbol]
    public var filters: [Tier: LiquidityFilter]
    /// How the universe is discovered on a venue that lists its products (`discovery`); nil:
    /// the `symbols` listed are the universe.
    public var discovery: DiscoverySettings?
    /// The symbols are spot pairs (Coinbase): no short legs, no leverage. Set from the venue
    /// (`hedge run --venue coinbase`) or the backtest's `--venue-kind spot`, never from the file.
    public var spot = false

    public init(symbols: [String: UniverseSymbol], filters: [Tier: LiquidityFilter] = [:], discovery: DiscoverySettings? = nil,
                spot: Bool = false) {
        self.symbols = symbols
        self.filters = filters
        self.discovery = discovery
        self.spot = spot
    }

    /// The symbol's entry when it exists and is enabled.
    public func tradable(_ symbol: String) -> UniverseSymbol? {
        guard let entry = symbols[symbol], entry.enabled else { return nil }
        return entry
    }

    /// Enabled symbols, sorted (deterministic iteration for heartbeats and reports).
    public var enabledSymbols: [String] {
        symbols.filter(\.value.enabled).keys.sorted()
    }

    /// Symbol → tier, for strategies that size by tier.
    public var tierBySymbol: [String: Tier] {
        symbols.mapValues(\.tier)
    }
}

/// One symbol of the universe.
public struct UniverseSymbol: Sendable, Hashable {
    public var tier: Tier
    public var cluster: String
    public var enabled: Bool
    /// The leverage set on the venue for this symbol at start (`leverage`, default 1): what
    /// intents carry and `max_leverage` is checked against.
    public var leverage: Int

    public init(tier: Tier, cluster: String, enabled: Bool = true, leverage: Int = 1) {
        self.tier = tier
        self.cluster = cluster
        self.enabled = enabled
        self.leverage = leverage
    }
}

/// Liquidity a symbol of a tier must show to be eligible.
public struct LiquidityFilter: Sendable, Hashable {
    public var minQuoteVolume24hUSD: Double
    public var maxSpreadBps: Double
    public var minDepthUSD: Double

    public init(minQuoteVolume24hUSD: Double, maxSpreadBps: Double, minDepthUSD: Double) {
        self.minQuoteVolume24hUSD = minQuoteVolume24hUSD
        self.maxSpreadBps = maxSpreadBps
        self.minDepthUSD = minDepthUSD
    }
}

extension PairsUniverse {
    /// Reads and validates `pairs_universe.json` (already parsed); nil when any problem was found.
    public static func read(_ document: JSONValue, file: String, problems: inout ConfigProblems) -> PairsUniverse? {
        let before = problems.all.count
        guard var root = ConfigObjectReader(document, file: file, path: "", problems: &problems) else { return nil }

        var symbols: [String: UniverseSymbol] = [:]
        if var symbolReader = root.object("symbols", problems: &problems) {
            symbolReader.acceptAllKeys()
            for symbol in symbolReader.keys {
                if !isPlausibleSymbol(symbol) {
                    problems.add(file, symbolReader.keyPath(symbol), "symbol names are upper-case letters and digits (e.g. BTCUSDT, or BTC-USD on Coinbase)")
                }
                guard var entry = symbolReader.object(symbol, problems: &problems) else { continue }
                let tier = entry.choice("tier", as: Tier.self, problems: &problems)
                let cluster = entry.string("cluster", problems: &problems)
                let enabled = entry.bool("enabled", required: false, problems: &problems) ?? true
                // Binance USD-M allows 1…125 (less for some symbols; the venue refuses the rest at start).
                let leverage = entry.integer("leverage", .closed(1, 125), required: false, problems: &problems) ?? 1
                entry.finish(into: &problems)
                if let tier, let cluster {
                    symbols[symbol] = UniverseSymbol(tier: tier, cluster: cluster, enabled: enabled, leverage: leverage)
                }
            }
        }

        var filters: [Tier: LiquidityFilter] = [:]
        if var filterReader = root.object("filters", required: false, problems: &problems) {
            for tier in Tier.allCases {
                guard var entry = filterReader.object(tier.rawValue, required: false, problems: &problems) else { continue }
                let volume = entry.number("min_quote_volume_24h_usd", .nonNegative, problems: &problems)
                let spread = entry.number("max_spread_bps", .positive, problems: &problems)
                let depth = entry.number("min_depth_usd", .nonNegative, problems: &problems)
                entry.finish(into: &problems)
                if let volume, let spread, let depth {
                    filters[tier] = LiquidityFilter(minQuoteVolume24hUSD: volume, maxSpreadBps: spread, minDepthUSD: depth)
                }
            }
            filterReader.finish(into: &problems)
        }

        var discovery: DiscoverySettings?
        if var section = root.object("discovery", required: false, problems: &problems) {
            discovery = DiscoverySettings.read(&section, file: file, problems: &problems)
            section.finish(into: &problems)
        }

        root.finish(into: &problems)
        guard problems.all.count == before else { return nil }
        return PairsUniverse(symbols: symbols, filters: filters, discovery: discovery)
    }
}

/// Venue symbols are upper-case ASCII letters and digits (`BTCUSDT`), or two such names joined by
/// one dash (Coinbase's `BTC-USD`); anything else is a typo.
func isPlausibleSymbol(_ symbol: String) -> Bool {
    let parts = symbol.split(separator: "-", omittingEmptySubsequences: false)
    return (1...2).contains(parts.count)
        && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (65...90).contains($0) || (48...57).contains($0) } }
}
