import Foundation
@testable import HedgeCore
import Testing

@Suite("Universe discovery")
struct UniverseDiscoveryTests {
    static let filters: [Tier: LiquidityFilter] = [
        .t1: LiquidityFilter(minQuoteVolume24hUSD: 500_000_000, maxSpreadBps: 5, minDepthUSD: 250_000),
        .t2: LiquidityFilter(minQuoteVolume24hUSD: 30_000_000, maxSpreadBps: 15, minDepthUSD: 50_000),
    ]

    static func product(_ symbol: String, _ volume: Double, quote: String = "USD", tradable: Bool = true) -> ListedProduct {
        ListedProduct(symbol: symbol, baseCurrency: String(symbol.split(separator: "-")[0]), quoteCurrency: quote, tradable: tradable,
                      quoteVolume24hUSD: volume)
    }

    static func reading(_ volume: Double, spread: Double, depth: Double) -> LiquidityReading {
        LiquidityReading(quoteVolume24hUSD: volume, spreadBps: spread, depthUSD: depth)
    }

    @Test("candidates are tradable USD products, not excluded, largest volume first, at most `candidates`")
    func candidates() {
        var settings = DiscoverySettings(candidates: 3)
        settings.exclude.insert("SHIB-USD")
        let products = [
            Self.product("ETH-USD", 9e9), Self.product("USDT-USD", 5e10), Self.product("BTC-EUR", 8e10, quote: "EUR"),
            Self.product("BTC-USD", 2e10), Self.product("SHIB-USD", 1e9), Self.product("HALT-USD", 7e9, tradable: false),
            Self.product("UNI-USD", 1.3e7), Self.product("SOL-USD", 3e9),
        ]
        #expect(UniverseDiscovery.candidates(products, settings: settings).map(\.symbol) == ["BTC-USD", "ETH-USD", "SOL-USD"])
    }

    @Test("each candidate gets the best tier it passes; the first max_symbols eligible are selected; the rest say why not")
    func decisions() {
        let settings = DiscoverySettings(maxSymbols: 2, nearThresholdFraction: 0.1, nearThresholdMaxSpreadBps: 3,
                                         clusters: ["BTC": "MAJOR", "ETH": "MAJOR"])
        let decisions = UniverseDiscovery.decide([
            (Self.product("BTC-USD", 2e10), Self.reading(2e10, spread: 1, depth: 2e6)),
            (Self.product("SOL-USD", 3e9), Self.reading(3e9, spread: 8, depth: 3e5)),
            (Self.product("ETH-USD", 9e9), Self.reading(9e9, spread: 2, depth: 1e6)),
            (Self.product("UNI-USD", 13_532_248), Self.reading(13_532_248, spread: 9, depth: 80_000)),
            (Self.product("AVAX-USD", 28_000_000), Self.reading(28_000_000, spread: 2.5, depth: 90_000)),
            (Self.product("DOT-USD", 28_000_000), Self.reading(28_000_000, spread: 4, depth: 90_000)),
            (Self.product("LINK-USD", 4e7), nil),
        ], filters: Self.filters, settings: settings)

        #expect(decisions.map(\.tier) == [.t1, .t2, .t1, nil, .t2, nil, nil])
        #expect(decisions.map(\.selected) == [true, true, false, false, false, false, false])
        #expect(decisions.map(\.cluster) == ["MAJOR", "OTHER", "MAJOR", "OTHER", "OTHER", "OTHER", "OTHER"])
        #expect(decisions[2].description == "Tier 1 asset ETH-USD eligible, beyond max_symbols: Volume $9,000,000,000 >= $500,000,000, spread 2.00 bps, depth $1,000,000")
        // The seed's line, with the numbers it decided on.
        #expect(decisions[3].description == "asset UNI-USD ineligible: below tier T2: Volume $13,532,248 < $30,000,000")
        // Within 10 % under the T2 floor: passes with a tight book, not with a wider one.
        #expect(decisions[4].reason == "near threshold: Volume $28,000,000 < $30,000,000 by <= 10%, spread 2.50 bps <= 3.00")
        #expect(decisions[5].reason == "below tier T2: Volume $28,000,000 < $30,000,000")
        #expect(decisions[6].reason == "book unavailable")

        let universe = UniverseDiscovery.universe(decisions, filters: Self.filters, settings: settings)
        #expect(universe.enabledSymbols == ["BTC-USD", "SOL-USD"])
        #expect(universe.symbols["SOL-USD"]?.tier == .t2)
        #expect(universe.spot)
    }

    @Test("pairs_universe.json reads a discovery section and Coinbase product names; bad values are named")
    func reading() throws {
        let text = #"""
        {"symbols": {"BTC-USD": {"tier": "T1", "cluster": "MAJOR"}},
         "filters": {"T1": {"min_quote_volume_24h_usd": 1, "max_spread_bps": 5, "min_depth_usd": 1}},
         "discovery": {"quote": "USD", "max_symbols": 3, "exclude": ["USDT-USD"], "clusters": {"BTC": "MAJOR"}}}
        """#
        var problems = ConfigProblems()
        let document = try #require(ConfigDocument.parseJSON(Data(text.utf8), displayName: "pairs_universe.json", problems: &problems))
        let universe = try #require(PairsUniverse.read(document, file: "pairs_universe.json", problems: &problems))
        #expect(universe.discovery?.maxSymbols == 3)
        #expect(universe.discovery?.exclude == ["USDT-USD"])
        #expect(universe.discovery?.clusters == ["BTC": "MAJOR"])
        #expect(universe.symbols["BTC-USD"]?.tier == .t1)
        #expect(!universe.spot, "spot comes from the venue, never from the file")

        let bad = text.replacingOccurrences(of: #""max_symbols": 3"#, with: #""max_symbols": 0"#)
            .replacingOccurrences(of: #"["USDT-USD"]"#, with: #"["USDT-USD", 7]"#)
        var badProblems = ConfigProblems()
        let badDocument = try #require(ConfigDocument.parseJSON(Data(bad.utf8), displayName: "pairs_universe.json", problems: &badProblems))
        #expect(PairsUniverse.read(badDocument, file: "pairs_universe.json", problems: &badProblems) == nil)
        #expect(badProblems.all.map(\.keyPath) == ["discovery.max_symbols", "discovery.exclude[1]"])
    }
}
