/// The sample standard deviation (divisor n − 1) of the last `period` values.
///
/// Sample rather than population because the window is a sample of a longer series and the
/// callers (volatility filters, the regime detector) estimate that series' dispersion.
///
/// Numerically safe: the mean and the sum of squared deviations are slid with Welford's
/// update (no `Σx² − n·mean²` cancellation), recomputed exactly by two passes once every
/// `period` updates so rounding cannot accumulate, and the variance is clamped at 0 before the
/// square root. O(1) amortised per update. Deterministic value type owned by its caller.
public struct RollingStdev: Sendable, Hashable {
    /// The window length, in updates (at least 2: one value has no sample deviation).
    public let period: Int
    private var window: FixedWindow<Double>
    private var mean = 0.0
    /// Σ (x − mean)² over the window.
    private var squaredDeviations = 0.0
    private var updatesSinceResync = 0

    /// A rolling sample standard deviation over `period` values; a period below 2 is treated as 2.
    public init(period: Int) {
        self.period = max(2, period)
        window = FixedWindow(capacity: self.period)
    }

    /// True once `period` values have been seen.
    public var isReady: Bool { window.isFull }

    /// The sample standard deviation of the window (input units), nil until `period` values have
    /// been seen. Never negative.
    public var value: Double? {
        guard isReady else { return nil }
        return (max(0, squaredDeviations) / Double(period - 1)).squareRoot()
    }

    /// The mean of the window, nil while warming up.
    public var windowMean: Double? { isReady ? mean : nil }

    /// Adds `x` as the newest value and returns the standard deviation of the last `period`
    /// (nil while warming up).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        if let evicted = window.append(x) {
            let previousMean = mean
            mean += (x - evicted) / Double(period)
            squaredDeviations += (x - evicted) * (x - mean + evicted - previousMean)
        } else {
            let count = Double(window.count)
            let delta = x - mean
            mean += delta / count
            squaredDeviations += delta * (x - mean)
        }
        updatesSinceResync += 1
        if updatesSinceResync >= period {
            resync()
        }
        return value
    }

    /// Recomputes mean and squared deviations from the window with the two-pass formula.
    private mutating func resync() {
        let values = window.elements
        let exactMean = values.reduce(0, +) / Double(values.count)
        mean = exactMean
        squaredDeviations = values.reduce(0) { $0 + ($1 - exactMean) * ($1 - exactMean) }
        updatesSinceResync = 0
    }
}
