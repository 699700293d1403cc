import HedgeCore
import Logging

/// The learning layer, live: owns the trade ledger (closed trades as they happen) and, on its
/// interval, writes expectancy, symbol scores, router policy suggestions and risk allocation
/// suggestions. With a flag off, its file is still written, saying `enabled: false`.
///
/// With `ROUTER_AUTOTUNE_V6_APPLY_ENABLED` on, each suggestion goes through
/// `RouterAutotuneApplyGate` (bounded steps, `router.autotune_allowlist`, enough orders, a good
/// enough score); what passes becomes the symbol's live policy (`router_health.json` `policies`
/// source `autotune`), and every verdict is in `router_policy_suggestions_v6.json` `apply`.
public actor IntelActor {
    private let telemetry: TelemetryActor
    private let router: RouterActor
    private let time: MeshClock
    private let flags: FlagSnapshot
    private let limits: RiskLimits
    private let applyGate: RouterAutotuneApplyGate
    /// Where risk auto-tune's burst limits go when `RISK_AUTOTUNE_ENABLED` is on.
    private let risk: RiskActor?
    private let logger: Logger
    private var ledger = TradeLedger()
    /// The expectancy gate the strategies consult now (`allowAll` until intel blocks a bucket).
    public private(set) var appliedGate = ExpectancyGate.allowAll
    /// Hands a new gate to the strategies (the signal actor).
    private var gateHandler: (@Sendable (ExpectancyGate) async -> Void)?
    public private(set) var runs = 0

    public init(telemetry: TelemetryActor, router: RouterActor, time: MeshClock, flags: FlagSnapshot, limits: RiskLimits,
                autotuneAllowlist: Set<String> = [], risk: RiskActor? = nil, logger: Logger = Logger(label: "hedge.intel")) {
        self.risk = risk
        self.logger = logger
        self.telemetry = telemetry
        self.router = router
        self.time = time
        self.flags = flags
        self.limits = limits
        applyGate = RouterAutotuneApplyGate(flags: flags, allowlist: autotuneAllowlist)
    }

    public func record(_ trade: ClosedTrade) { ledger.add(trade) }

    /// Sets where a changed expectancy gate goes (the strategies, through the signal actor).
    public func onGate(_ handler: @escaping @Sendable (ExpectancyGate) async -> Void) { gateHandler = handler }

    /// The trade ledger of earlier runs (from the store), so expectancy, scores and suggestions
    /// after a restart equal those before it.
    public func restore(trades: [ClosedTrade]) { ledger = TradeLedger(trades: trades) }

    /// One intel pass; every file is written every time.
    public func run(universe: PairsUniverse, navUSD: Double) async {
        runs += 1
        let now = time.nowMs()
        let intelOn = flags.isEnabled(.intel)
        let health = await router.healthBySymbol()
        let expectancy = ledger.expectancy()
        let scores = ledger.scores(health: health)
        // The strategies' expectancy veto, exactly as the backtest builds it: under the intel flag,
        // the buckets that left warm-up with a negative mean; with the flag off nothing is blocked.
        let gate = intelOn ? expectancy.gate : .allowAll
        if gate != appliedGate {
            appliedGate = gate
            logger.notice("expectancy gate applied to the strategies", metadata: [
                "blocked": "\(ExpectancyPayload.sorted(gate.blocked).map { "\($0.symbol)@\($0.hourUTC)h/\($0.regime.rawValue)" }.joined(separator: ","))"])
            await gateHandler?(gate)
        }
        let table = intelOn ? expectancy : ExpectancySnapshot(sampleCount: 0, minSampleSize: expectancy.minSampleSize, buckets: [])
        telemetry.submitState(.expectancy, Gated(enabled: intelOn, body: ExpectancyPayload(snapshot: table, blocked: gate.blocked)), timeMs: now)
        telemetry.submitState(.symbolScores, Gated(enabled: intelOn, body: intelOn ? scores : SymbolScoreReport(sampleCount: 0, scores: [:])), timeMs: now)

        let autotuneOn = intelOn && flags.isEnabled(.routerAutotune)
        var suggestions: [String: RouterPolicySuggestion] = [:]
        if autotuneOn {
            let policies = await router.policies()
            for (symbol, symbolHealth) in health {
                suggestions[symbol] = suggestRouterPolicy(symbol: symbol, current: policies[symbol] ?? .default,
                                                          health: symbolHealth, score: scores.scores[symbol])
            }
        }
        // Suggestions only, unless the apply flag is on and the gate passes the suggestion.
        var decisions: [String: RouterAutotuneApplyDecision] = [:]
        if autotuneOn && applyGate.applyEnabled {
            for (symbol, suggestion) in suggestions.sorted(by: { $0.key < $1.key }) {
                let decision = applyGate.evaluate(suggestion)
                decisions[symbol] = decision
                if decision.refusals.isEmpty { await router.applyAutotuned(decision.policy, for: symbol, reasons: suggestion.reasons) }
            }
        }
        telemetry.submitState(.routerPolicySuggestions,
                              SuggestionsPayload(enabled: autotuneOn, applyEnabled: applyGate.applyEnabled,
                                                 sampleCount: suggestions.count, suggestions: suggestions, apply: decisions), timeMs: now)

        // Risk auto-tune: trade-frequency limits that follow the account's slippage, trusted by how
        // many router orders stand behind it; applied only under its flag.
        let orders = health.values.reduce(0) { $0 + $1.orderCount }
        let slippage = orders > 0 ? health.values.reduce(0) { $0 + $1.meanSlippageBps * Double($1.orderCount) } / Double(orders) : 0
        let burst = suggestBurstLimits(limits: limits.global, slippageBps: slippage,
                                       confidence: Double(orders) / Double(Self.burstConfidenceOrders))
        let riskAutotuneOn = flags.isEnabled(.riskAutotune)
        if riskAutotuneOn, orders > 0, let risk { await risk.applyBurstLimits(burst) }

        let allocatorOn = intelOn && flags.isEnabled(.feedbackAllocator)
        let allocation = proposeAllocation(scores: allocatorOn ? scores.scores : [:], expectancy: expectancy,
                                           limits: limits, universe: universe, navUSD: navUSD)
        telemetry.submitState(.riskAllocationSuggestions,
                              AllocationPayload(enabled: allocatorOn, sampleCount: allocatorOn ? ledger.tradeCount : 0, proposal: allocation,
                                                burstLimits: burst, burstLimitsApplied: riskAutotuneOn && orders > 0 && risk != nil),
                              timeMs: now)
    }

    /// Router orders behind full confidence in the account's slippage (risk auto-tune).
    static let burstConfidenceOrders = 50
}

/// A payload with `enabled` added at the top level.
struct Gated<Body: Encodable & Sendable>: Encodable, Sendable {
    var enabled: Bool
    var body: Body

    func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(enabled, forKey: .enabled)
    }

    enum Key: String, CodingKey { case enabled }
}

/// `expectancy_v6.json`: the table, and `gate_blocked`, the buckets the strategies are vetoed in
/// now (sorted by symbol, hour, regime).
struct ExpectancyPayload: Encodable, Sendable {
    var snapshot: ExpectancySnapshot
    var blocked: Set<ExpectancyKey>

    static func sorted(_ keys: Set<ExpectancyKey>) -> [ExpectancyKey] {
        keys.sorted { ($0.symbol, $0.hourUTC, $0.regime.rawValue) < ($1.symbol, $1.hourUTC, $1.regime.rawValue) }
    }

    func encode(to encoder: any Encoder) throws {
        try snapshot.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(Self.sorted(blocked), forKey: .gateBlocked)
    }

    enum Key: String, CodingKey { case gateBlocked = "gate_blocked" }
}

/// `router_policy_suggestions_v6.json`.
struct SuggestionsPayload: Encodable, Sendable {
    var enabled: Bool
    var applyEnabled: Bool
    var sampleCount: Int
    var suggestions: [String: RouterPolicySuggestion]
    /// The apply gate's verdict per symbol (empty with the apply flag off).
    var apply: [String: RouterAutotuneApplyDecision]

    enum CodingKeys: String, CodingKey {
        case enabled, suggestions, apply
        case applyEnabled = "apply_enabled"
        case sampleCount = "sample_count"
    }
}

/// `risk_allocation_suggestions_v6.json`.
struct AllocationPayload: Encodable, Sendable {
    var enabled: Bool
    var sampleCount: Int
    var proposal: AllocationProposal
    /// Risk auto-tune's trade-frequency limits, and whether they are in force (`RISK_AUTOTUNE_ENABLED`).
    var burstLimits: BurstLimitSuggestion
    var burstLimitsApplied: Bool

    enum CodingKeys: String, CodingKey {
        case enabled, proposal
        case burstLimits = "burst_limits"
        case burstLimitsApplied = "burst_limits_applied"
        case sampleCount = "sample_count"
    }
}
