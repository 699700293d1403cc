import Testing
@testable import HedgeCore

@Suite("Merged bar stream")
struct MarketDataMergeTests {
    static let t0 = MarketDataFixture.startMs
    static let hour = MarketDataFixture.hourMs

    @Test("events come in open-time order, ties broken by symbol name whatever the reader order")
    func ordering() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        // ETH starts an hour later; SOL is 4-hourly; BTC and ETH share every later timestamp.
        let eth = try fixture.writeBars("ETHUSDT-1h.csv", count: 3, startMs: Self.t0 + Self.hour)
        let btc = try fixture.writeBars("BTCUSDT-1h.csv", count: 4)
        let sol = try fixture.writeBars("SOLUSDT-4h.csv", count: 2, stepMs: 4 * Self.hour)
        for order in [[eth, btc, sol], [sol, eth, btc], [btc, sol, eth]] {
            let stream = MergedBarStream(readers: try order.map { path throws(MarketDataError) in try BarFileReader(path: path) })
            #expect(stream.symbols == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
            let events = try stream.readAll().map { "\($0.symbol)@\(($0.bar.openTimeMs - Self.t0) / Self.hour)" }
            #expect(events == ["BTCUSDT@0", "SOLUSDT@0", "BTCUSDT@1", "ETHUSDT@1", "BTCUSDT@2", "ETHUSDT@2", "BTCUSDT@3", "ETHUSDT@3", "SOLUSDT@4"])
            #expect(try stream.next() == nil)
        }
    }

    @Test("each reader's time range filters its bars in the merge")
    func timeRange() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let configuration = BarFileReader.Configuration(fromMs: Self.t0 + 2 * Self.hour, toMs: Self.t0 + 4 * Self.hour)
        let readers = try ["BTCUSDT-1h.csv", "ETHUSDT-1h.csv"].map { name throws in
            try BarFileReader(path: try fixture.writeBars(name, count: 6), configuration: configuration)
        }
        let events = try MergedBarStream(readers: readers).readAll()
        #expect(events.map(\.symbol) == ["BTCUSDT", "ETHUSDT", "BTCUSDT", "ETHUSDT"])
        #expect(events.map(\.bar.openTimeMs) == [2, 2, 3, 3].map { Self.t0 + $0 * Self.hour })
    }

    @Test("a bad row in any file stops the merge with that file's error, and the stream keeps failing")
    func error() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let btc = try fixture.writeBars("BTCUSDT-1h.csv", count: 3)
        let bad = try fixture.write("ETHUSDT-1h.csv", MarketDataFixture.barLines(count: 1).joined(separator: "\n") + "\n\(Self.t0 + Self.hour),1,1,2,1,1\n")
        let stream = MergedBarStream(readers: [try BarFileReader(path: btc), try BarFileReader(path: bad)])
        let expected = MarketDataError(file: bad, line: 3, reason: "high 1 < low 2")
        #expect(throws: expected) { try stream.readAll() }
        #expect(throws: expected) { try stream.next() }
    }

    @Test("gap warnings of every reader are collected on the stream")
    func warnings() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let lines = MarketDataFixture.barLines(count: 4)
        let gapped = try fixture.write("ETHUSDT-1h.csv", ([lines[0], lines[1], lines[2], lines[4]]).joined(separator: "\n"))
        let stream = MergedBarStream(readers: [try BarFileReader(path: gapped), try BarFileReader(path: try fixture.writeBars("BTCUSDT-1h.csv", count: 4))])
        #expect(try stream.readAll().count == 7)
        #expect(stream.warnings.map(\.file) == [gapped])
        #expect(stream.warnings.first?.missingBars == 1)
    }
}
