import Foundation
import Testing
@testable import HedgeCore

@Suite("Market data set")
struct MarketDataSetTests {
    static let t0 = MarketDataFixture.startMs
    static let hour = MarketDataFixture.hourMs

    @Test("a directory gives one file per symbol with its interval, and funding from a sibling funding/ directory")
    func directory() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        try fixture.writeBars("1h/ETHUSDT-1h.csv", count: 3)
        try fixture.writeBars("1h/BTCUSDT-1h.csv", count: 3)
        try fixture.write("1h/README.md", "not data")
        try fixture.write("funding/BTCUSDT-funding.csv", "funding_time_ms,funding_rate\n\(Self.t0),0.0001\n\(Self.t0 + 8 * Self.hour),-5e-05\n")
        let set = try MarketDataSet.open(path: fixture.path("1h"))
        #expect(set.symbols == ["BTCUSDT", "ETHUSDT"])
        #expect(set.files.map(\.barIntervalMs) == [Self.hour, Self.hour])
        #expect(set.files.map(\.path) == [fixture.path("1h/BTCUSDT-1h.csv"), fixture.path("1h/ETHUSDT-1h.csv")])
        #expect(set.funding.keys.sorted() == ["BTCUSDT"])
        #expect(set.funding["BTCUSDT"]?.rates == [FundingRate(timeMs: Self.t0, rate: 0.0001), FundingRate(timeMs: Self.t0 + 8 * Self.hour, rate: -0.00005)])
        #expect(set.funding["BTCUSDT"]?.file == fixture.path("funding/BTCUSDT-funding.csv"))
        // Each stream starts from the beginning.
        #expect(try set.makeStream().readAll().count == 6)
        #expect(try set.makeStream().readAll().count == 6)
    }

    @Test("funding is looked for next to the bars, then in funding/ inside, then in a sibling funding/", arguments: [
        ("bars/BTCUSDT-funding.csv", "bars/BTCUSDT-funding.csv"),
        ("bars/funding/BTCUSDT-funding-raw.csv", "bars/funding/BTCUSDT-funding-raw.csv"),
        ("funding/BTCUSDT-funding.csv", "funding/BTCUSDT-funding.csv"),
    ])
    func fundingLocations(written: String, found: String) throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        try fixture.writeBars("bars/BTCUSDT-1h.csv", count: 2)
        try fixture.write(written, "funding_time_ms,funding_interval_hours,funding_rate\n1735689600015,8,0.00010000\n")
        for path in [fixture.path("bars"), fixture.path("bars/BTCUSDT-1h.csv")] {
            let set = try MarketDataSet.open(path: path)
            #expect(set.funding["BTCUSDT"]?.file == fixture.path(found))
            #expect(set.funding["BTCUSDT"]?.rates.first == FundingRate(timeMs: 1_735_689_600_015, rate: 0.0001))
        }
    }

    @Test("a single bar file is a set of one symbol")
    func singleFile() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.writeBars("BTCUSDT-1m.csv", count: 5, stepMs: 60_000)
        let set = try MarketDataSet.open(path: path)
        #expect(set.symbols == ["BTCUSDT"])
        #expect(set.files.first?.barIntervalMs == 60_000)
        #expect(set.funding.isEmpty)
        #expect(try set.makeStream().readAll().count == 5)
    }

    @Test("symbol and time filters select files and bars; symbols are case-insensitive")
    func filters() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        for symbol in ["BTCUSDT", "ETHUSDT", "SOLUSDT"] { try fixture.writeBars("\(symbol)-1h.csv", count: 10) }
        let set = try MarketDataSet.open(path: fixture.directory, symbols: ["solusdt", "BTCUSDT"], fromMs: Self.t0 + 3 * Self.hour, toMs: Self.t0 + 5 * Self.hour)
        #expect(set.symbols == ["BTCUSDT", "SOLUSDT"])
        let events = try set.makeStream().readAll()
        #expect(events.map(\.symbol) == ["BTCUSDT", "SOLUSDT", "BTCUSDT", "SOLUSDT"])
        #expect(events.map(\.bar.openTimeMs) == [3, 3, 4, 4].map { Self.t0 + $0 * Self.hour })
    }

    @Test("strict makes a gap an error in the stream")
    func strict() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let lines = MarketDataFixture.barLines(count: 4)
        let path = try fixture.write("BTCUSDT-1h.csv", [lines[0], lines[1], lines[3], lines[4]].joined(separator: "\n"))
        let lenient = try MarketDataSet.open(path: path).makeStream()
        #expect(try lenient.readAll().count == 3)
        #expect(lenient.warnings.map(\.line) == [3])
        let strict = try MarketDataSet.open(path: path, strict: true).makeStream()
        #expect(throws: MarketDataError.self) { try strict.readAll() }
    }

    @Test("discovery problems are errors naming the path", arguments: [
        ("two intervals for one symbol", "BTCUSDT has several bar files: BTCUSDT-1h.csv and BTCUSDT-1m.csv; keep one interval per directory"),
        ("unknown symbol", "no bar file for XRPUSDT (available: BTCUSDT, ETHUSDT)"),
        ("empty range", "empty time range: from 2025-01-01T01:00:00Z is not before to 2025-01-01T00:00:00Z"),
        ("no bar files", "no bar files (SYMBOL-<interval>.csv); subdirectories: 1h"),
        ("not found", "not found"),
    ])
    func discoveryErrors(name: String, reason: String) throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        try fixture.writeBars("BTCUSDT-1h.csv", count: 2)
        try fixture.writeBars("ETHUSDT-1h.csv", count: 2)
        var path = fixture.directory
        switch name {
        case "two intervals for one symbol":
            try fixture.writeBars("BTCUSDT-1m.csv", count: 2, stepMs: 60_000)
            #expect(throws: MarketDataError(file: path, line: 0, reason: reason)) { try MarketDataSet.open(path: path) }
        case "unknown symbol":
            #expect(throws: MarketDataError(file: path, line: 0, reason: reason)) { try MarketDataSet.open(path: path, symbols: ["BTCUSDT", "XRPUSDT"]) }
        case "empty range":
            #expect(throws: MarketDataError(file: path, line: 0, reason: reason)) { try MarketDataSet.open(path: path, fromMs: Self.t0 + Self.hour, toMs: Self.t0) }
        case "no bar files":
            path = fixture.path("parent")
            try fixture.writeBars("parent/1h/BTCUSDT-1h.csv", count: 2)
            #expect(throws: MarketDataError(file: path, line: 0, reason: reason)) { try MarketDataSet.open(path: path) }
        default:
            path = fixture.path("missing")
            #expect(throws: MarketDataError(file: path, line: 0, reason: reason)) { try MarketDataSet.open(path: path) }
        }
    }

    @Test("a file's missing column fails at open, before any bar is read")
    func headerCheckedAtOpen() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        try fixture.writeBars("BTCUSDT-1h.csv", count: 2)
        let mark = try fixture.write("ETHUSDT-mark-1h.csv", "open_time_ms,open,high,low,close\n\(Self.t0),1,1,1,1\n")
        #expect(throws: MarketDataError(file: mark, line: 1, reason: "missing required column volume (header: open_time_ms,open,high,low,close)")) {
            try MarketDataSet.open(path: fixture.directory)
        }
    }

    @Test("funding rows are checked: finite fraction below 1, strictly increasing times", arguments: [
        ("\(t0),0.0001\n\(t0),0.0002", 3, "duplicate funding_time_ms \(t0) (line 2)"),
        ("\(t0),0.0001\n\(t0 - 1),0.0002", 3, "funding_time_ms \(t0 - 1) is before the previous row's \(t0) (line 2)"),
        ("\(t0),1.5", 2, "funding_rate 1.5 is not a fraction with |rate| < 1"),
        ("\(t0),nan", 2, "malformed number in column funding_rate: \"nan\""),
        ("\(t0)", 2, "1 fields, header has 2"),
        ("soon,0.0001", 2, "malformed funding_time_ms \"soon\""),
    ])
    func fundingErrors(rows: String, line: Int, reason: String) throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("BTCUSDT-funding.csv", "funding_time_ms,funding_rate\n\(rows)\n")
        #expect(throws: MarketDataError(file: path, line: line, reason: reason)) { try FundingSeries.load(path: path) }
    }

    @Test("funding look-ups find the latest settlement and the settlements in a range")
    func fundingLookups() {
        let series = FundingSeries(symbol: "BTCUSDT", rates: [100, 200, 300].map { FundingRate(timeMs: $0, rate: Double($0) / 1e6) })
        #expect(series.latest(atOrBeforeMs: 99) == nil)
        #expect(series.latest(atOrBeforeMs: 200)?.timeMs == 200)
        #expect(series.latest(atOrBeforeMs: 299)?.timeMs == 200)
        #expect(series.latest(atOrBeforeMs: 1000)?.timeMs == 300)
        #expect(series.rates(fromMs: 100, toMs: 300).map(\.timeMs) == [100, 200])
        #expect(series.rates(fromMs: 101, toMs: 301).map(\.timeMs) == [200, 300])
        #expect(series.rates(fromMs: 300, toMs: 300).isEmpty)
    }

    @Test("file names give symbol, kind and interval", arguments: [
        ("d/BTCUSDT-1h.csv", "BTCUSDT", MarketDataFile.Kind.bars, Int64?(3_600_000)),
        ("BTCUSDT-1h-full.csv", "BTCUSDT", .bars, 3_600_000),
        ("ETHUSDT-15m.csv", "ETHUSDT", .bars, 900_000),
        ("SOLUSDT-1d.csv", "SOLUSDT", .bars, 86_400_000),
        ("BTCUSDT-mark-1h.csv", "BTCUSDT", .bars, 3_600_000),
        ("BTCUSDT.csv", "BTCUSDT", .bars, nil),
        ("BTCUSDT-1M.csv", "BTCUSDT", .bars, nil),
        ("BTCUSDT-funding.csv", "BTCUSDT", .funding, nil),
        ("BTCUSDT-funding-raw.csv", "BTCUSDT", .funding, nil),
    ])
    func fileNames(path: String, symbol: String, kind: MarketDataFile.Kind, intervalMs: Int64?) {
        #expect(MarketDataFile(path: path) == MarketDataFile(path: path, symbol: symbol, kind: kind, barIntervalMs: intervalMs))
    }

    @Test("names that are not market-data CSVs are not files of the set", arguments: ["README.md", ".BTCUSDT-1h.csv", "-1h.csv", "BTCUSDT-1h.csv.gz"])
    func notMarketData(name: String) {
        #expect(MarketDataFile(path: name) == nil)
    }
}
