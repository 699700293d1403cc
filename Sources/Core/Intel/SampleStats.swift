/// Count, mean, median and p95 of a sample of analytics numbers (`Double`), as the intel and
/// compare reports show them. Percentiles are nearest-rank (`Percentile`).
///
/// An empty sample is well formed: `count` 0 and every statistic 0, so a report written before
/// any data arrives still has every key.
public struct SampleStats: Sendable, Hashable, Codable {
    /// Finite values the statistics were computed over.
    public var count: Int
    public var mean: Double
    public var p50: Double
    public var p95: Double

    public init(count: Int, mean: Double, p50: Double, p95: Double) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p95 = p95
    }

    /// Statistics of the finite members of `values` (NaN and infinities are dropped).
    public init(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        count = sorted.count
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        p50 = Percentile.nearestRank(sorted: sorted, percent: 50) ?? 0
        p95 = Percentile.nearestRank(sorted: sorted, percent: 95) ?? 0
    }

    /// The empty sample.
    public static let empty = SampleStats([])
}
