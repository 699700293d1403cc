/// The arithmetic mean of the last `period` values.
///
/// O(1) per update with a running sum over a ring buffer. Because a running sum slowly gathers
/// rounding error over a long session, it is recomputed from the window once every `period`
/// updates, which keeps the cost amortised O(1) and the error bounded by one window's worth.
/// Deterministic value type owned by its caller. Inputs must be finite.
public struct RollingMean: Sendable, Hashable {
    /// The window length, in updates.
    public let period: Int
    private var window: FixedWindow<Double>
    private var sum = 0.0
    private var updatesSinceResync = 0

    /// A rolling mean over `period` values; a period below 1 is treated as 1.
    public init(period: Int) {
        self.period = max(1, period)
        window = FixedWindow(capacity: self.period)
    }

    /// True once `period` values have been seen.
    public var isReady: Bool { window.isFull }

    /// The mean of the window, nil until `period` values have been seen.
    public var value: Double? { isReady ? sum / Double(period) : nil }

    /// Adds `x` as the newest value and returns the mean of the last `period` (nil while warming up).
    @discardableResult
    public mutating func update(_ x: Double) -> Double? {
        let evicted = window.append(x)
        sum += x - (evicted ?? 0)
        updatesSinceResync += 1
        if updatesSinceResync >= period {
            sum = window.elements.reduce(0, +)
            updatesSinceResync = 0
        }
        return value
    }
}
