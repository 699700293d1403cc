/// The risk engine's answer for one intent: allowed, or vetoed with every failing rule, plus
/// the numbers it compared so an operator can see why.
///
/// JSON: `{"allowed": bool, "vetoes": [codes], "detail": {...}}`.
public struct RiskDecision: Sendable, Hashable, Codable {
    public var allowed: Bool { vetoes.isEmpty }
    /// Every failing rule, in `VetoCode` declaration order; empty when allowed.
    public var vetoes: [VetoCode]
    public var detail: RiskDetail

    public init(vetoes: [VetoCode], detail: RiskDetail) {
        self.vetoes = vetoes
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey { case allowed, vetoes, detail }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(allowed, forKey: .allowed)
        try c.encode(vetoes, forKey: .vetoes)
        try c.encode(detail, forKey: .detail)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vetoes = try c.decode([VetoCode].self, forKey: .vetoes)
        detail = try c.decode(RiskDetail.self, forKey: .detail)
    }
}

/// What the decision looked at: NAV freshness and each cap checked with its limit and the value
/// compared against it.
public struct RiskDetail: Sendable, Hashable, Codable {
    public var navUSD: Double
    public var navAgeSeconds: Double
    public var navFresh: Bool
    public var regime: Regime
    public var regimeMultiplier: Double
    /// True when the intent was a reduce-only that shrinks an existing leg: such intents are
    /// never blocked, so no cap was checked.
    public var riskReducing: Bool
    public var checks: [CapCheck]

    public init(navUSD: Double, navAgeSeconds: Double, navFresh: Bool, regime: Regime,
                regimeMultiplier: Double, riskReducing: Bool, checks: [CapCheck]) {
        self.navUSD = navUSD
        self.navAgeSeconds = navAgeSeconds
        self.navFresh = navFresh
        self.regime = regime
        self.regimeMultiplier = regimeMultiplier
        self.riskReducing = riskReducing
        self.checks = checks
    }

    enum CodingKeys: String, CodingKey {
        case regime, checks
        case navUSD = "nav_usd"
        case navAgeSeconds = "nav_age_s"
        case navFresh = "nav_fresh"
        case regimeMultiplier = "regime_multiplier"
        case riskReducing = "risk_reducing"
    }
}

/// One rule evaluated: the limit and the value compared (after the order, for caps).
public struct CapCheck: Sendable, Hashable, Codable {
    /// The veto code this check raises when it fails.
    public var code: VetoCode
    /// What is measured, in which unit: see `CapMeasure`.
    public var measure: CapMeasure
    /// The bucket the check applies to (a symbol, tier, cluster or strategy name; nil for global).
    public var scope: String?
    public var limit: Double
    public var value: Double
    public var passed: Bool

    public init(code: VetoCode, measure: CapMeasure, scope: String? = nil, limit: Double, value: Double, passed: Bool) {
        self.code = code
        self.measure = measure
        self.scope = scope
        self.limit = limit
        self.value = value
        self.passed = passed
    }
}

/// The unit of a `CapCheck`'s limit and value.
public enum CapMeasure: String, Sendable, Hashable, Codable {
    /// Percent of NAV (3 = 3 %), after the regime multiplier.
    case navPct = "nav_pct"
    /// A multiple of NAV (gross exposure).
    case navMultiple = "x_nav"
    /// US dollars.
    case usd
    /// A count (positions, trades, losses).
    case count
    /// Leverage multiple.
    case leverage
    /// A loss or drawdown in percent.
    case lossPct = "loss_pct"
    /// Minutes (cooldown).
    case minutes

    /// True for measures that depend on the order's size: the sizer guarantees these pass.
    public var isSizeMeasure: Bool {
        self == .navPct || self == .navMultiple || self == .usd
    }
}
