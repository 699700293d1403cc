/// A market-data file that cannot be used, located by file and line so an operator can open the
/// file at the right place: `data/demo/1h/BTCUSDT-1h.csv:42: high 100 < low 101`.
///
/// Thrown by `BarFileReader`, `MergedBarStream`, `FundingSeries` and `MarketDataSet`. A reader
/// that has thrown keeps throwing the same error, so a caught error can never turn into a
/// silently truncated series.
public struct MarketDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or `--data` path) as the operator named it, not resolved to an absolute path.
    public var file: String
    /// 1-based physical line number (the header is line 1); 0 for problems with the whole file or
    /// directory (not found, no bar files, two intervals for one symbol).
    public var line: Int
    /// What is wrong, quoting the offending text as it appears in the file.
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `FILE:LINE: reason`, or `FILE: reason` when no line applies.
    public var description: String {
        line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
    }
}
