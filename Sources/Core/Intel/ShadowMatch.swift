/// One shadow decision paired with the live fill it was aligned to, and how they compare: one
/// line of `logs/pipeline_v6_compare.jsonl`.
///
/// JSON: `{"decision", "executed", "matched_by": intent_id|time_window, "time_diff_ms",
/// "size_diff_usd", "slippage_diff_bps", "mismatch", "mismatch_reasons"}`.
public struct ShadowMatch: Sendable, Hashable, Codable {
    /// How the pair was found.
    public enum Method: String, Sendable, Hashable, Codable {
        case intentId = "intent_id"
        case timeWindow = "time_window"
    }

    public var decision: ShadowDecisionRecord
    public var executed: ExecutedOrderRecord
    public var matchedBy: Method
    /// Executed time − decision time, ms.
    public var timeDiffMs: Int64
    /// Executed − shadow gross, USD; positive means live traded more.
    public var sizeDiffUSD: Double
    /// Executed − expected slippage, bps; nil when either is unknown.
    public var slippageDiffBps: Double?
    /// `shadow_vetoed`, `side`, `symbol`, `size` (beyond the tolerance); empty when they agree.
    public var mismatchReasons: [String]

    public init(decision: ShadowDecisionRecord, executed: ExecutedOrderRecord, matchedBy: Method, sizeTolerancePct: Double) {
        self.decision = decision
        self.executed = executed
        self.matchedBy = matchedBy
        timeDiffMs = executed.timeMs - decision.timeMs
        sizeDiffUSD = executed.grossUSD - decision.grossUSD
        if let expected = decision.expectedSlippageBps, let actual = executed.slippageBps {
            slippageDiffBps = actual - expected
        } else {
            slippageDiffBps = nil
        }
        var reasons: [String] = []
        if !decision.allowed { reasons.append("shadow_vetoed") }
        if decision.side != executed.side { reasons.append("side") }
        if decision.symbol != executed.symbol { reasons.append("symbol") }
        if decision.allowed, abs(sizeDiffUSD) > abs(decision.grossUSD) * sizeTolerancePct / 100 { reasons.append("size") }
        mismatchReasons = reasons
    }

    /// The decision and the fill disagree on allowed, side, symbol or size.
    public var mismatch: Bool { !mismatchReasons.isEmpty }

    enum CodingKeys: String, CodingKey {
        case decision, executed, mismatch
        case matchedBy = "matched_by"
        case timeDiffMs = "time_diff_ms"
        case sizeDiffUSD = "size_diff_usd"
        case slippageDiffBps = "slippage_diff_bps"
        case mismatchReasons = "mismatch_reasons"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(decision, forKey: .decision)
        try c.encode(executed, forKey: .executed)
        try c.encode(matchedBy, forKey: .matchedBy)
        try c.encode(timeDiffMs, forKey: .timeDiffMs)
        try c.encode(sizeDiffUSD, forKey: .sizeDiffUSD)
        try c.encode(slippageDiffBps, forKey: .slippageDiffBps)
        try c.encode(mismatch, forKey: .mismatch)
        try c.encode(mismatchReasons, forKey: .mismatchReasons)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        decision = try c.decode(ShadowDecisionRecord.self, forKey: .decision)
        executed = try c.decode(ExecutedOrderRecord.self, forKey: .executed)
        matchedBy = try c.decode(Method.self, forKey: .matchedBy)
        timeDiffMs = try c.decode(Int64.self, forKey: .timeDiffMs)
        sizeDiffUSD = try c.decode(Double.self, forKey: .sizeDiffUSD)
        slippageDiffBps = try c.decodeIfPresent(Double.self, forKey: .slippageDiffBps)
        mismatchReasons = try c.decode([String].self, forKey: .mismatchReasons)
    }
}
