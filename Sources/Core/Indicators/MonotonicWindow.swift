/// The extreme (largest or smallest) of the last `period` values, kept with a monotonic deque:
/// each value is pushed and popped at most once, so an update is amortised O(1).
///
/// The deque holds (sequence number, value) pairs whose values are strictly decreasing (for a
/// maximum) from oldest to newest; the oldest pair is the window's extreme. A newer value that
/// is at least as extreme removes the older ones, so among equal extremes the newest is kept.
struct MonotonicWindow: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var sequence: Int
        var value: Double
    }

    let period: Int
    /// True for a rolling maximum, false for a rolling minimum.
    let keepsLargest: Bool
    private var entries: FixedWindow<Entry>
    /// Sequence number of the latest value (0 for the first).
    private var sequence = -1

    init(period: Int, keepsLargest: Bool) {
        self.period = max(1, period)
        self.keepsLargest = keepsLargest
        // At most `period` values are inside the window, so the deque never needs more room.
        entries = FixedWindow(capacity: self.period)
    }

    /// True once `period` values have been seen.
    var isReady: Bool { sequence + 1 >= period }

    /// The extreme of the window, nil while warming up.
    var extreme: Double? { isReady ? entries.first?.value : nil }

    /// How many updates ago the extreme was seen (0: the latest value); nil while warming up.
    var updatesSinceExtreme: Int? {
        guard isReady, let oldest = entries.first else { return nil }
        return sequence - oldest.sequence
    }

    mutating func update(_ value: Double) -> Double? {
        sequence += 1
        while let oldest = entries.first, oldest.sequence <= sequence - period {
            _ = entries.removeFirst()
        }
        while let newest = entries.last, dominates(value, newest.value) {
            _ = entries.removeLast()
        }
        entries.append(Entry(sequence: sequence, value: value))
        return extreme
    }

    private func dominates(_ candidate: Double, _ existing: Double) -> Bool {
        keepsLargest ? candidate >= existing : candidate <= existing
    }
}
