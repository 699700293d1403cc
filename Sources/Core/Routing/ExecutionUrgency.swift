/// How soon an order must execute, set by whoever asks the router to trade.
public enum ExecutionUrgency: String, Sendable, Hashable, Codable, CaseIterable {
    /// The policy decides between resting (maker) and taking.
    case normal
    /// Take now whatever the policy says (a stop-out, a drain that must flatten): the slippage
    /// guard still applies.
    case immediate
}
