/// How the router places orders for one symbol. Set from config and tuned by the IntelActor's
/// router auto-tune; the RouterActor and the ShadowActor read copies.
///
/// JSON shape: `{"maker_first": true, "taker_bias": 0.25, "offset_bps": 0.5, "tier": "T3"}`;
/// every key is required (decoding does not pick values for the operator). Ranges are checked by
/// `validate(file:keyPath:into:)`, not while decoding, so every problem is reported at once.
public struct RouterPolicy: Sendable, Hashable, Codable {
    /// Try a post-only (GTX) maker order first; false sends a taker order straight away.
    public var makerFirst: Bool
    /// How much the symbol leans to taking liquidity, a fraction in [0, 1]: at or above
    /// `RoutingParameters.highTakerBias` the router takes when the spread is already tight.
    public var takerBias: Double
    /// How far behind the touch a maker order rests, in basis points of the touch price
    /// (1 bps = 0.01 %), ≥ 0: a BUY at bid × (1 − offset/10 000), a SELL at ask × (1 + offset/10 000).
    public var offsetBps: Double
    /// The symbol's liquidity tier; selects the taker slippage budget.
    public var tier: Tier

    public init(makerFirst: Bool, takerBias: Double, offsetBps: Double, tier: Tier) {
        self.makerFirst = makerFirst
        self.takerBias = takerBias
        self.offsetBps = offsetBps
        self.tier = tier
    }

    /// The policy for a symbol nobody has configured or tuned yet: maker first, a mild taker
    /// bias (0.25, below the default 0.5 threshold, so it rests even on a tight spread), half a
    /// basis point behind the touch, and tier T3 because an unclassified symbol is treated as the
    /// least liquid.
    public static let `default` = RouterPolicy(makerFirst: true, takerBias: 0.25, offsetBps: 0.5, tier: .t3)

    enum CodingKeys: String, CodingKey {
        case tier
        case makerFirst = "maker_first"
        case takerBias = "taker_bias"
        case offsetBps = "offset_bps"
    }

    /// Appends a problem for each value out of range: `taker_bias` must be in [0, 1] and
    /// `offset_bps` finite and ≥ 0.
    /// - Parameters:
    ///   - file: the config file as the operator named it.
    ///   - keyPath: the dotted path of this policy inside the file, e.g. `router.BTCUSDT`.
    public func validate(file: String, keyPath: String, into problems: inout ConfigProblems) {
        let prefix = keyPath.isEmpty ? "" : "\(keyPath)."
        if !(takerBias >= 0 && takerBias <= 1) {
            problems.add(file, prefix + "taker_bias", "must be in [0, 1], got \(formatNumber(takerBias))")
        }
        if !(offsetBps.isFinite && offsetBps >= 0) {
            problems.add(file, prefix + "offset_bps", "must be ≥ 0, got \(formatNumber(offsetBps))")
        }
    }
}
