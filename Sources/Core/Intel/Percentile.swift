/// Percentiles by the nearest-rank method, the one every intel and compare report uses.
///
/// For `n` values sorted ascending, the p-th percentile (0 < p ≤ 100) is the value at 1-based
/// rank `⌈p/100 × n⌉` (rank 1 when p is 0 or tiny). It is always one of the observed values
/// (no interpolation), so a p95 latency is a latency that actually happened, and the result is
/// the same on every platform.
public enum Percentile {
    /// The nearest-rank percentile of `values` (any order); nil when `values` is empty.
    /// Non-finite values are ignored (a NaN in a log line must not poison a report).
    /// - Parameter percent: 0…100 (clamped); 50 is the median, 95 the p95.
    public static func nearestRank(_ values: [Double], percent: Double) -> Double? {
        let sorted = values.filter(\.isFinite).sorted()
        return nearestRank(sorted: sorted, percent: percent)
    }

    /// The same over values already sorted ascending and finite (no copy, no sort).
    public static func nearestRank(sorted: [Double], percent: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let p = min(max(percent.isNaN ? 0 : percent, 0), 100)
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
