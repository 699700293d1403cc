/// Router auto-tune's suggestion for one symbol: the current policy, the suggested one, whether
/// they differ and why, with the health figures and score that drove it. One entry of
/// `router_policy_suggestions_v6.json`; the apply gate decides whether it reaches the router.
///
/// JSON: `{"symbol", "current", "suggested", "changed", "reasons", "order_count",
/// "maker_fill_ratio", "mean_slippage_bps", "score", "score_sample_count"}`.
public struct RouterPolicySuggestion: Sendable, Hashable, Codable {
    public var symbol: String
    public var current: RouterPolicy
    public var suggested: RouterPolicy
    /// `suggested != current`.
    public var changed: Bool
    /// One line per rule that fired or held the policy (warm-up, dead band, bound).
    public var reasons: [String]
    /// Router orders behind the suggestion.
    public var orderCount: Int
    public var makerFillRatio: Double
    public var meanSlippageBps: Double
    /// The symbol's score (0.5 when none was given).
    public var score: Double
    /// Closed trades behind the score.
    public var scoreSampleCount: Int

    public init(symbol: String, current: RouterPolicy, suggested: RouterPolicy, reasons: [String], orderCount: Int,
                makerFillRatio: Double, meanSlippageBps: Double, score: Double, scoreSampleCount: Int) {
        self.symbol = symbol
        self.current = current
        self.suggested = suggested
        self.changed = suggested != current
        self.reasons = reasons
        self.orderCount = orderCount
        self.makerFillRatio = makerFillRatio
        self.meanSlippageBps = meanSlippageBps
        self.score = score
        self.scoreSampleCount = scoreSampleCount
    }

    enum CodingKeys: String, CodingKey {
        case symbol, current, suggested, changed, reasons, score
        case orderCount = "order_count"
        case makerFillRatio = "maker_fill_ratio"
        case meanSlippageBps = "mean_slippage_bps"
        case scoreSampleCount = "score_sample_count"
    }
}
