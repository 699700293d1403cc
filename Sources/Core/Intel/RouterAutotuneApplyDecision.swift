/// The apply gate's verdict on one suggestion: the policy the router should use (the suggested
/// one when applied, else the current one) and every reason it was refused.
///
/// JSON: `{"symbol", "applied", "policy", "refusals": [{"code", "message"}]}`.
public struct RouterAutotuneApplyDecision: Sendable, Hashable, Codable {
    /// One reason the suggestion was not applied.
    public struct Refusal: Sendable, Hashable, Codable {
        public var code: ApplyRefusal
        /// The compared values in words, for the operator.
        public var message: String

        public init(code: ApplyRefusal, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var symbol: String
    public var policy: RouterPolicy
    public var refusals: [Refusal]

    public init(symbol: String, policy: RouterPolicy, refusals: [Refusal]) {
        self.symbol = symbol
        self.policy = policy
        self.refusals = refusals
    }

    /// True when the suggestion passed every check.
    public var applied: Bool { refusals.isEmpty }

    enum CodingKeys: String, CodingKey { case symbol, applied, policy, refusals }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(applied, forKey: .applied)
        try c.encode(policy, forKey: .policy)
        try c.encode(refusals, forKey: .refusals)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        policy = try c.decode(RouterPolicy.self, forKey: .policy)
        refusals = try c.decode([Refusal].self, forKey: .refusals)
    }
}
