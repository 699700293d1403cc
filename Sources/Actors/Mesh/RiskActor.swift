import Foundation
import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

/// Owns the live risk state and is the only place intents are approved: `checkOrder` over the
/// current NAV, positions, counters and kill switch, with the sizer's clamp. Every veto goes to
/// `risk_vetoes.jsonl`; with a store, every decision and every change of the counters is
/// recorded there too (write-behind), and the counters come back from it after a restart.
/// Nothing here waits on I/O: the kill switch (store and file) is polled by a runtime job.
public actor RiskActor {
    /// The configured limits, with the trade-frequency limits as risk auto-tune set them when it
    /// is on (`applyBurstLimits`).
    private var limits: RiskLimits
    private var universe: PairsUniverse
    private let telemetry: TelemetryActor
    private let time: MeshClock
    /// For a symbol the universe does not know.
    private let defaultLeverage: Double
    private let logger: Logger
    private var counters: RiskCounters
    private var nav: NavReading?
    /// The venue's legs as last read, moved by fills since, plus approved entries on their way.
    private var exposure = LiveExposure()
    private var exposureFeed: ExposureFeed?
    /// Which strategy opened each leg (`SYMBOL|LONG`), for per-strategy concurrency.
    private var legStrategies: [String: String] = [:]
    private var regimes: [String: Regime] = [:]
    private var killSwitchByOperator = false
    private var killSwitchFilePresent = false
    /// True until reconciliation with the venue succeeded (only with a store: a daemon without
    /// one has nothing to reconcile).
    private var reconciliationPending = false
    /// Symbols with open orders this daemon did not send (`reconcile.unknown_orders: halt`).
    private var haltedSymbols: Set<String> = []
    /// Until when (monotonic ms) new entries wait after the order journal could not be written.
    private var orderLogBlockedUntilMs: Int64?
    private var acceptingIntents = true
    /// Where decisions and counters are recorded, under the run's id.
    private let recorder: StoreRecorder?
    private let runId: String
    private var intentNumber = 0
    private(set) var decisions = 0
    private(set) var vetoesByCode: [String: Int] = [:]
    private var lastDecision: RiskVerdict?

    public init(limits: RiskLimits, universe: PairsUniverse, telemetry: TelemetryActor, time: MeshClock,
                leverage: Double = 1, initialNavUSD: Double = 0, recorder: StoreRecorder? = nil, runId: String = "local",
                logger: Logger = Logger(label: "hedge.risk")) {
        self.limits = limits
        self.universe = universe
        self.telemetry = telemetry
        self.time = time
        defaultLeverage = leverage
        self.recorder = recorder
        self.runId = runId
        self.logger = logger
        counters = RiskCounters(initialNavUSD: initialNavUSD)
        reconciliationPending = recorder != nil
    }

    // MARK: Restart

    /// Continues from the counters an earlier run saved (nil: a fresh store) and the kill switch
    /// as last set. The first NAV after a restart is then compared with the saved day start and
    /// peak, so a daily stop, a drawdown stop, a cooldown and the trade counts all still hold.
    public func restore(counters saved: RiskCounters?, killSwitch: KillSwitchChange?) {
        if let saved { counters = saved }
        killSwitchByOperator = killSwitch?.engaged ?? false
    }

    /// How long new entries wait after a failed order-journal write before the next one may try
    /// the journal again (an order whose journal write fails is never sent).
    public static let orderLogRetryAfterMs: Int64 = 30_000

    /// The router's word on the order journal: after a failed write no new entry passes for
    /// `orderLogRetryAfterMs` (reductions still do: they try the journal themselves); a
    /// successful write lifts that at once.
    public func orderLog(written: Bool) {
        if written {
            if orderLogBlockedUntilMs != nil { logger.notice("order journal writable again: entries allowed") }
            orderLogBlockedUntilMs = nil
        } else {
            orderLogBlockedUntilMs = time.monotonicMs() + Self.orderLogRetryAfterMs
            logger.error("order journal cannot be written: no new entries for 30 s (no trading without an audit trail)")
        }
    }

    /// Reconciliation's verdict: while pending, only risk-reducing orders pass; `halted` symbols
    /// take no new entries (open orders this daemon did not send).
    public func setReconciliation(pending: Bool, halted: Set<String>) {
        if reconciliationPending && !pending { logger.notice("reconciliation done: entries allowed", metadata: ["halted": "\(halted.sorted())"]) }
        reconciliationPending = pending
        haltedSymbols = halted
    }

    /// Whether entries wait for reconciliation.
    public var isReconciliationPending: Bool { reconciliationPending }

    // MARK: Inputs

    public func updateAccount(nav reading: NavReading?, positions venuePositions: [VenuePosition]) {
        nav = reading
        catchUp()
        exposure.replaceVenueLegs(venuePositions, requestedAtMs: reading?.requestedAtMs ?? time.monotonicMs())
        if let sample = reading?.sample, sample.navUSD > 0 {
            if counters.observe(navUSD: sample.navUSD, atMs: sample.sampledAtMs) { saveCounters() }
        }
    }

    /// What the router reports as it happens: a fill moves its leg now (not at the next venue
    /// read) and uses up its entry's reservation; a settled intent releases what is left.
    public func apply(_ change: ExposureChange) {
        apply(change, atMonotonicMs: time.monotonicMs())
    }

    /// Reads what the router reports through `feed` (before every decision and snapshot).
    public func follow(_ feed: ExposureFeed) {
        exposureFeed = feed
    }

    private func apply(_ change: ExposureChange, atMonotonicMs: Int64) {
        switch change {
        case .fill(let intentId, let symbol, let leg, let opening, let quantity, let price):
            exposure.applyFill(intentId: intentId, symbol: symbol, side: leg, opening: opening, quantity: quantity, price: price,
                               atMonotonicMs: atMonotonicMs)
        case .settled(let intentId):
            exposure.settle(intentId: intentId)
        }
    }

    /// Applies, in order, everything the router reported since the last look.
    private func catchUp() {
        guard let exposureFeed else { return }
        for reported in exposureFeed.drain() { apply(reported.change, atMonotonicMs: reported.atMonotonicMs) }
    }

    public func updateUniverse(_ effective: PairsUniverse) { universe = effective }

    /// Risk auto-tune's trade-frequency limits (`RISK_AUTOTUNE_ENABLED`, bounded by
    /// `suggestBurstLimits`): in force from the next decision, logged when they change.
    public func applyBurstLimits(_ suggestion: BurstLimitSuggestion) {
        let hour = suggestion.maxTradesPerHour.proposed, day = suggestion.maxTradesPerDay.proposed
        guard hour != limits.global.maxTradesPerHour || day != limits.global.maxTradesPerDay else { return }
        logger.notice("risk burst limits auto-tuned", metadata: [
            "max_trades_per_hour": "\(limits.global.maxTradesPerHour) → \(hour)", "max_trades_per_day": "\(limits.global.maxTradesPerDay) → \(day)",
            "slippage_bps": "\(fixedPoint(suggestion.slippageBps, 2))", "confidence": "\(fixedPoint(suggestion.confidence, 2))"])
        limits.global.maxTradesPerHour = hour
        limits.global.maxTradesPerDay = day
    }

    /// The trade-frequency limits in force (configured, or as risk auto-tune set them).
    public var burstLimits: (perHour: Int, perDay: Int) { (limits.global.maxTradesPerHour, limits.global.maxTradesPerDay) }
    public func record(_ trade: ClosedTrade) {
        counters.record(trade)
        saveCounters()
    }

    /// The kill switch as the operator set it (`hedge kill`, the store) and whether its file
    /// exists; polled by the runtime's kill-switch job.
    public func setKillSwitch(operator engaged: Bool, file present: Bool) {
        if engaged != killSwitchByOperator || present != killSwitchFilePresent {
            logger.notice(engaged || present ? "kill switch engaged: no new entries" : "kill switch released",
                          metadata: ["operator": "\(engaged)", "file": "\(present)"])
        }
        killSwitchByOperator = engaged
        killSwitchFilePresent = present
    }

    private func saveCounters() {
        recorder?.submit(.riskCounters(counters, atMs: time.nowMs()))
    }
    /// The drain's first step: no intent is approved after this.
    public func stopAcceptingIntents() { acceptingIntents = false }

    // MARK: Decisions

    /// A strategy signal as the verdicts to act on: `reduction(for:)` then `entry(for:)`.
    /// Empty once the drain has begun.
    ///
    /// Vetoes are counted here but not yet written: the caller passes the verdicts to
    /// `report(_:)` once the bar's orders are out, so writing a veto never delays an order.
    public func process(signal: StrategySignal) -> [RiskVerdict] {
        [reduction(for: signal), entry(for: signal)].compactMap { $0 }
    }

    /// The signal's reduce-only close of the opposite leg when one is held (always allowed), nil
    /// otherwise or once the drain has begun. Asked before `entry(for:)`, so the reduction's
    /// order can leave before the entry is decided (and the entry is checked against the book
    /// with the reduction on its way).
    public func reduction(for signal: StrategySignal) -> RiskVerdict? {
        guard acceptingIntents else { return nil }
        catchUp()
        regimes[signal.symbol] = signal.regime
        let opposite: PositionSide = signal.side.leg(reduceOnly: false) == .long ? .short : .long
        guard let held = exposure.held(signal.symbol, opposite) else { return nil }
        let intent = OrderIntent(symbol: signal.symbol, side: signal.side, grossUSD: held,
                                 leverage: leverage(signal.symbol), strategy: signal.strategy, reduceOnly: true)
        return evaluate(envelope(intent, signal: signal), countsAsEntry: false)
    }

    /// The signal's entry on its leg, nil when that leg is held or an entry on it is on its way
    /// (no pyramiding), or once the drain has begun.
    public func entry(for signal: StrategySignal) -> RiskVerdict? {
        guard acceptingIntents else { return nil }
        catchUp()
        regimes[signal.symbol] = signal.regime
        let target = signal.side.leg(reduceOnly: false)
        guard !exposure.isOpenOrPending(signal.symbol, target) else { return nil }
        let navUSD = nav?.sample.navUSD ?? 0
        let gross = signal.quantity.map { $0 * signal.referencePrice } ?? navUSD * signal.sizeNavPct / 100
        let intent = OrderIntent(symbol: signal.symbol, side: signal.side, grossUSD: gross, leverage: leverage(signal.symbol),
                                 strategy: signal.strategy)
        return evaluate(envelope(intent, signal: signal), countsAsEntry: true)
    }

    /// Sizes and checks one intent. An allowed entry counts toward the frequency limits and
    /// labels its leg with the strategy; a veto is counted (written later by `report(_:)`).
    private func evaluate(_ envelope: IntentEnvelope, countsAsEntry: Bool) -> RiskVerdict {
        let verdict = decide(envelope)
        decisions += 1
        lastDecision = verdict
        if verdict.decision.allowed {
            if countsAsEntry && !envelope.intent.reduceOnly {
                let intent = verdict.envelope.intent
                exposure.reserve(intentId: envelope.id, symbol: intent.symbol, side: intent.leg, notionalUSD: intent.grossUSD)
                counters.recordEntry(atMs: verdict.decidedAtMs)
                legStrategies[Self.legKey(envelope.intent.symbol, envelope.intent.leg)] = envelope.intent.strategy
                saveCounters()
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
        if let recorder {
            recorder.submit(verdicts.map { .decision(StoredDecision(verdict: $0, runId: runId)) })
        }
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
        catchUp()
        return decide(envelope)
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
        let exposures = exposure.exposures { legStrategies[Self.legKey($0.symbol, $0.side)] ?? "unknown" }
        var state = counters.state(navUSD: nav?.sample.navUSD ?? 0, navAgeSeconds: nav?.ageSeconds(monotonicNowMs: time.monotonicMs()) ?? .infinity,
                                   positions: exposures, regime: regimes[symbol] ?? .chop,
                                   killSwitch: killSwitchByOperator || killSwitchFilePresent, atMs: now)
        state.reconciliationPending = reconciliationPending
        if let until = orderLogBlockedUntilMs { state.orderLogUnwritable = time.monotonicMs() < until }
        state.haltedSymbols = haltedSymbols
        return state
    }

    private func envelope(_ intent: OrderIntent, signal: StrategySignal) -> IntentEnvelope {
        intentNumber += 1
        return IntentEnvelope(id: "\(signal.strategy)-\(signal.symbol)-\(intentNumber)", intent: intent, signal: signal,
                              createdAtMs: time.nowMs())
    }

    /// The leverage an order on `symbol` gets: the venue's, as the universe confirmed it.
    private func leverage(_ symbol: String) -> Double {
        universe.symbols[symbol].map { Double($0.leverage) } ?? defaultLeverage
    }

    private static func legKey(_ symbol: String, _ side: PositionSide) -> String { "\(symbol)|\(side.rawValue)" }

    // MARK: Telemetry

    /// `risk_snapshot.json`: the state the next decision would see, and what was decided so far.
    public func snapshotPayload(symbol: String?) -> RiskSnapshotPayload {
        catchUp()
        let now = time.nowMs()
        let state = currentState(symbol: symbol ?? "", atMs: now)
        let summary = counters.summary(navUSD: nav?.sample.navUSD ?? 0, atMs: now)
        let cooldown = limits.global.lossCooldown
        let cooldownUntil = summary.consecutiveLosses >= cooldown.consecutiveLosses
            ? summary.lastLossTimeMs.map { $0 + Int64(cooldown.minutes * 60_000) }.flatMap { $0 > now ? $0 : nil } : nil
        return RiskSnapshotPayload(sampleCount: decisions, state: state, navFresh: nav?.isFresh(monotonicNowMs: time.monotonicMs(), maxAgeSeconds: limits.global.navMaxAgeSeconds) ?? false,
                                   acceptingIntents: acceptingIntents, vetoesByCode: vetoesByCode,
                                   lastDecision: lastDecision.map(VetoRecord.init),
                                   counters: RiskSnapshotPayload.Counters(summary, cooldownUntilMs: cooldownUntil),
                                   halts: Self.halts(state: state, limits: limits).map(\.rawValue))
    }

    /// The veto codes that block every new entry now, whatever the symbol or size: what an
    /// operator must clear before the daemon trades again.
    static func halts(state: RiskState, limits: RiskLimits) -> [VetoCode] {
        var codes: [VetoCode] = []
        if !(state.navUSD > 0 && state.navAgeSeconds <= limits.global.navMaxAgeSeconds) { codes.append(.navStale) }
        if state.killSwitch { codes.append(.killSwitch) }
        if state.reconciliationPending { codes.append(.reconciliationPending) }
        if state.orderLogUnwritable { codes.append(.orderLogUnwritable) }
        if limits.multiplier(for: state.regime) <= 0 { codes.append(.regimeBlocked) }
        if max(0, -state.dailyPnlPct) >= limits.global.dailyLossStopPct { codes.append(.dailyLossStop) }
        if state.drawdownPct >= limits.global.maxDrawdownPct { codes.append(.maxDrawdown) }
        if state.tradesLastHour >= limits.global.maxTradesPerHour { codes.append(.tradesPerHour) }
        if state.tradesToday >= limits.global.maxTradesPerDay { codes.append(.tradesPerDay) }
        let cooldown = limits.global.lossCooldown
        if state.consecutiveLosses >= cooldown.consecutiveLosses, let minutes = state.minutesSinceLastLoss, minutes < cooldown.minutes {
            codes.append(.lossCooldown)
        }
        return codes
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
    /// The risk counters as an operator reads them.
    public var counters: Counters
    /// The veto codes that currently block every new entry (`daily_loss_stop`, `kill_switch`, …).
    public var halts: [String]

    /// `counters` of `risk_snapshot.json`.
    public struct Counters: Sendable, Codable {
        public var day: String?
        public var dayStartNavUSD: Double
        public var peakNavUSD: Double
        public var dailyPnlPct: Double
        public var drawdownPct: Double
        public var tradesLastHour: Int
        public var tradesToday: Int
        public var consecutiveLosses: Int
        /// ISO 8601 UTC; nil when no loss cooldown runs.
        public var cooldownUntil: String?

        init(_ summary: RiskCounters.Summary, cooldownUntilMs: Int64?) {
            day = summary.day
            dayStartNavUSD = summary.dayStartNavUSD
            peakNavUSD = summary.peakNavUSD
            dailyPnlPct = summary.dailyPnlPct
            drawdownPct = summary.drawdownPct
            tradesLastHour = summary.tradesLastHour
            tradesToday = summary.tradesToday
            consecutiveLosses = summary.consecutiveLosses
            cooldownUntil = cooldownUntilMs.map { UTCTime.iso8601(ms: $0) }
        }

        enum CodingKeys: String, CodingKey {
            case day
            case dayStartNavUSD = "day_start_nav_usd"
            case peakNavUSD = "peak_nav_usd"
            case dailyPnlPct = "daily_pnl_pct"
            case drawdownPct = "drawdown_pct"
            case tradesLastHour = "trades_last_hour"
            case tradesToday = "trades_today"
            case consecutiveLosses = "consecutive_losses"
            case cooldownUntil = "cooldown_until"
        }
    }

    enum CodingKeys: String, CodingKey {
        case state, counters, halts
        case sampleCount = "sample_count"
        case navFresh = "nav_fresh"
        case acceptingIntents = "accepting_intents"
        case vetoesByCode = "vetoes_by_code"
        case lastDecision = "last_decision"
    }
}

extension StoredDecision {
    /// The store's row for one risk verdict.
    init(verdict: RiskVerdict, runId: String) {
        self.init(intentId: verdict.envelope.id, runId: runId, timeMs: verdict.decidedAtMs, symbol: verdict.envelope.intent.symbol,
                  side: verdict.envelope.intent.side, strategy: verdict.envelope.intent.strategy, grossUSD: verdict.envelope.intent.grossUSD,
                  reduceOnly: verdict.envelope.intent.reduceOnly, allowed: verdict.decision.allowed,
                  vetoes: verdict.decision.vetoes.map(\.rawValue), detail: verdict.decision.detail)
    }
}
