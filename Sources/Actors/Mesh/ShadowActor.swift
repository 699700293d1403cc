import DequeModule
import HedgeCore
import Logging

/// The shadow pipeline: every intent — and, in an interval without intents, a heartbeat
/// placeholder — goes through risk, sizing and the router policy without the venue. Decisions go
/// to `pipeline_v6_shadow.jsonl`, the latest one whole to `pipeline_v6_shadow_head.json`; compare
/// aligns them with executed orders on its own interval. Runs (and writes `enabled: false`)
/// whatever the flags say, so its files never go stale.
public actor ShadowActor {
    private let risk: RiskActor
    private let router: RouterActor
    private let telemetry: TelemetryActor
    private let time: MeshClock
    private let shadowEnabled: Bool
    private let compareEnabled: Bool
    private let compareParameters: CompareParameters
    private let logger: Logger
    /// Recent decisions for compare (bounded).
    private var decisions: Deque<ShadowDecisionRecord> = []
    private let retained = 5_000
    private var liveSinceHeartbeat = 0
    private var heartbeats = 0
    private var head: ShadowHead?
    private var heartbeatRotation = 0

    public init(risk: RiskActor, router: RouterActor, telemetry: TelemetryActor, time: MeshClock, flags: FlagSnapshot,
                compareParameters: CompareParameters = .default, logger: Logger = Logger(label: "hedge.shadow")) {
        self.risk = risk
        self.router = router
        self.telemetry = telemetry
        self.time = time
        shadowEnabled = flags.isEnabled(.pipelineShadow)
        compareEnabled = flags.isEnabled(.pipelineCompare)
        self.compareParameters = compareParameters
        self.logger = logger
        // Sized once: a deque that grows copies itself, while the next bar waits.
        decisions.reserveCapacity(retained + 1)
    }

    /// Records a verdict the live path reached (or a heartbeat's).
    public func observe(_ verdict: RiskVerdict, live: Bool) async {
        if live { liveSinceHeartbeat += 1 }
        let route = await router.previewRoute(for: verdict.envelope.intent)
        let record = ShadowDecisionRecord(
            intentId: verdict.envelope.id, symbol: verdict.envelope.intent.symbol, side: verdict.envelope.intent.side,
            timeMs: verdict.decidedAtMs, allowed: verdict.decision.allowed, vetoes: verdict.decision.vetoes,
            grossUSD: verdict.envelope.intent.grossUSD, router: route?.route, expectedPrice: route?.price,
            expectedSlippageBps: route?.slippageBps, heartbeat: verdict.envelope.heartbeat)
        decisions.append(record)
        if decisions.count > retained { decisions.removeFirst() }
        head = ShadowHead(intent: verdict.envelope.intent, intentId: verdict.envelope.id, heartbeat: verdict.envelope.heartbeat,
                          decision: verdict.decision, sizing: verdict.sizing, route: route)
        if shadowEnabled { telemetry.submitLine(.shadow, record) }
    }

    /// The heartbeat job: with no live intent since the last heartbeat, runs a placeholder intent
    /// (BUY 1 % of NAV on the next tradable symbol, in turn) through the shadow pipeline. Always
    /// writes the head file.
    public func heartbeat(symbols: [String], navUSD: Double) async {
        if liveSinceHeartbeat == 0, !symbols.isEmpty {
            let symbol = symbols[heartbeatRotation % symbols.count]
            heartbeatRotation += 1
            let intent = OrderIntent(symbol: symbol, side: .buy, grossUSD: max(navUSD, 0) * 0.01, leverage: 1, strategy: "shadow_heartbeat")
            let id = await risk.nextIntentId(prefix: "heartbeat")
            let envelope = IntentEnvelope(id: id, intent: intent, signal: nil, createdAtMs: time.nowMs(), heartbeat: true)
            heartbeats += 1
            await observe(await risk.shadowEvaluate(envelope), live: false)
        }
        liveSinceHeartbeat = 0
        telemetry.submitState(.shadowHead, ShadowHeadPayload(enabled: shadowEnabled, sampleCount: decisions.count,
                                                             heartbeats: heartbeats, head: head), timeMs: time.nowMs())
    }

    /// The compare job: aligns recent decisions with executed fills and writes the summary (a
    /// well-formed warm-up summary with zero samples too).
    public func compare() async {
        let executed = await router.executedRecords()
        let summary = CompareSummary(decisions: Array(decisions), executed: executed, parameters: compareParameters)
        if compareEnabled { telemetry.submitLine(.compare, summary) }
        telemetry.submitState(.compareSummary, ComparePayload(enabled: compareEnabled, summary: summary), timeMs: time.nowMs())
    }
}

/// The latest shadow decision, whole.
public struct ShadowHead: Sendable, Codable {
    public var intent: OrderIntent
    public var intentId: String
    public var heartbeat: Bool
    public var decision: RiskDecision
    public var sizing: SizingDecision
    public var route: RoutePreview?

    enum CodingKeys: String, CodingKey {
        case intent, heartbeat, decision, sizing, route
        case intentId = "intent_id"
    }
}

/// `pipeline_v6_shadow_head.json`.
public struct ShadowHeadPayload: Sendable, Codable {
    public var enabled: Bool
    public var sampleCount: Int
    public var heartbeats: Int
    public var head: ShadowHead?

    enum CodingKeys: String, CodingKey {
        case enabled, heartbeats, head
        case sampleCount = "sample_count"
    }
}

/// `pipeline_v6_compare_summary.json`: the summary's keys plus `enabled`.
public struct ComparePayload: Sendable, Encodable {
    public var enabled: Bool
    public var summary: CompareSummary

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(enabled, forKey: .enabled)
    }

    enum Key: String, CodingKey { case enabled }
}
