import Testing
@testable import HedgeCore

/// The data set bundled in `data/demo/` (found from this file, never from the shared collection).
@Suite("Bundled demo market data")
struct MarketDataDemoTests {
    static let symbols = ["BNBUSDT", "BTCUSDT", "DOGEUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"]

    @Test("the 1h set opens, merges in time order with no gaps, and has funding for every symbol")
    func hourly() throws {
        let set = try MarketDataSet.open(path: MarketDataFixture.demoDirectory + "/1h", strict: true)
        #expect(set.symbols == Self.symbols)
        #expect(set.files.allSatisfy { $0.barIntervalMs == 3_600_000 })
        #expect(set.funding.keys.sorted() == Self.symbols)
        #expect(set.funding.values.allSatisfy { $0.rates.count == 1247 })

        let stream = try set.makeStream()
        var count = 0
        var previous: (Int64, String)?
        var ordered = true
        while let event = try stream.next() {
            if let previous, (previous.0, previous.1) >= (event.bar.openTimeMs, event.symbol) { ordered = false }
            previous = (event.bar.openTimeMs, event.symbol)
            count += 1
        }
        #expect(ordered)
        #expect(count == 6 * 9978)
        #expect(stream.warnings.isEmpty)
    }

    @Test("the 1m replay slice holds three days of three symbols without gaps")
    func minutes() throws {
        let set = try MarketDataSet.open(path: MarketDataFixture.demoDirectory + "/1m", strict: true)
        #expect(set.symbols == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
        let stream = try set.makeStream()
        let events = try stream.readAll()
        #expect(events.count == 3 * 4320)
        #expect(events.first?.bar.openTimeMs == UTCTime.parse("2025-05-05T00:00Z"))
        #expect(events.last?.bar.openTimeMs == UTCTime.parse("2025-05-07T23:59Z"))
        #expect(stream.warnings.isEmpty)
        // The sibling funding/ directory serves the 1m slice too.
        #expect(set.funding.keys.sorted() == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
    }
}
