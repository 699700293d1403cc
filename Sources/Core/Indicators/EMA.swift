/// Exponential moving average with smoothing factor α = 2 / (period + 1).
///
/// Seeded by the simple mean of the first `period` values, so the first value it reports (on
/// the `period`-th update) is that mean; every later update is `ema += α × (x − ema)`. Seeding
/// with the SMA rather than the first value keeps one outlier at the start from dominating the
/// early readings. O(1) time and memory per update; units are those of the input (a price in,
/// a price out). Deterministic value type owned by its caller. Inputs must be finite.
public struct EMA: Sendable, Hashable {
    /// The number of values the seed averages and that sets α.
    public let period: Int
    /// α = 2 / (period + 1), in (0, 1].
    public let smoothing: Double
    /// The current average, nil until `period` values have been seen.
    public private(set) var value: Double?
    private var seedSum = 0.0
    private var seedCount = 0

    /// An EMA over `period` values; a period below 1 is treated as 1 (the EMA then follows its input).
    public init(period: Int) {
        self.period = max(1, period)
        smoothing = 2.0 / Double(self.period + 1)
    }

    /// True once `period` values have been seen.
    public var isReady: Bool { value != nil }

    /// Folds `x` into the average and returns it (nil while warming up).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        if let current = value {
            value = current + smoothing * (x - current)
            return value
        }
        seedSum += x
        seedCount += 1
        if seedCount == period {
            value = seedSum / Double(period)
        }
        return value
    }
}
