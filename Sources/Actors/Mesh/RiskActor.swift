import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// Owns the live risk state and is the only place intents are approved: `checkOrder` over the
/// current NAV, positions, counters and kill switch, with the sizer's clamp. Every veto goes to
/// `risk_vetoes.jsonl`. Nothing here waits on I/O except the kill-switch file check.
public actor RiskActor {
    private let limits: RiskLimits
    private var universe: PairsUniverse
    private let telemetry: TelemetryActor
    private let time: MeshClock
    private let leverage: Double
    private let logger: Logger
    private var counters: RiskCounters
    private var nav: NavSample?
    private var positions: [VenuePosition] = []
    /// Which strategy opened each leg (`SYMBOL|LONG`), for per-strategy concurrency.
    private var legStrategies: [String: String] = [:]
    private var regimes: [String: Regime] = [:]
    private var killSwitchByAPI = false
    private var killSwitchFilePresent = false
    private var killSwitchCheckedAtMs: Int64?
    private var acceptingIntents = true
    private var intentNumber = 0
    private(set) var decisions = 0
    private(set) var vetoesByCode: [String: Int] = [:]
    private var lastDecision: RiskVerdict?

    public init(limits: RiskLimits, universe: PairsUniverse, telemetry: TelemetryActor, time: MeshClock,
                leverage: Double = 1, initialNavUSD: Double = 0, logger: Logger = Logger(label: "hedge.risk")) {
        self.limits = limits
        self.universe = universe
        self.telemetry = telemetry
        self.time = time
        self.leverage = leverage
        self.logger = logger
        counters = RiskCounters(initialNavUSD: initialNavUSD)
    }

    // MARK: Inputs

    public func updateAccount(nav sample: NavSample?, positions venuePositions: [VenuePosition]) {
        nav = sample
        positions = venuePositions
        if let sample { counters.observe(navUSD: sample.navUSD, atMs: sample.sampledAtMs) }
    }

    public func updateUniverse(_ effective: PairsUniverse) { universe = effective }
    public func record(_ trade: ClosedTrade) { counters.record(trade) }
    /// The operator API's kill switch (the file is checked on every decision too).
    public func setKillSwitch(_ engaged: Bool) { killSwitchByAPI = engaged }
    /// The drain's first step: no intent is approved after this.
    public func stopAcceptingIntents() { acceptingIntents = false }

    // MARK: Decisions

    /// A strategy signal as the verdicts to act on: first a reduce-only close of the opposite
    /// leg when one is open (always allowed), then the entry on the signal's leg unless that leg
    /// is already open (no pyramiding). Empty once the drain has begun.
    ///
    /// Vetoes are counted here but not yet written: the caller passes the verdicts to
    /// `report(_:)` once the bar's orders are out, so writing a veto never delays an order.
    public func process(signal: StrategySignal) -> [RiskVerdict] {
        guard acceptingIntents else { return [] }
        regimes[signal.symbol] = signal.regime
        let target = signal.side.leg(reduceOnly: false)
        let opposite: PositionSide = target == .long ? .short : .long
        var verdicts: [RiskVerdict] = []
        if let open = leg(signal.symbol, opposite) {
            let intent = OrderIntent(symbol: signal.symbol, side: signal.side, grossUSD: open.notionalUSD,
                                     leverage: leverage, strategy: signal.strategy, reduceOnly: true)
            verdicts.append(evaluate(envelope(intent, signal: signal), countsAsEntry: false))
        }
        guard leg(signal.symbol, target) == nil else { return verdicts }
        let navUSD = nav?.navUSD ?? 0
        let gross = signal.quantity.map { $0 * signal.referencePrice } ?? navUSD * signal.sizeNavPct / 100
        let intent = OrderIntent(symbol: signal.symbol, side: signal.side, grossUSD: gross, leverage: leverage, strategy: signal.strategy)
        verdicts.append(evaluate(envelope(intent, signal: signal), countsAsEntry: true))
        return verdicts
    }

    /// Sizes and checks one intent. An allowed entry counts toward the frequency limits and
    /// labels its leg with the strategy; a veto is counted (written later by `report(_:)`).
    private func evaluate(_ envelope: IntentEnvelope, countsAsEntry: Bool) -> RiskVerdict {
        let verdict = decide(envelope)
        decisions += 1
        lastDecision = verdict
        if verdict.decision.allowed {
            if countsAsEntry && !envelope.intent.reduceOnly {
                counters.recordEntry(atMs: verdict.decidedAtMs)
                legStrategies[Self.legKey(envelope.intent.symbol, envelope.intent.leg)] = envelope.intent.strategy
            }
        } else {
            for code in verdict.decision.vetoes { vetoesByCode[code.rawValue, default: 0] += 1 }
        }
        return verdict
    }

    /// Writes every vetoed verdict among `verdicts` to `risk_vetoes.jsonl` and the log (allowed
    /// ones are the router's to report). Needs none of the actor's state, so the caller runs it
    /// without a hop once its orders are out.
    public nonisolated func report(_ verdicts: [RiskVerdict]) {
        for verdict in verdicts where !verdict.decision.allowed {
            telemetry.submitLine(.riskVetoes, VetoRecord(verdict))
            logger.info("intent vetoed", metadata: [
                "symbol": "\(verdict.envelope.intent.symbol)", "intent": "\(verdict.envelope.id)",
                "veto": "\(verdict.decision.vetoes.map(\.rawValue).joined(separator: ","))",
            ])
        }
    }

    /// The same decision without counting anything: the shadow pipeline's view.
    public func shadowEvaluate(_ envelope: IntentEnvelope) -> RiskVerdict {
        decide(envelope)
    }

    /// A fresh id for an intent made outside a strategy (heartbeats, operator).
    public func nextIntentId(prefix: String) -> String {
        intentNumber += 1
        return "\(prefix)-\(intentNumber)"
    }

    private func decide(_ envelope: IntentEnvelope) -> RiskVerdict {
        let now = time.nowMs()
        let state = currentState(symbol: envelope.intent.symbol, atMs: now)
        let sizing = suggestGrossUSD(envelope.intent, state: state, limits: limits, universe: universe)
        var sized = envelope
        // Size to what fits; a zero size is still checked, so the veto says why.
        if sizing.grossUSD > 0 { sized.intent.grossUSD = sizing.grossUSD }
        let decision = checkOrder(sized.intent, state: state, limits: limits, universe: universe)
        return RiskVerdict(envelope: sized, sizing: sizing, decision: decision, decidedAtMs: now)
    }

    private func currentState(symbol: String, atMs now: Int64) -> RiskState {
        let exposures = positions.map { position in
            PositionExposure(symbol: position.symbol, side: position.side, notionalUSD: position.notionalUSD,
                             strategy: legStrategies[Self.legKey(position.symbol, position.side)] ?? "unknown")
        }
        let killSwitch = killSwitchByAPI || killSwitchFileExists(atMs: now)
        return counters.state(navUSD: nav?.navUSD ?? 0, navAgeSeconds: nav.map { $0.ageSeconds(nowMs: now) } ?? .infinity,
                              positions: exposures, regime: regimes[symbol] ?? .chop, killSwitch: killSwitch, atMs: now)
    }

    /// The kill-switch file, checked at most once a second: a decision never waits on more than
    /// one `stat` per second, and an operator's `touch` takes effect within a second.
    private func killSwitchFileExists(atMs now: Int64) -> Bool {
        if let checked = killSwitchCheckedAtMs, now - checked < 1_000 { return killSwitchFilePresent }
        killSwitchCheckedAtMs = now
        killSwitchFilePresent = FileManager.default.fileExists(atPath: limits.global.killSwitchFile)
        return killSwitchFilePresent
    }

    private func leg(_ symbol: String, _ side: PositionSide) -> VenuePosition? {
        positions.first { $0.symbol == symbol && $0.side == side && $0.quantity > 0 }
    }

    private func envelope(_ intent: OrderIntent, signal: StrategySignal) -> IntentEnvelope {
        intentNumber += 1
        return IntentEnvelope(id: "\(signal.strategy)-\(signal.symbol)-\(intentNumber)", intent: intent, signal: signal,
                              createdAtMs: time.nowMs())
    }

    private static func legKey(_ symbol: String, _ side: PositionSide) -> String { "\(symbol)|\(side.rawValue)" }

    // MARK: Telemetry

    /// `risk_snapshot.json`: the state the next decision would see, and what was decided so far.
    public func snapshotPayload(symbol: String?) -> RiskSnapshotPayload {
        let now = time.nowMs()
        let state = currentState(symbol: symbol ?? "", atMs: now)
        return RiskSnapshotPayload(sampleCount: decisions, state: state, navFresh: nav?.isFresh(nowMs: now, maxAgeSeconds: limits.global.navMaxAgeSeconds) ?? false,
                                   acceptingIntents: acceptingIntents, vetoesByCode: vetoesByCode,
                                   lastDecision: lastDecision.map(VetoRecord.init))
    }
}

/// One line of `risk_vetoes.jsonl` (and the last decision in `risk_snapshot.json`).
public struct VetoRecord: Sendable, Codable {
    public var time: String
    public var intentId: String
    public var symbol: String
    public var side: Side
    public var strategy: String
    public var grossUSD: Double
    public var reduceOnly: Bool
    public var allowed: Bool
    public var vetoes: [VetoCode]
    public var detail: RiskDetail

    public init(_ verdict: RiskVerdict) {
        time = UTCTime.iso8601(ms: verdict.decidedAtMs)
        intentId = verdict.envelope.id
        symbol = verdict.envelope.intent.symbol
        side = verdict.envelope.intent.side
        strategy = verdict.envelope.intent.strategy
        grossUSD = verdict.envelope.intent.grossUSD
        reduceOnly = verdict.envelope.intent.reduceOnly
        allowed = verdict.decision.allowed
        vetoes = verdict.decision.vetoes
        detail = verdict.decision.detail
    }

    enum CodingKeys: String, CodingKey {
        case time, symbol, side, strategy, allowed, vetoes, detail
        case intentId = "intent_id"
        case grossUSD = "gross_usd"
        case reduceOnly = "reduce_only"
    }
}

/// `risk_snapshot.json`.
public struct RiskSnapshotPayload: Sendable, Codable {
    public var sampleCount: Int
    public var state: RiskState
    public var navFresh: Bool
    public var acceptingIntents: Bool
    public var vetoesByCode: [String: Int]
    public var lastDecision: VetoRecord?

    enum CodingKeys: String, CodingKey {
        case state
        case sampleCount = "sample_count"
        case navFresh = "nav_fresh"
        case acceptingIntents = "accepting_intents"
        case vetoesByCode = "vetoes_by_code"
        case lastDecision = "last_decision"
    }
}
