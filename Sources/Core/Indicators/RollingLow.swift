/// The lowest of the last `period` values (typically bar lows or closes).
///
/// Amortised O(1) per update (a monotonic deque); memory O(period). Deterministic value type,
/// owned by whichever strategy or detector feeds it. Inputs must be finite.
public struct RollingLow: Sendable, Hashable {
    private var window: MonotonicWindow

    /// A rolling low over `period` values; a period below 1 is treated as 1.
    public init(period: Int) {
        window = MonotonicWindow(period: period, keepsLargest: false)
    }

    /// The window length, in updates.
    public var period: Int { window.period }

    /// The lowest value in the window, nil until `period` values have been seen.
    public var value: Double? { window.extreme }

    /// True once `period` values have been seen.
    public var isReady: Bool { window.isReady }

    /// How many updates ago the current low was seen: 0 when the latest value is the low.
    /// Among equal lows the most recent counts. Nil while warming up.
    public var updatesSinceLow: Int? { window.updatesSinceExtreme }

    /// Adds `value` as the newest and returns the low of the last `period` values (nil while
    /// warming up). The value `period` updates back leaves the window.
    @discardableResult
    public mutating func update(_ value: Double) -> Double? {
        window.update(value)
    }
}
