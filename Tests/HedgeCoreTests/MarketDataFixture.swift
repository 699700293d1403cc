import Foundation
@testable import HedgeCore

/// A throw-away directory of small market-data CSV files written by a test (tests never read
/// the shared data collection).
struct MarketDataFixture {
    static let header = "open_time_ms,open,high,low,close,volume"
    static let hourMs: Int64 = 3_600_000
    /// 2025-01-01T00:00:00Z.
    static let startMs: Int64 = 1_735_689_600_000

    /// The repository's bundled `data/demo/`, found from this file.
    static let demoDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/demo").path

    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hedge-marketdata-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func path(_ file: String) -> String { "\(directory)/\(file)" }

    /// Writes `text` to `file` (creating subdirectories) and returns its path.
    @discardableResult
    func write(_ file: String, _ text: String) throws -> String {
        let target = path(file)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes a valid hourly bar file of `count` bars from `startMs` (prices 100 + i).
    @discardableResult
    func writeBars(_ file: String, count: Int, startMs: Int64 = startMs, stepMs: Int64 = hourMs) throws -> String {
        try write(file, Self.barLines(count: count, startMs: startMs, stepMs: stepMs).joined(separator: "\n") + "\n")
    }

    /// The header and `count` valid bar lines.
    static func barLines(count: Int, startMs: Int64 = startMs, stepMs: Int64 = hourMs) -> [String] {
        [header] + (0..<count).map { index in
            let base = 100 + Double(index)
            return "\(startMs + Int64(index) * stepMs),\(base),\(base + 2),\(base - 1),\(base + 1),\(Double(index) * 0.5)"
        }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension BarFileReader {
    /// Every remaining bar.
    func readAll() throws(MarketDataError) -> [Bar] {
        var bars: [Bar] = []
        while let bar = try next() { bars.append(bar) }
        return bars
    }
}

extension MergedBarStream {
    /// Every remaining event.
    func readAll() throws(MarketDataError) -> [BarEvent] {
        var events: [BarEvent] = []
        while let event = try next() { events.append(event) }
        return events
    }
}
