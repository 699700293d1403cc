import Foundation
import Testing
@testable import HedgeCore

@Suite("Bar file reader")
struct MarketDataReaderTests {
    static let t0 = MarketDataFixture.startMs
    static let hour = MarketDataFixture.hourMs
    static func t(_ hours: Int64) -> Int64 { t0 + hours * hour }
    static let good = "\(t(0)),100,102,99,101,5"

    @Test("an error reads FILE:LINE: reason")
    func errorDescription() {
        #expect(MarketDataError(file: "BTCUSDT-1h.csv", line: 42, reason: "high 100 < low 101").description == "BTCUSDT-1h.csv:42: high 100 < low 101")
        #expect(MarketDataError(file: "data/x", line: 0, reason: "not found").description == "data/x: not found")
    }

    @Test("reads the six columns by name, in any order, ignoring extra columns")
    func columnsByName() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("BTCUSDT-1h-full.csv", """
            trades,volume,close,low,high,open,close_time_ms,open_time_ms
            7,5.5,101,99,102,100,\(Self.t(1) - 1),\(Self.t(0))
            8,0,100.5,100,103,101,\(Self.t(2) - 1),\(Self.t(1))

            """)
        let reader = try BarFileReader(path: path)
        #expect(reader.symbol == "BTCUSDT")
        #expect(try reader.readAll() == [
            Bar(openTimeMs: Self.t(0), open: 100, high: 102, low: 99, close: 101, volume: 5.5),
            Bar(openTimeMs: Self.t(1), open: 101, high: 103, low: 100, close: 100.5, volume: 0),
        ])
        #expect(reader.barIntervalMs == Self.hour)
        #expect(reader.barCount == 2)
    }

    @Test("a header without required columns names every missing one")
    func missingColumns() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("BTCUSDT-1h.csv", "open_time_ms,open,high,low\n\(Self.t(0)),1,2,1\n")
        #expect(throws: MarketDataError(file: path, line: 1, reason: "missing required columns close, volume (header: open_time_ms,open,high,low)")) {
            try BarFileReader(path: path)
        }
        let empty = try fixture.write("ETHUSDT-1h.csv", "")
        #expect(throws: MarketDataError(file: empty, line: 1, reason: "empty file: no header line")) {
            try BarFileReader(path: empty)
        }
        let missingFile = fixture.path("SOLUSDT-1h.csv")
        #expect(throws: MarketDataError(file: missingFile, line: 0, reason: "file not found")) {
            try BarFileReader(path: missingFile)
        }
    }

    @Test("a bad row is an error naming its line and the offending text", arguments: [
        ("malformed number", "\(t(1)),100,abc,99,101,5", 3, "malformed number in column high: \"abc\""),
        ("not-a-number is not a number", "\(t(1)),nan,102,99,101,5", 3, "malformed number in column open: \"nan\""),
        ("malformed time", "17356x,100,102,99,101,5", 3, "malformed open_time_ms \"17356x\""),
        ("missing field", "\(t(1)),100,102,99,101", 3, "5 fields, header has 6"),
        ("extra field", "\(t(1)),100,102,99,101,5,7", 3, "7 fields, header has 6"),
        ("duplicate time", "\(t(0)),100,102,99,101,5", 3, "duplicate open_time_ms \(t(0)) (also on line 2)"),
        ("unsorted time", "\(t(-1)),100,102,99,101,5", 3, "open_time_ms \(t(-1)) is before the previous bar's \(t(0)) (line 2): rows must be sorted by time"),
        ("zero price", "\(t(1)),100,102,0,101,5", 3, "non-positive low 0"),
        ("negative price", "\(t(1)),-100,102,99,101,5", 3, "non-positive open -100"),
        ("high below low", "\(t(1)),100,100,101,100.5,5", 3, "high 100 < low 101"),
        ("close above high", "\(t(1)),100,102,99,103,5", 3, "close 103 outside [low 99, high 102]"),
        ("close below low", "\(t(1)),100,102,99,98.5,5", 3, "close 98.5 outside [low 99, high 102]"),
        ("open outside range", "\(t(1)),98,102,99,101,5", 3, "open 98 outside [low 99, high 102]"),
        ("negative volume", "\(t(1)),100,102,99,101,-1", 3, "negative volume -1"),
    ])
    func badRow(name: String, row: String, line: Int, reason: String) throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("BTCUSDT-1h.csv", "\(MarketDataFixture.header)\n\(Self.good)\n\(row)\n\(Self.t(5)),100,102,99,101,5\n")
        let reader = try BarFileReader(path: path)
        let expected = MarketDataError(file: path, line: line, reason: reason)
        #expect(try reader.next()?.openTimeMs == Self.t(0))
        #expect(throws: expected) { try reader.next() }
        // The reader never skips past a bad row: it keeps failing.
        #expect(throws: expected) { try reader.next() }
    }

    @Test("a step shorter than the bar interval is an error")
    func shortStep() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let halfHour = Self.t(1) + Self.hour / 2
        let path = try fixture.write("BTCUSDT-1h.csv", "\(MarketDataFixture.header)\n\(Self.good)\n\(Self.t(1)),100,102,99,101,5\n\(halfHour),100,102,99,101,5\n")
        #expect(throws: MarketDataError(file: path, line: 4, reason: "step 1800000 ms from the previous bar is shorter than the bar interval 3600000 ms")) {
            try BarFileReader(path: path).readAll()
        }
    }

    @Test("a gap is a warning by default and an error when strict", arguments: [false, true])
    func gap(strict: Bool) throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("BTCUSDT-1h.csv", """
            \(MarketDataFixture.header)
            \(Self.good)
            \(Self.t(1)),100,102,99,101,5
            \(Self.t(4)),100,102,99,101,5
            \(Self.t(5)),100,102,99,101,5
            """)
        let reader = try BarFileReader(path: path, configuration: .init(strict: strict))
        let gap = MarketDataWarning(file: path, line: 4, openTimeMs: Self.t(4), expectedStepMs: Self.hour, actualStepMs: 3 * Self.hour)
        #expect(gap.missingBars == 2)
        #expect(gap.description == "\(path):4: gap before 2025-01-01T04:00:00Z: step 10800000 ms, bar interval 3600000 ms (2 bars missing)")
        if strict {
            #expect(throws: MarketDataError(file: path, line: 4, reason: gap.reason)) { try reader.readAll() }
            #expect(reader.warnings.isEmpty)
        } else {
            #expect(try reader.readAll().map(\.openTimeMs) == [Self.t(0), Self.t(1), Self.t(4), Self.t(5)])
            #expect(reader.warnings == [gap])
        }
    }

    @Test("a configured interval catches a gap between the first two bars")
    func gapAtStart() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("BTCUSDT-1h.csv", "\(MarketDataFixture.header)\n\(Self.good)\n\(Self.t(3)),100,102,99,101,5\n\(Self.t(4)),100,102,99,101,5\n")
        let inferred = try BarFileReader(path: path)
        // Inferring from the first step takes the 3 h step as the interval, then rejects 1 h.
        #expect(throws: MarketDataError.self) { try inferred.readAll() }
        let configured = try BarFileReader(path: path, configuration: .init(barIntervalMs: Self.hour))
        #expect(try configured.readAll().count == 3)
        #expect(configured.warnings.map(\.line) == [3])
    }

    static let lines = MarketDataFixture.barLines(count: 5)
    static let layouts: [String] = {
        let lf: String = lines.joined(separator: "\n")
        let crlf: String = lines.joined(separator: "\r\n")
        return [
            lf + "\n", lf, crlf + "\r\n", crlf, lf + "\n\n\n", crlf + "\r\n\r\n",
            lines.joined(separator: "\n\n") + "\n", "\u{FEFF}" + lf + "\n",
        ]
    }()

    @Test("line endings, blank lines, a byte-order mark and a missing final newline read the same", arguments: layouts,
          [8, 13, 64, 65_536])
    func lineEndings(text: String, chunkSizeBytes: Int) throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("BTCUSDT-1h.csv", text)
        let reader = try BarFileReader(path: path, configuration: .init(chunkSizeBytes: chunkSizeBytes))
        let bars = try reader.readAll()
        #expect(bars.map(\.openTimeMs) == (0..<5).map { Self.t(Int64($0)) })
        #expect(bars.last == Bar(openTimeMs: Self.t(4), open: 104, high: 106, low: 103, close: 105, volume: 2))
        #expect(reader.warnings.isEmpty)
        #expect(try reader.next() == nil)
    }

    @Test("a time range yields [from, to) and stops reading at `to`")
    func timeRange() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        // Rows after `to` are garbage: a reader that read on would throw.
        let path = try fixture.write("BTCUSDT-1h.csv", MarketDataFixture.barLines(count: 10).joined(separator: "\n") + "\nnot,a,bar\n")
        let reader = try BarFileReader(path: path, configuration: .init(fromMs: Self.t(2), toMs: Self.t(5)))
        #expect(try reader.readAll().map(\.openTimeMs) == [Self.t(2), Self.t(3), Self.t(4)])
        #expect(try BarFileReader(path: path, configuration: .init(toMs: Self.t(0))).readAll().isEmpty)
        #expect(try BarFileReader(path: path, configuration: .init(fromMs: Self.t(7), toMs: Self.t(9))).readAll().count == 2)
    }

    @Test("bars before `from` are still checked for order")
    func orderBeforeRange() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("BTCUSDT-1h.csv", "\(MarketDataFixture.header)\n\(Self.t(1)),100,102,99,101,5\n\(Self.good)\n")
        #expect(throws: MarketDataError.self) {
            try BarFileReader(path: path, configuration: .init(fromMs: Self.t(10))).readAll()
        }
    }

    @Test("a 200,000-line file streams through a 4 KiB buffer and yields every bar")
    func streaming() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let count = 200_000
        let path = try fixture.writeBars("BTCUSDT-1m.csv", count: count, stepMs: 60_000)
        let reader = try BarFileReader(path: path, configuration: .init(chunkSizeBytes: 4096))
        var seen = 0
        var last: Bar?
        while let bar = try reader.next() {
            seen += 1
            last = bar
        }
        #expect(seen == count)
        #expect(last?.openTimeMs == MarketDataFixture.startMs + Int64(count - 1) * 60_000)
        #expect(reader.barIntervalMs == 60_000)
        // The buffer never grew: memory is the chunk, not the file.
        #expect(reader.bufferCapacityBytes == 4096)
    }

    @Test("a line longer than the chunk grows the buffer only to fit it")
    func longLine() throws {
        let fixture = try MarketDataFixture()
        defer { fixture.cleanUp() }
        let padding = String(repeating: "x", count: 300)
        let path = try fixture.write("BTCUSDT-1h.csv", "\(MarketDataFixture.header),note\n\(Self.good),\(padding)\n\(Self.t(1)),100,102,99,101,5,y\n")
        let reader = try BarFileReader(path: path, configuration: .init(chunkSizeBytes: 16))
        #expect(try reader.readAll().count == 2)
        #expect(reader.bufferCapacityBytes == 512)
    }
}
