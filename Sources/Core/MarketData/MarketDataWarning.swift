/// A gap in a bar file: the step from one bar to the next is larger than the file's bar interval,
/// so `missingBars` bars are absent. Collected by `BarFileReader` (unless its configuration is
/// `strict`, which makes a gap a `MarketDataError`), because real exchange data has the odd
/// maintenance outage and a backtest should say so rather than refuse to run.
public struct MarketDataWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file as the operator named it.
    public var file: String
    /// 1-based line of the bar after the gap.
    public var line: Int
    /// Open time of the bar after the gap, UTC epoch milliseconds.
    public var openTimeMs: Int64
    /// The file's bar interval, milliseconds.
    public var expectedStepMs: Int64
    /// The step actually found between the two bars, milliseconds (> `expectedStepMs`).
    public var actualStepMs: Int64

    public init(file: String, line: Int, openTimeMs: Int64, expectedStepMs: Int64, actualStepMs: Int64) {
        self.file = file
        self.line = line
        self.openTimeMs = openTimeMs
        self.expectedStepMs = expectedStepMs
        self.actualStepMs = actualStepMs
    }

    /// Whole bars missing in the gap (a step that is not a multiple of the interval rounds down).
    public var missingBars: Int64 {
        expectedStepMs > 0 ? actualStepMs / expectedStepMs - 1 : 0
    }

    /// `FILE:LINE: reason`, the same shape as `MarketDataError`.
    public var description: String { "\(file):\(line): \(reason)" }

    /// The words shared by the warning and by the strict-mode error.
    var reason: String {
        "gap before \(UTCTime.iso8601(ms: openTimeMs)): step \(actualStepMs) ms, bar interval \(expectedStepMs) ms (\(missingBars) \(missingBars == 1 ? "bar" : "bars") missing)"
    }
}
