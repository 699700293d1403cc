/// A streaming, validating reader of one bar CSV file: `open_time_ms,open,high,low,close,volume`
/// in any column order, found by header name, plus any extra columns (ignored).
///
/// Memory does not grow with the file: lines are read in chunks (`Configuration.chunkSizeBytes`)
/// into one buffer and numbers are parsed from its bytes. Each `next()` returns the next bar in
/// the configured time range, after checking it:
/// - the line has as many fields as the header, and every required field is a number;
/// - open times strictly increase (no duplicates, no going back);
/// - open, high, low and close are positive, `low <= high`, open and close lie in `[low, high]`;
/// - volume is not negative;
/// - no step is shorter than the bar interval, and a longer step (a gap) is a warning or, when
///   `strict`, an error.
///
/// Blank lines, CRLF line ends, a UTF-8 byte-order mark and a last line without a newline are
/// accepted. Errors name the file and line (`MarketDataError`); once one is thrown, every later
/// `next()` throws it again.
///
/// A reference type because it owns an open file descriptor (closed on release); not `Sendable`:
/// one task owns a reader and drives it. Prices are `Double` (see `Bar`).
public final class BarFileReader {
    /// Header names of the required columns, in `Bar` field order.
    public static let requiredColumns = ["open_time_ms", "open", "high", "low", "close", "volume"]

    /// The file as the operator named it.
    public let path: String
    /// The symbol this file holds (from its name unless given).
    public let symbol: String
    public let configuration: Configuration
    /// The bar interval in milliseconds: configured, or inferred once two bars have been read.
    public private(set) var barIntervalMs: Int64?
    /// Gaps found so far (empty when `strict`: gaps are thrown instead).
    public private(set) var warnings: [MarketDataWarning] = []
    /// Bars returned so far.
    public private(set) var barCount = 0

    private let source: CSVLineSource
    private let fieldCount: Int
    /// For each field position, the index of the required column it holds, or -1.
    private let roleOfField: [Int]
    private var previousTimeMs: Int64?
    private var previousLine = 0
    private var finished = false
    private var failure: MarketDataError?

    /// Opens `path` and reads its header. `symbol` defaults to the part of the file name before
    /// the first `-`. Throws when the file cannot be opened or lacks a required column.
    public init(path: String, symbol: String? = nil, configuration: Configuration = Configuration()) throws(MarketDataError) {
        self.path = path
        self.symbol = symbol ?? MarketDataFile(path: path)?.symbol ?? path
        self.configuration = configuration
        barIntervalMs = configuration.barIntervalMs
        source = try CSVLineSource(path: path, chunkSizeBytes: configuration.chunkSizeBytes)
        guard let header = try source.nextLine() else {
            throw MarketDataError(file: path, line: 1, reason: "empty file: no header line")
        }
        let names = Self.headerNames(header)
        var roles = Array(repeating: -1, count: names.count)
        var missing: [String] = []
        for (role, column) in Self.requiredColumns.enumerated() {
            let positions = names.indices.filter { names[$0] == column }
            guard let position = positions.first else {
                missing.append(column)
                continue
            }
            guard positions.count == 1 else {
                throw MarketDataError(file: path, line: 1, reason: "column \(column) appears \(positions.count) times")
            }
            roles[position] = role
        }
        guard missing.isEmpty else {
            throw MarketDataError(file: path, line: 1, reason: "missing required column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (header: \(names.joined(separator: ",")))")
        }
        fieldCount = names.count
        roleOfField = roles
    }

    /// Bytes the reader's buffer holds: the chunk size unless a longer line forced growth. Lets a
    /// test check that memory does not follow the file's length.
    var bufferCapacityBytes: Int { source.bufferCapacityBytes }

    /// Bytes of the file read so far and the file's size, for progress display.
    public var bytesRead: Int { source.bytesRead }
    public var fileSizeBytes: Int { source.fileSizeBytes }

    /// The next bar in the time range, or nil when the file (or the range) is done.
    public func next() throws(MarketDataError) -> Bar? {
        if let failure { throw failure }
        if finished { return nil }
        do {
            let bar = try readBar()
            if bar == nil { finished = true } else { barCount += 1 }
            return bar
        } catch {
            failure = error
            throw error
        }
    }

    private func readBar() throws(MarketDataError) -> Bar? {
        // Field positions of the six required columns, in `requiredColumns` order.
        var starts = (0, 0, 0, 0, 0, 0)
        var ends = (0, 0, 0, 0, 0, 0)
        while let line = try source.nextLine() {
            if line.isEmpty { continue }
            let lineNumber = source.lineNumber

            var field = 0
            var position = 0
            while true {
                var stop = position
                while stop < line.count, line[stop] != 44 { stop += 1 }
                if field < fieldCount {
                    switch roleOfField[field] {
                    case 0: starts.0 = position; ends.0 = stop
                    case 1: starts.1 = position; ends.1 = stop
                    case 2: starts.2 = position; ends.2 = stop
                    case 3: starts.3 = position; ends.3 = stop
                    case 4: starts.4 = position; ends.4 = stop
                    case 5: starts.5 = position; ends.5 = stop
                    default: break
                    }
                }
                field += 1
                if stop >= line.count { break }
                position = stop + 1
            }
            guard field == fieldCount else {
                throw problem(lineNumber, "\(field) field\(field == 1 ? "" : "s"), header has \(fieldCount)")
            }

            let timeField = Self.slice(line, starts.0, ends.0)
            guard let timeMs = CSVNumber.parseInt64(timeField) else {
                throw problem(lineNumber, "malformed open_time_ms \"\(CSVNumber.text(timeField))\"")
            }
            let step = try checkOrder(timeMs, line: lineNumber)
            if let fromMs = configuration.fromMs, timeMs < fromMs { continue }
            if let toMs = configuration.toMs, timeMs >= toMs { return nil }
            if let step { try checkStep(step, timeMs: timeMs, line: lineNumber) }

            let open = try number(line, starts.1, ends.1, column: 1, lineNumber)
            let high = try number(line, starts.2, ends.2, column: 2, lineNumber)
            let low = try number(line, starts.3, ends.3, column: 3, lineNumber)
            let close = try number(line, starts.4, ends.4, column: 4, lineNumber)
            let volume = try number(line, starts.5, ends.5, column: 5, lineNumber)
            // `!(x > 0)` rather than `x <= 0` so that no NaN could ever slip through.
            if !(open > 0 && high > 0 && low > 0 && close > 0) {
                let (column, start, end) = !(open > 0) ? (1, starts.1, ends.1) : !(high > 0) ? (2, starts.2, ends.2)
                    : !(low > 0) ? (3, starts.3, ends.3) : (4, starts.4, ends.4)
                throw problem(lineNumber, "non-positive \(Self.requiredColumns[column]) \(Self.text(line, start, end))")
            }
            if high < low {
                throw problem(lineNumber, "high \(Self.text(line, starts.2, ends.2)) < low \(Self.text(line, starts.3, ends.3))")
            }
            if open < low || open > high {
                throw problem(lineNumber, "open \(Self.text(line, starts.1, ends.1)) outside [low \(Self.text(line, starts.3, ends.3)), high \(Self.text(line, starts.2, ends.2))]")
            }
            if close < low || close > high {
                throw problem(lineNumber, "close \(Self.text(line, starts.4, ends.4)) outside [low \(Self.text(line, starts.3, ends.3)), high \(Self.text(line, starts.2, ends.2))]")
            }
            if volume < 0 {
                throw problem(lineNumber, "negative volume \(Self.text(line, starts.5, ends.5))")
            }
            return Bar(openTimeMs: timeMs, open: open, high: high, low: low, close: close, volume: volume)
        }
        return nil
    }

    /// Checks that `timeMs` comes strictly after the previous bar and records it; returns the
    /// step from the previous bar when the interval was already known (the first step of a file
    /// without a configured interval defines it instead).
    private func checkOrder(_ timeMs: Int64, line: Int) throws(MarketDataError) -> Int64? {
        defer {
            previousTimeMs = timeMs
            previousLine = line
        }
        guard let previousTimeMs else { return nil }
        if timeMs == previousTimeMs {
            throw problem(line, "duplicate open_time_ms \(timeMs) (also on line \(previousLine))")
        }
        if timeMs < previousTimeMs {
            throw problem(line, "open_time_ms \(timeMs) is before the previous bar's \(previousTimeMs) (line \(previousLine)): rows must be sorted by time")
        }
        let step = timeMs - previousTimeMs
        guard barIntervalMs != nil else {
            barIntervalMs = step
            return nil
        }
        return step
    }

    private func checkStep(_ step: Int64, timeMs: Int64, line: Int) throws(MarketDataError) {
        guard let intervalMs = barIntervalMs, step != intervalMs else { return }
        if step < intervalMs {
            throw problem(line, "step \(step) ms from the previous bar is shorter than the bar interval \(intervalMs) ms")
        }
        let gap = MarketDataWarning(file: path, line: line, openTimeMs: timeMs, expectedStepMs: intervalMs, actualStepMs: step)
        if configuration.strict { throw problem(line, gap.reason) }
        warnings.append(gap)
    }

    @inline(__always)
    private func number(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, column: Int, _ lineNumber: Int) throws(MarketDataError) -> Double {
        let field = Self.slice(line, start, end)
        guard let value = CSVNumber.parseDouble(field) else {
            throw problem(lineNumber, "malformed number in column \(Self.requiredColumns[column]): \"\(CSVNumber.text(field))\"")
        }
        return value
    }

    private func problem(_ line: Int, _ reason: String) -> MarketDataError {
        MarketDataError(file: path, line: line, reason: reason)
    }

    @inline(__always)
    private static func slice(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[start..<end])
    }

    private static func text(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        CSVNumber.text(slice(line, start, end))
    }

    /// Header fields with surrounding spaces, quotes and a UTF-8 byte-order mark removed.
    private static func headerNames(_ header: UnsafeBufferPointer<UInt8>) -> [String] {
        var text = String(decoding: header, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: ",", omittingEmptySubsequences: false).map { field in
            field.trimmed(of: " \t\"")
        }
    }
}

extension Substring {
    /// The substring without leading and trailing characters from `set`.
    fileprivate func trimmed(of set: String) -> String {
        var trimmed = self[...]
        while let first = trimmed.first, set.contains(first) { trimmed.removeFirst() }
        while let last = trimmed.last, set.contains(last) { trimmed.removeLast() }
        return String(trimmed)
    }
}
