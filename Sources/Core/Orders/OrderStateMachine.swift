import Foundation

/// One order's life as the router sees it: a plain value fed every REST response, stream update
/// and timer tick for the order, returning the actions its owner performs. Owned by the
/// RouterActor (one per open order); no clock reads, no I/O.
///
/// Guarantees, each table-tested in `OrderStateMachineTests`:
/// - `emitAck` at most once, and never for an order the venue rejected.
/// - `emitClose` exactly once, when the order reaches a terminal status; terminal statuses absorb
///   (a late NEW, PARTIALLY_FILLED or other terminal status changes nothing).
/// - The cumulative filled quantity is monotone and is the authority on how much filled: an
///   update whose cumulative is ≤ the known one adds no fill; one that jumps (FILLED before
///   PARTIALLY_FILLED) emits the whole delta. A per-trade `lastFill` supplies the price, fee,
///   liquidity and trade id of the quantity it covers; a trade id is counted once.
/// - A fill reported after the order closed (a fill that raced a cancel) is still emitted, with
///   no second close: positions must follow what the venue executed.
/// - Nothing is re-sent unless the venue confirmed, by a query issued at least `ackTimeout`
///   after the send, that it has no such order; at most `maxResends` times.
///
/// Time: `submitted(atMs:)` and `timeout(nowMs:)` are the owner's clock; `updateTimeMs` is the
/// venue's. Staleness compares the two, which is sound at the scale of `staleAfter` (seconds)
/// because the venue refuses requests from a clock more than its recvWindow off.
public struct OrderStateMachine: Sendable, Hashable {
    public let clientOrderId: String
    public let symbol: String
    public let side: Side
    /// Quantity asked for, base asset.
    public let requestedQuantity: Decimal
    public let configuration: OrderStateMachineConfiguration

    public private(set) var phase: OrderPhase = .pendingSubmit
    /// The last status the venue reported (`.new` before it reported any), or the terminal
    /// status the machine closed with.
    public private(set) var status: OrderStatus = .new
    /// Cumulative filled quantity, base asset; only grows.
    public private(set) var cumulativeFilled: Decimal = 0
    /// Σ quantity × price of the emitted fills, quote asset.
    public private(set) var cumulativeQuote: Decimal = 0
    public private(set) var venueOrderId: String?
    /// The latest venue time seen for this order, epoch ms.
    public private(set) var lastVenueUpdateMs: Int64?
    /// How many times the order was re-sent after the venue confirmed it did not have it.
    public private(set) var resendCount = 0

    private var seenTradeIds: Set<String> = []
    private var ackEmitted = false
    /// Owner-clock time of the last send or query, epoch ms.
    private var lastCheckMs: Int64?

    public init(clientOrderId: String, symbol: String, side: Side, requestedQuantity: Decimal,
                configuration: OrderStateMachineConfiguration = .default) {
        self.clientOrderId = clientOrderId
        self.symbol = symbol
        self.side = side
        self.requestedQuantity = requestedQuantity
        self.configuration = configuration
    }

    /// A machine that continues an order an earlier process sent (after a restart), from what
    /// the store recorded: its phase, status, cumulative fill and venue id. An order recorded
    /// before its send (`pendingSubmit`, `submitted`) resumes as `unknown`: only a query can tell
    /// whether it reached the venue. Fills the venue reports beyond `cumulativeFilled` are new.
    /// `knownTradeIds` are the trades already applied (a venue reporting one again adds nothing).
    public init(resuming clientOrderId: String, symbol: String, side: Side, requestedQuantity: Decimal, phase: OrderPhase,
                status: OrderStatus, cumulativeFilled: Decimal, cumulativeQuote: Decimal, venueOrderId: String?,
                knownTradeIds: Set<String> = [], resumedAtMs: Int64, configuration: OrderStateMachineConfiguration = .default) {
        self.init(clientOrderId: clientOrderId, symbol: symbol, side: side, requestedQuantity: requestedQuantity,
                  configuration: configuration)
        self.phase = phase == .pendingSubmit || phase == .submitted ? .unknown : phase
        self.status = status
        self.cumulativeFilled = cumulativeFilled
        self.cumulativeQuote = cumulativeQuote
        self.venueOrderId = venueOrderId
        seenTradeIds = knownTradeIds
        ackEmitted = venueOrderId != nil || phase == .working || phase == .cancelRequested
        lastCheckMs = resumedAtMs
    }

    /// True once the order is closed (FILLED, CANCELED, REJECTED or EXPIRED).
    public var isTerminal: Bool { phase == .closed }

    /// Requested minus filled, base asset, never negative.
    public var remainingQuantity: Decimal { max(0, requestedQuantity - cumulativeFilled) }

    /// The quantity-weighted average price of the emitted fills, quote asset; nil before any fill.
    public var averageFillPrice: Decimal? {
        cumulativeFilled > 0 ? cumulativeQuote / cumulativeFilled : nil
    }

    /// True once anything from the venue proved it has the order (an ack or an update).
    private var heardFromVenue: Bool { ackEmitted || venueOrderId != nil || lastVenueUpdateMs != nil }

    /// Applies `event` and returns what the owner must do, in order. An empty array means the
    /// event was applied and needs no action; `.ignored` means it changed nothing.
    public mutating func handle(_ event: OrderEvent) -> [OrderAction] {
        switch event {
        case .submitted(let atMs):
            guard phase == .pendingSubmit else { return [ignoredHere()] }
            phase = .submitted
            lastCheckMs = atMs
            return []
        case .accepted(let id, let updateTimeMs):
            return accept(venueOrderId: id, updateTimeMs: updateTimeMs)
        case .update(let update):
            return apply(update)
        case .rejected(let reason):
            return reject(reason: reason)
        case .submitFailed(let outcomeUnknown, let reason):
            return submitFailed(outcomeUnknown: outcomeUnknown, reason: reason)
        case .cancelRequested:
            return requestCancel()
        case .cancelFailed(let unknownOrder):
            guard phase == .cancelRequested else { return [ignoredHere()] }
            // Cancels are idempotent at the venue, so an unknown outcome is simply repeated. "No
            // such order" means closed or never placed: a query tells which, but only once the
            // venue has shown it has the order; otherwise the timer queries after `ackTimeout`.
            if !unknownOrder { return [.cancel] }
            return heardFromVenue ? [.queryOrder] : []
        case .queryNotFound:
            return notFound()
        case .timeout(let nowMs):
            return check(nowMs: nowMs)
        }
    }

    private func ignoredHere() -> OrderAction {
        phase == .closed ? .ignored(.closed(status)) : .ignored(.unexpected(phase))
    }

    private mutating func accept(venueOrderId id: String, updateTimeMs: Int64) -> [OrderAction] {
        switch phase {
        case .pendingSubmit:
            return [ignoredHere()]
        case .closed:
            learn(venueOrderId: id, updateTimeMs: updateTimeMs)
            return [ignoredHere()]
        case .submitted, .unknown, .working, .cancelRequested:
            learn(venueOrderId: id, updateTimeMs: updateTimeMs)
            if phase == .submitted || phase == .unknown { phase = .working }
            return ackOnce().map { [$0] } ?? [.ignored(.duplicate)]
        }
    }

    private mutating func reject(reason: String) -> [OrderAction] {
        // Only an order the venue has not acknowledged can be rejected; the cancel may already
        // be outstanding when the reject arrives.
        let awaitingAnswer = phase == .submitted || phase == .unknown || phase == .cancelRequested
        guard awaitingAnswer, !heardFromVenue else { return [ignoredHere()] }
        return close(.rejected, reason: reason)
    }

    private mutating func submitFailed(outcomeUnknown: Bool, reason: String) -> [OrderAction] {
        guard phase == .submitted || (phase == .cancelRequested && !heardFromVenue) else { return [ignoredHere()] }
        if !outcomeUnknown { return close(.rejected, reason: reason) }
        // No query yet: the request may still reach the venue within its recvWindow, and a
        // "not found" answered now could lead to a duplicate. `check(nowMs:)` queries once
        // `ackTimeout` has passed since the send.
        if phase == .submitted { phase = .unknown }
        return []
    }

    private mutating func requestCancel() -> [OrderAction] {
        switch phase {
        case .pendingSubmit:
            return close(.canceled, reason: "canceled before submit")
        case .submitted, .unknown, .working:
            phase = .cancelRequested
            return [.cancel]
        case .cancelRequested:
            return [.ignored(.duplicate)]
        case .closed:
            return [ignoredHere()]
        }
    }

    private mutating func notFound() -> [OrderAction] {
        switch phase {
        case .pendingSubmit, .closed:
            return [ignoredHere()]
        case .working, .cancelRequested, .submitted, .unknown:
            if heardFromVenue {
                // Binance archives canceled or expired orders that never filled; an order it
                // acknowledged and no longer knows ended that way.
                return close(.canceled, reason: "venue no longer reports the acknowledged order")
            }
            if phase == .cancelRequested {
                return close(.canceled, reason: "canceled; the venue never had the order")
            }
            guard resendCount < configuration.maxResends else {
                return close(.rejected, reason: "venue has no such order after \(resendCount + 1) send(s)")
            }
            resendCount += 1
            phase = .pendingSubmit
            lastCheckMs = nil
            return [.resend]
        }
    }

    private mutating func check(nowMs: Int64) -> [OrderAction] {
        guard phase != .pendingSubmit, phase != .closed, let lastCheckMs else { return [] }
        let heard = heardFromVenue
        let since = heard ? max(lastCheckMs, lastVenueUpdateMs ?? lastCheckMs) : lastCheckMs
        let limit = heard ? configuration.staleAfter : configuration.ackTimeout
        guard nowMs - since >= limit.wholeMilliseconds else { return [] }
        if phase == .submitted { phase = .unknown }
        self.lastCheckMs = nowMs
        return [.queryOrder]
    }

    private mutating func apply(_ update: OrderUpdate) -> [OrderAction] {
        guard update.clientOrderId == clientOrderId else { return [.ignored(.wrongClientOrderId(update.clientOrderId))] }
        guard Self.isWellFormed(update) else { return [.ignored(.invalidUpdate)] }
        guard let fills = newFills(from: update) else { return [.ignored(.unpricedFill), .queryOrder] }

        if let trade = update.lastFill { seenTradeIds.insert(trade.tradeId) }
        let learnedId = venueOrderId == nil && update.venueOrderId != nil
        learn(venueOrderId: update.venueOrderId, updateTimeMs: update.updateTimeMs)
        for fill in fills {
            cumulativeFilled += fill.quantity
            cumulativeQuote += fill.quantity * fill.price
        }
        let fillActions = fills.map { OrderAction.emitFill($0) }
        if phase == .closed {
            return fillActions.isEmpty ? [ignoredHere()] : fillActions
        }

        var actions: [OrderAction] = []
        if update.status != .rejected, let ack = ackOnce() { actions.append(ack) }
        actions += fillActions
        if update.status.isTerminal {
            return actions + close(update.status, reason: update.reason)
        }
        var changed = learnedId
        if Self.rank(update.status) > Self.rank(status) {
            status = update.status
            changed = true
        }
        if phase == .submitted || phase == .unknown || phase == .pendingSubmit {
            phase = .working
            changed = true
        }
        if actions.isEmpty && !changed {
            return Self.rank(update.status) < Self.rank(status) ? [.ignored(.staleStatus(update.status))] : [.ignored(.duplicate)]
        }
        return actions
    }

    /// The fills `update` adds beyond what is known, or nil when it adds quantity it cannot price.
    private func newFills(from update: OrderUpdate) -> [OrderFill]? {
        let trade = update.lastFill.flatMap { seenTradeIds.contains($0.tradeId) ? nil : $0 }
        let reported = update.cumulativeFilled ?? cumulativeFilled + (trade?.quantity ?? 0)
        let delta = reported - cumulativeFilled
        guard delta > 0 else { return [] }
        var fills: [OrderFill] = []
        var covered: Decimal = 0
        var coveredQuote: Decimal = 0
        if let trade {
            // Part of this trade may already be inside a cumulative a query reported; only the
            // part that is new counts, with its share of the fee.
            let quantity = min(trade.quantity, delta)
            let fee = quantity == trade.quantity ? trade.feeUSD : trade.feeUSD * quantity / trade.quantity
            fills.append(OrderFill(quantity: quantity, price: trade.price, feeUSD: fee, liquidity: trade.liquidity, tradeId: trade.tradeId))
            covered = quantity
            coveredQuote = quantity * trade.price
        }
        let gap = delta - covered
        guard gap > 0 else { return fills }
        guard let price = gapPrice(update: update, reported: reported, gap: gap, coveredQuote: coveredQuote) else { return nil }
        fills.append(OrderFill(quantity: gap, price: price))
        return fills
    }

    /// The price of quantity no trade report covers: from the reported cumulative quote (exact
    /// `cumQuote`, else average × cumulative) minus what is known, falling back to the average
    /// price when rounding makes that difference non-positive.
    private func gapPrice(update: OrderUpdate, reported: Decimal, gap: Decimal, coveredQuote: Decimal) -> Decimal? {
        let average = update.averagePrice.flatMap { $0 > 0 ? $0 : nil }
        if let quote = update.cumulativeQuote ?? average.map({ $0 * reported }) {
            let price = (quote - cumulativeQuote - coveredQuote) / gap
            if price.isFinite, price > 0 { return price }
        }
        return average
    }

    private mutating func learn(venueOrderId id: String?, updateTimeMs: Int64) {
        if venueOrderId == nil, let id { venueOrderId = id }
        lastVenueUpdateMs = max(lastVenueUpdateMs ?? updateTimeMs, updateTimeMs)
    }

    private mutating func ackOnce() -> OrderAction? {
        guard !ackEmitted else { return nil }
        ackEmitted = true
        return .emitAck(venueOrderId: venueOrderId)
    }

    private mutating func close(_ terminal: OrderStatus, reason: String?) -> [OrderAction] {
        status = terminal
        phase = .closed
        return [.emitClose(status: terminal, reason: reason)]
    }

    /// NEW < PARTIALLY_FILLED < any terminal status: the order statuses move through.
    private static func rank(_ status: OrderStatus) -> Int {
        switch status {
        case .new: 0
        case .partiallyFilled: 1
        case .filled, .canceled, .rejected, .expired: 2
        }
    }

    /// Non-negative finite cumulatives and quote, a non-negative average (Binance sends 0 before
    /// any fill), and a positive finite trade quantity and price.
    private static func isWellFormed(_ update: OrderUpdate) -> Bool {
        func nonNegative(_ value: Decimal?) -> Bool { value.map { $0.isFinite && $0 >= 0 } ?? true }
        guard nonNegative(update.cumulativeFilled), nonNegative(update.averagePrice), nonNegative(update.cumulativeQuote) else {
            return false
        }
        if let trade = update.lastFill {
            return trade.quantity.isFinite && trade.quantity > 0 && trade.price.isFinite && trade.price > 0 && trade.feeUSD.isFinite
        }
        return true
    }
}
