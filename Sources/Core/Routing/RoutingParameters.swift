/// The thresholds the routing math uses, in one place so none is a literal buried in code.
/// Loaded from config by the RouterActor (later), defaulted here; the shadow pipeline uses the
/// same value so its decisions match live.
public struct RoutingParameters: Sendable, Hashable {
    /// A `RouterPolicy.takerBias` at or above this (a fraction in [0, 1]) leans taker: with a
    /// tight spread the router takes instead of resting. Default 0.5: the policy prefers taking
    /// more than making.
    public var highTakerBias: Double
    /// A spread of at most this many ticks counts as tight. Default 1: there is no price between
    /// bid and ask, so a maker order saves no spread and only risks not filling.
    public var tightSpreadTicks: Int
    /// A spread of at most this many basis points of mid also counts as tight (for symbols whose
    /// tick is small relative to price). Default 1 bps.
    public var tightSpreadBps: Double
    /// How many post-only attempts (including the first) before falling back to taker.
    /// Default 3.
    public var maxPostOnlyAttempts: Int
    /// Taker slippage budget per tier.
    public var slippageBudget: SlippageBudget
    /// How long one post-only attempt may rest unfilled before it is canceled and re-priced (or,
    /// after the last attempt, taken), milliseconds. Default 20 000: three attempts span about
    /// one 1-minute bar, the backtest's maker time to live.
    public var makerAttemptMs: Int64
    /// The taker fallback goes only on a quote younger than this, milliseconds (default 5 000);
    /// older, the entry is abandoned: a stale touch says nothing about the slippage.
    public var maxQuoteAgeMs: Int64

    public init(
        highTakerBias: Double = 0.5,
        tightSpreadTicks: Int = 1,
        tightSpreadBps: Double = 1,
        maxPostOnlyAttempts: Int = 3,
        slippageBudget: SlippageBudget = SlippageBudget(),
        makerAttemptMs: Int64 = 20_000,
        maxQuoteAgeMs: Int64 = 5_000
    ) {
        self.highTakerBias = highTakerBias
        self.tightSpreadTicks = tightSpreadTicks
        self.tightSpreadBps = tightSpreadBps
        self.maxPostOnlyAttempts = maxPostOnlyAttempts
        self.slippageBudget = slippageBudget
        self.makerAttemptMs = makerAttemptMs
        self.maxQuoteAgeMs = maxQuoteAgeMs
    }

    /// The documented defaults above.
    public static let `default` = RoutingParameters()
}
