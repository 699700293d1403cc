/// Shadow versus live: the `pipeline_v6_compare_summary.json` state file and the
/// `hedge probe compare` output.
///
/// - `sample_count`: matched pairs (the comparisons the statistics rest on).
/// - `mismatch_rate`: matched pairs that disagree (the shadow vetoed what live traded, or side,
///   symbol, or size beyond the tolerance differ) over matched pairs; 0 with no pairs.
/// - `size_diff_usd`: executed − shadow gross, USD, over matched pairs the shadow allowed.
/// - `slippage_diff_bps`: executed − expected slippage, bps, where both are known.
/// - `is_warmup`: `sample_count < min_sample_size`, with `warmup_reason` saying so (else null).
///
/// Zero input is a well-formed summary: every count 0, every statistic 0, `is_warmup` true.
public struct CompareSummary: Sendable, Hashable, Codable {
    public var sampleCount: Int
    /// Non-heartbeat shadow decisions read.
    public var decisionCount: Int
    public var heartbeatCount: Int
    /// Fills read.
    public var executedCount: Int
    public var matchedByIntentId: Int
    public var matchedByWindow: Int
    public var unmatchedDecisions: Int
    public var unmatchedExecuted: Int
    public var mismatchCount: Int
    /// A fraction in [0, 1].
    public var mismatchRate: Double
    public var sizeDiffUSD: SampleStats
    public var slippageDiffBps: SampleStats
    public var sizingDiffStats: SizingDiffStats
    public var isWarmup: Bool
    public var warmupReason: String?
    public var minSampleSize: Int
    public var windowSeconds: Double
    public var sizeTolerancePct: Double

    /// Summarises an alignment.
    public init(alignment: ShadowAlignment, parameters: CompareParameters = .default) {
        let matches = alignment.matches
        sampleCount = matches.count
        decisionCount = matches.count + alignment.unmatchedDecisions.count
        heartbeatCount = alignment.heartbeatCount
        executedCount = matches.count + alignment.unmatchedExecuted.count
        matchedByIntentId = matches.count { $0.matchedBy == .intentId }
        matchedByWindow = matches.count { $0.matchedBy == .timeWindow }
        unmatchedDecisions = alignment.unmatchedDecisions.count
        unmatchedExecuted = alignment.unmatchedExecuted.count
        mismatchCount = matches.count(where: \.mismatch)
        mismatchRate = matches.isEmpty ? 0 : Double(mismatchCount) / Double(matches.count)
        sizeDiffUSD = SampleStats(matches.filter(\.decision.allowed).map(\.sizeDiffUSD))
        slippageDiffBps = SampleStats(matches.compactMap(\.slippageDiffBps))
        sizingDiffStats = SizingDiffStats(matches: matches, sizeTolerancePct: parameters.sizeTolerancePct)
        minSampleSize = parameters.minSampleSize
        isWarmup = matches.count < parameters.minSampleSize
        warmupReason = isWarmup ? "sample_size \(matches.count) < min_sample_size \(parameters.minSampleSize)" : nil
        windowSeconds = Double(parameters.windowMs) / 1000
        sizeTolerancePct = parameters.sizeTolerancePct
    }

    /// Aligns `decisions` with `executed` and summarises.
    public init(decisions: [ShadowDecisionRecord], executed: [ExecutedOrderRecord], parameters: CompareParameters = .default) {
        self.init(alignment: ShadowAlignment(decisions: decisions, executed: executed, parameters: parameters), parameters: parameters)
    }

    enum CodingKeys: String, CodingKey {
        case matched
        case sampleCount = "sample_count"
        case decisionCount = "decision_count"
        case heartbeatCount = "heartbeat_count"
        case executedCount = "executed_count"
        case matchedByIntentId = "matched_by_intent_id"
        case matchedByWindow = "matched_by_window"
        case unmatchedDecisions = "unmatched_decisions"
        case unmatchedExecuted = "unmatched_executed"
        case mismatchCount = "mismatch_count"
        case mismatchRate = "mismatch_rate"
        case sizeDiffUSD = "size_diff_usd"
        case slippageDiffBps = "slippage_diff_bps"
        case sizingDiffStats = "sizing_diff_stats"
        case isWarmup = "is_warmup"
        case warmupReason = "warmup_reason"
        case minSampleSize = "min_sample_size"
        case windowSeconds = "window_seconds"
        case sizeTolerancePct = "size_tolerance_pct"
    }

    // `matched` (= sample_count) is written for readers of the Python summary; `warmup_reason`
    // is written as null rather than left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sampleCount, forKey: .sampleCount)
        try c.encode(sampleCount, forKey: .matched)
        try c.encode(decisionCount, forKey: .decisionCount)
        try c.encode(heartbeatCount, forKey: .heartbeatCount)
        try c.encode(executedCount, forKey: .executedCount)
        try c.encode(matchedByIntentId, forKey: .matchedByIntentId)
        try c.encode(matchedByWindow, forKey: .matchedByWindow)
        try c.encode(unmatchedDecisions, forKey: .unmatchedDecisions)
        try c.encode(unmatchedExecuted, forKey: .unmatchedExecuted)
        try c.encode(mismatchCount, forKey: .mismatchCount)
        try c.encode(mismatchRate, forKey: .mismatchRate)
        try c.encode(sizeDiffUSD, forKey: .sizeDiffUSD)
        try c.encode(slippageDiffBps, forKey: .slippageDiffBps)
        try c.encode(sizingDiffStats, forKey: .sizingDiffStats)
        try c.encode(isWarmup, forKey: .isWarmup)
        try c.encode(warmupReason, forKey: .warmupReason)
        try c.encode(minSampleSize, forKey: .minSampleSize)
        try c.encode(windowSeconds, forKey: .windowSeconds)
        try c.encode(sizeTolerancePct, forKey: .sizeTolerancePct)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sampleCount = try c.decode(Int.self, forKey: .sampleCount)
        decisionCount = try c.decode(Int.self, forKey: .decisionCount)
        heartbeatCount = try c.decode(Int.self, forKey: .heartbeatCount)
        executedCount = try c.decode(Int.self, forKey: .executedCount)
        matchedByIntentId = try c.decode(Int.self, forKey: .matchedByIntentId)
        matchedByWindow = try c.decode(Int.self, forKey: .matchedByWindow)
        unmatchedDecisions = try c.decode(Int.self, forKey: .unmatchedDecisions)
        unmatchedExecuted = try c.decode(Int.self, forKey: .unmatchedExecuted)
        mismatchCount = try c.decode(Int.self, forKey: .mismatchCount)
        mismatchRate = try c.decode(Double.self, forKey: .mismatchRate)
        sizeDiffUSD = try c.decode(SampleStats.self, forKey: .sizeDiffUSD)
        slippageDiffBps = try c.decode(SampleStats.self, forKey: .slippageDiffBps)
        sizingDiffStats = try c.decode(SizingDiffStats.self, forKey: .sizingDiffStats)
        isWarmup = try c.decode(Bool.self, forKey: .isWarmup)
        warmupReason = try c.decodeIfPresent(String.self, forKey: .warmupReason)
        minSampleSize = try c.decode(Int.self, forKey: .minSampleSize)
        windowSeconds = try c.decode(Double.self, forKey: .windowSeconds)
        sizeTolerancePct = try c.decode(Double.self, forKey: .sizeTolerancePct)
    }
}
