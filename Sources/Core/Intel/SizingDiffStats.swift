/// Sizing parity between the shadow pipeline and live execution, over matched pairs the shadow
/// allowed with a positive size: the signed relative difference
/// `(executed − shadow) / shadow × 100` in percent (nearest-rank p50 and p95) and how many
/// pairs were upsized (executed > shadow × (1 + tolerance)). Any upsize is a red flag: live
/// traded more than risk and sizing said.
///
/// JSON: `{"p50", "p95", "upsize_count", "sample_size"}`; all 0 without samples.
public struct SizingDiffStats: Sendable, Hashable, Codable {
    /// Percent (5 = executed 5 % above shadow).
    public var p50: Double
    public var p95: Double
    public var upsizeCount: Int
    public var sampleSize: Int

    public init(p50: Double, p95: Double, upsizeCount: Int, sampleSize: Int) {
        self.p50 = p50
        self.p95 = p95
        self.upsizeCount = upsizeCount
        self.sampleSize = sampleSize
    }

    /// The statistics of `matches` with the given tolerance (percent).
    public init(matches: [ShadowMatch], sizeTolerancePct: Double) {
        let sized = matches.filter { $0.decision.allowed && $0.decision.grossUSD > 0 }
        let stats = SampleStats(sized.map { $0.sizeDiffUSD / $0.decision.grossUSD * 100 })
        self.init(p50: stats.p50, p95: stats.p95,
                  upsizeCount: sized.count { $0.executed.grossUSD > $0.decision.grossUSD * (1 + sizeTolerancePct / 100) },
                  sampleSize: stats.count)
    }

    enum CodingKeys: String, CodingKey {
        case p50, p95
        case upsizeCount = "upsize_count"
        case sampleSize = "sample_size"
    }
}
