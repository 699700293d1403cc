/// Average true range with Wilder's smoothing, in price units.
///
/// True range of a bar is `max(high − low, |high − previous close|, |low − previous close|)`, so
/// a gap between bars counts as range; the very first bar has no previous close and its true
/// range is `high − low`. The ATR is seeded by the mean true range of the first `period` bars
/// (reported on the `period`-th bar) and then smoothed as `atr = (atr × (period − 1) + tr) / period`.
/// O(1) time and memory per bar. Deterministic value type owned by its caller.
public struct ATR: Sendable, Hashable {
    /// Bars in the seed and the Wilder smoothing length.
    public let period: Int
    /// The current average true range (price units), nil until `period` bars have been seen.
    public private(set) var value: Double?
    private var previousClose: Double?
    private var seedSum = 0.0
    private var seedCount = 0

    /// An ATR over `period` bars; a period below 1 is treated as 1 (the ATR is then the true range).
    public init(period: Int) {
        self.period = max(1, period)
    }

    /// True once `period` bars have been seen.
    public var isReady: Bool { value != nil }

    /// The true range of a bar given the previous bar's close (nil for the first bar).
    public static func trueRange(high: Double, low: Double, previousClose: Double?) -> Double {
        let range = high - low
        guard let previousClose else { return range }
        return max(range, abs(high - previousClose), abs(low - previousClose))
    }

    /// Folds `bar` in and returns the ATR (nil while warming up).
    @discardableResult
    public mutating func update(_ bar: Bar) -> Double? {
        let range = Self.trueRange(high: bar.high, low: bar.low, previousClose: previousClose)
        previousClose = bar.close
        if let current = value {
            value = (current * Double(period - 1) + range) / Double(period)
            return value
        }
        seedSum += range
        seedCount += 1
        if seedCount == period {
            value = seedSum / Double(period)
        }
        return value
    }
}
