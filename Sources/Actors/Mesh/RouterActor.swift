import DequeModule
import Foundation
import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

/// Owns order placement and every working order's state: the maker/taker choice from the symbol's
/// `RouterPolicy`, rounding by venue filters, one `OrderStateMachine` per order fed by REST
/// answers and the user stream (idempotent on duplicated or reordered updates), the post-only
/// fallback to taker, ACK/FILL/CLOSE lines, order metrics and router health, and the round trips
/// that become closed trades.
public actor RouterActor {
    struct TrackedOrder: Sendable {
        var machine: OrderStateMachine
        var intentId: String?
        var symbol: String
        var side: Side
        var leg: PositionSide
        var opening: Bool
        var route: ExecutionRoute
        var fallback: Bool
        /// The strategy the order serves (for the store and the round trip it opens).
        var strategy: String
        /// The book's mid when the order was decided (exact; turned into a `Double` only when a
        /// fill's slippage is computed, off the order path).
        var decisionMid: Decimal?
        /// The limit price sent (maker orders), for the ACK line.
        var limitPrice: Decimal?
        var submittedAtMs: Int64
        var firstFillAtMs: Int64?
        var makerFills = 0.0
        var filledQuantity = 0.0
        /// The exit its fills record when it closes a leg: `stop`, `take_profit` for protective
        /// orders; nil (a signal's) otherwise.
        var exitReason: String?
        /// The trigger price sent (protective orders), for the ACK line.
        var triggerPrice: Decimal?
        /// The order's type as sent, for the ACK line (nil for an order adopted after a restart
        /// whose type was not stored).
        var orderType: VenueOrderType?

        init(machine: OrderStateMachine, intentId: String?, symbol: String, side: Side, leg: PositionSide, opening: Bool,
             route: ExecutionRoute, fallback: Bool, strategy: String, decisionMid: Decimal?, limitPrice: Decimal?,
             submittedAtMs: Int64, filledQuantity: Double = 0) {
            self.machine = machine
            self.intentId = intentId
            self.symbol = symbol
            self.side = side
            self.leg = leg
            self.opening = opening
            self.route = route
            self.fallback = fallback
            self.strategy = strategy
            self.decisionMid = decisionMid
            self.limitPrice = limitPrice
            self.submittedAtMs = submittedAtMs
            self.filledQuantity = filledQuantity
        }
    }

    let exchange: any ExchangeClient
    let telemetry: TelemetryActor
    let time: MeshClock
    let routing: RoutingParameters
    let hedgeMode: Bool
    let logger: Logger
    /// The latest book of each symbol with its mid, computed once per update (a `Decimal` sum
    /// and product: microseconds the order path does not pay).
    var books: [String: QuotedBook] = [:]
    var filters: [String: VenueFilters] = [:]
    var policyOverrides: [String: RouterPolicy] = [:]
    /// From `runtime.yaml` `router`, per symbol of the universe, with the level that set it.
    var configuredPolicies: [String: (policy: RouterPolicy, source: RouterPolicyConfig.Source)] = [:]
    /// Working orders and the latest `finishedOrderMemory` finished ones (so late duplicated
    /// updates are recognised), oldest finished evicted first. Sized once at start: growing a
    /// dictionary rehashes every entry, a pause of milliseconds on the order path at each doubling.
    var orders: [String: TrackedOrder] = [:]
    /// Finished orders in the order they finished; evicted from the front.
    var finishedOrderIds: Deque<String> = []
    /// Orders not yet closed, which the timeout job checks every second.
    var unfinished: Set<String> = []
    let finishedOrderMemory: Int
    var ordersSent = 0
    var ordersFilled = 0
    /// Client order ids, unique forever (`hm-<run>-<seq>`).
    var ids: ClientOrderIdSequence
    /// Where orders, fills, trades and metrics are recorded; nil runs without a store.
    let recording: OrderRecording?
    var tracker = RoundTripTracker()
    var metrics: Deque<OrderMetricsRecord> = []
    var executed: Deque<ExecutedOrderRecord> = []
    let retained = 5_000
    var draining = false
    /// Trades of orders this daemon did not send that it has applied (dedupes stream and resync).
    var foreignTradeIds: Set<String> = []
    /// Orders taken over from an earlier run that the venue has not yet answered for.
    var resumed: Set<String> = []
    /// Venue time of the latest order update seen: where the post-gap trade resync starts.
    var lastVenueEventMs: Int64 = 0
    /// Venue calls awaiting an answer (the drain waits for these).
    public internal(set) var callsInFlight = 0
    var tradeHandler: (@Sendable (ClosedTrade) async -> Void)?
    /// Run after a user-stream gap's resync (the runtime re-reads account and positions).
    var resyncHandler: (@Sendable () async -> Void)?
    var orderLogHandler: (@Sendable (_ written: Bool) async -> Void)?
    /// Maker entries in progress, by the client order id of their working attempt.
    var makerEntries: [String: MakerEntry] = [:]
    var makerCounts = MakerCounts()
    /// Each held leg's protective orders (`RouterActor+Protection`), by symbol and leg.
    var protections: [String: LegProtection] = [:]
    /// The universe is spot (Coinbase): one resting exit per holding (`RouterActor+SpotExits`).
    var spotVenue = false
    /// Legs whose take-profit exit is under way on a spot venue (stop being canceled, sale sent).
    var spotTakeProfitsFiring: Set<String> = []
    /// Per strategy, the longest a leg it opened is held (ms; `max_hold_minutes`).
    var maxHoldMs: [String: Int64] = [:]
    /// The market time each held leg opened at (by symbol and leg), for max hold in market time.
    var legOpenedAtMarketMs: [String: Int64] = [:]
    /// The latest venue time seen on the market stream (bars and books), epoch ms.
    var marketTimeMs: Int64 = 0
    /// Slippage and signal-to-request latency, through swift-metrics.
    var orderPathMetrics = OrderPathMetrics.none
    /// When each intent's signal was made (wall ms), until its first order request is timed.
    var latencyStarts: [String: Int64] = [:]
    /// Finished orders by terminal status, and fills by symbol (`/metrics`).
    var closedByStatus: [String: Int] = [:]
    var fillsBySymbol: [String: Int] = [:]
    /// User events fully applied (their orders placed and canceled): a lockstep driver waits on
    /// this before it shows the mesh the next bar.
    public internal(set) var userEventsApplied = 0
    /// Callers of `waitUntilApplied(userEvents:)`, with the count each waits for.
    var appliedWaiters: [Int: (count: Int, continuation: CheckedContinuation<Void, Never>)] = [:]
    var appliedWaiterNumber = 0
    /// Where fills and settled intents go for the risk actor (no hop: see `ExposureFeed`).
    var exposureFeed: ExposureFeed?
    /// Whether the last order-journal write failed.
    var orderLogFailing = false
    /// Order-journal writes that failed (each order among them was not sent).
    var orderLogFailures = 0

    /// Working orders the table holds without growing (beyond them it grows, and pauses once).
    static let workingOrderHeadroom = 1_024

    /// `finishedOrderMemory`: how many finished orders stay known. An update for an order evicted
    /// since (one that finished before that many newer ones) would be taken for a fill of an
    /// order this daemon did not send; at any realistic order rate that is days, where the
    /// venue's late duplicates come within seconds.
    ///
    /// `runId` is the middle of every client order id (`hm-<run>-<seq>`); `recording`, when
    /// given, receives every order before its venue call and everything that happens to it after.
    public init(exchange: any ExchangeClient, telemetry: TelemetryActor, time: MeshClock, hedgeMode: Bool = true,
                routing: RoutingParameters = .default, finishedOrderMemory: Int = 4_096, runId: String = "local",
                recording: OrderRecording? = nil, logger: Logger = Logger(label: "hedge.router")) {
        self.finishedOrderMemory = max(1, finishedOrderMemory)
        orders = Self.prefaultedOrderTable(capacity: self.finishedOrderMemory + Self.workingOrderHeadroom)
        finishedOrderIds.reserveCapacity(self.finishedOrderMemory + 1)
        self.exchange = exchange
        self.telemetry = telemetry
        self.time = time
        self.hedgeMode = hedgeMode
        self.routing = routing
        self.logger = logger
        ids = ClientOrderIdSequence(runId: recording?.runId ?? runId)
        self.recording = recording
        // Full from the first order on: a deque that grows copies itself, on the fill path.
        metrics.reserveCapacity(retained + 1)
        executed.reserveCapacity(retained + 1)
    }

    /// What else to re-read after a user-stream gap, once working orders and recent trades are
    /// resynced (the runtime samples account and positions so risk sees the venue's legs).
    public func onResync(_ handler: @escaping @Sendable () async -> Void) {
        resyncHandler = handler
    }

    /// Who hears that the order journal could not be written (`false`, on every failure) and
    /// that it could again (`true`, on the first success after one): the risk actor stops new
    /// entries meanwhile.
    public func onOrderLog(_ handler: @escaping @Sendable (_ written: Bool) async -> Void) {
        orderLogHandler = handler
    }

    /// Where to report exposure as it changes (the risk actor reads it): every fill, and every
    /// entry intent once all its orders are finished or none was sent.
    public func reportExposure(to feed: ExposureFeed) {
        exposureFeed = feed
    }

    /// Where closed round trips go (the risk actor's counters, the intel ledger).
    public func onClosedTrade(_ handler: @escaping @Sendable (ClosedTrade) async -> Void) {
        tradeHandler = handler
    }

    // MARK: Market state

    /// The venue's latest book for `symbol`; `atMs`, the venue's time of it, moves the market clock.
    public func updateBook(_ book: BookTop, for symbol: String, atMs venueTimeMs: Int64? = nil) async {
        books[symbol] = QuotedBook(book, receivedAtMs: time.monotonicMs(), venueTimeMs: venueTimeMs)
        if let venueTimeMs, venueTimeMs > marketTimeMs { marketTimeMs = venueTimeMs }
        if spotVenue { await takeProfitOnSpot(symbol) }
    }


    public func updateFilters(_ venueFilters: [String: VenueFilters]) { filters = venueFilters }

    /// The configured policy of every symbol of `universe` (`runtime.yaml` `router`: its tier's,
    /// then its own keys, over `RouterPolicy.default`).
    public func configurePolicies(_ config: RouterPolicyConfig, universe: PairsUniverse) {
        spotVenue = universe.spot
        configuredPolicies = [:]
        for (symbol, entry) in universe.symbols {
            configuredPolicies[symbol] = config.policy(for: symbol, tier: entry.tier)
        }
    }

    /// The policy per symbol: an applied override, else the configured one, else the default.
    public func policies() -> [String: RouterPolicy] {
        var result: [String: RouterPolicy] = [:]
        for symbol in filters.keys { result[symbol] = policy(for: symbol) }
        return result
    }

    func policy(for symbol: String) -> RouterPolicy {
        policyOverrides[symbol] ?? configuredPolicies[symbol]?.policy ?? .default
    }

    /// Router auto-tune's policy for `symbol`, passed by `RouterAutotuneApplyGate`: in force from
    /// the next order on (`router_health.json` `policies` source `autotune`), logged.
    public func applyAutotuned(_ policy: RouterPolicy, for symbol: String, reasons: [String]) {
        let before = self.policy(for: symbol)
        guard policy != before else { return }
        policyOverrides[symbol] = policy
        logger.notice("router policy auto-tuned", metadata: [
            "symbol": "\(symbol)", "taker_bias": "\(fixedPoint(before.takerBias, 3)) → \(fixedPoint(policy.takerBias, 3))",
            "offset_bps": "\(fixedPoint(before.offsetBps, 2)) → \(fixedPoint(policy.offsetBps, 2))",
            "maker_first": "\(before.makerFirst) → \(policy.makerFirst)", "reasons": "\(reasons.joined(separator: "; "))"])
    }

    /// `router_health.json` `policies`: what is in force per symbol and where it came from.
    func policiesInForce() -> [String: PolicyInForce] {
        var result: [String: PolicyInForce] = [:]
        for symbol in Set(filters.keys).union(configuredPolicies.keys) {
            let source = policyOverrides[symbol] != nil ? "autotune" : configuredPolicies[symbol]?.source.rawValue ?? "default"
            result[symbol] = PolicyInForce(policy: policy(for: symbol), source: source)
        }
        return result
    }

    /// What the router would do with `intent` now, without sending anything (the shadow's view).
    public func previewRoute(for intent: OrderIntent) -> RoutePreview? {
        guard let quoted = books[intent.symbol], quoted.isValid, let venueFilters = filters[intent.symbol] else { return nil }
        let book = quoted.book
        let mid = quoted.mid.analyticsDouble
        func preview(_ route: ExecutionRoute, _ price: Decimal, _ reason: String) -> RoutePreview {
            let value = price.analyticsDouble
            return RoutePreview(route: route, price: value, slippageBps: slippageBps(side: intent.side, price: value, mid: mid), reason: reason)
        }
        if intent.reduceOnly { return preview(.taker, book.touch(for: intent.side), "reduce_only") }
        switch decideExecution(policy: policy(for: intent.symbol), book: book, side: intent.side, filters: venueFilters, parameters: routing) {
        case .maker(let price, _): return preview(.maker, price, "maker_first")
        case .taker(let reason): return preview(.taker, book.touch(for: intent.side), "\(reason)")
        }
    }

    // MARK: Drain

    /// No new orders and no fallbacks from now on.
    public func beginDrain() { draining = true }

    /// Feeds the clock to every unfinished order (the `order_timeouts` job, every second): an
    /// order whose outcome is unknown is queried once its ack timeout has passed, and one the
    /// venue has gone quiet about once it is stale, instead of waiting for the next stream gap.
    /// Then maker attempts past their window are canceled, and held legs missing their protective
    /// orders get them again.
    public func checkTimeouts() async {
        let now = time.nowMs()
        for id in unfinished.sorted() { await handle(.timeout(nowMs: now), for: id) }
        if !makerEntries.isEmpty && !draining { await cancelStaleMakerAttempts() }
        await ensureProtection()
        if !maxHoldMs.isEmpty { await closeLegsPastMaxHold() }
    }

    /// Client ids of orders not yet in a terminal state; without the protective ones when
    /// `excludingProtective` (the drain leaves those working).
    public func workingOrderIds(excludingProtective: Bool = false) -> [String] {
        let protective = excludingProtective ? Set(protections.values.flatMap(\.ids)) : []
        return orders.filter { !$0.value.machine.isTerminal && !protective.contains($0.key) }.keys.sorted()
    }
}

/// A book top with what the router derives from it, computed when the book arrives.
struct QuotedBook: Sendable {
    let book: BookTop
    let isValid: Bool
    /// (bid + ask) / 2, exact.
    let mid: Decimal
    /// When the router received it (monotonic ms).
    let receivedAtMs: Int64
    /// The venue's time of it (epoch ms), when the stream says.
    let venueTimeMs: Int64?

    init(_ book: BookTop, receivedAtMs: Int64, venueTimeMs: Int64? = nil) {
        self.book = book
        isValid = book.isValid
        mid = book.mid
        self.receivedAtMs = receivedAtMs
        self.venueTimeMs = venueTimeMs
    }
}

/// How the router would route an intent at this moment.
public struct RoutePreview: Sendable, Hashable, Codable {
    public var route: ExecutionRoute
    /// The limit price (maker) or the touch it would take (taker).
    public var price: Double
    /// Against the mid at decision time; positive = adverse.
    public var slippageBps: Double?
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case route, price, reason
        case slippageBps = "slippage_bps"
    }
}

extension RouterActor {
    /// Client order ids of the working orders and the remembered finished ones (soak: orphan
    /// detection; a working order is never forgotten).
    public func knownOrderIds() -> Set<String> { Set(orders.keys) }

    /// What `leg` of `symbol` holds according to the fills this router has applied.
    public func filledQuantity(symbol: String, leg: PositionSide) -> Double {
        tracker.openQuantity(symbol: symbol, leg: leg)
    }

    /// Orders sent and orders with at least one fill, since start.
    public func orderCounts() -> (orders: Int, filledOrders: Int) { (ordersSent, ordersFilled) }

    /// How many orders the router holds (working and remembered finished ones).
    public func trackedOrderCount() -> Int { orders.count }

    /// An empty order table with room for `capacity` orders, every page of it already touched.
    /// Reserved storage is fresh memory: the first write to each page is a page fault (the
    /// kernel zeroes it), a few microseconds on the order path for the first few thousand
    /// orders. Filling the table once and emptying it (capacity kept) pays them at start.
    static func prefaultedOrderTable(capacity: Int) -> [String: TrackedOrder] {
        var table: [String: TrackedOrder] = [:]
        table.reserveCapacity(capacity)
        let placeholder = TrackedOrder(
            machine: OrderStateMachine(clientOrderId: "", symbol: "", side: .buy, requestedQuantity: 0), intentId: nil, symbol: "",
            side: .buy, leg: .long, opening: true, route: .taker, fallback: false, strategy: "", decisionMid: nil, limitPrice: nil,
            submittedAtMs: 0)
        for index in 0..<capacity { table[String(index)] = placeholder }
        table.removeAll(keepingCapacity: true)
        return table
    }

    /// Remembers `id` as finished; forgets the oldest finished order beyond `finishedOrderMemory`.
    func rememberFinished(_ id: String) {
        finishedOrderIds.append(id)
        while finishedOrderIds.count > finishedOrderMemory, let oldest = finishedOrderIds.popFirst() {
            orders[oldest] = nil
        }
    }
}

/// One symbol's router policy in `router_health.json` `policies`, with where it came from
/// (`default`, `tier`, `symbol` from `runtime.yaml` `router`, or `autotune` when applied).
public struct PolicyInForce: Sendable, Hashable, Encodable {
    public var policy: RouterPolicy
    public var source: String

    public func encode(to encoder: any Encoder) throws {
        try policy.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
    }

    enum CodingKeys: String, CodingKey { case source }
}
