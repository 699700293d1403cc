/// The highest of the last `period` values (typically bar highs or closes).
///
/// Amortised O(1) per update (a monotonic deque); memory O(period). Deterministic value type,
/// owned by whichever strategy or detector feeds it. Inputs must be finite.
public struct RollingHigh: Sendable, Hashable {
    private var window: MonotonicWindow

    /// A rolling high over `period` values; a period below 1 is treated as 1.
    public init(period: Int) {
        window = MonotonicWindow(period: period, keepsLargest: true)
    }

    /// The window length, in updates.
    public var period: Int { window.period }

    /// The highest value in the window, nil until `period` values have been seen.
    public var value: Double? { window.extreme }

    /// True once `period` values have been seen.
    public var isReady: Bool { window.isReady }

    /// How many updates ago the current high was seen: 0 when the latest value is the high.
    /// Among equal highs the most recent counts. Nil while warming up.
    public var updatesSinceHigh: Int? { window.updatesSinceExtreme }

    /// Adds `value` as the newest and returns the high of the last `period` values (nil while
    /// warming up). The value `period` updates back leaves the window.
    @discardableResult
    public mutating func update(_ value: Double) -> Double? {
        window.update(value)
    }
}
