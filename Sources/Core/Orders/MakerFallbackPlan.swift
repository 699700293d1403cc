import Foundation

/// The router policy's post-only-first sequence for one order, as a value: the first move from
/// `decideExecution`, then after each post-only attempt either a re-priced retry
/// (`makerRetryPrice`, each closer to the touch), or, once `RoutingParameters.maxPostOnlyAttempts`
/// are used, a taker order within the tier's slippage guard (`checkTakerSlippage`), or a stop.
/// Owned by the RouterActor next to the order state machines of its attempts; no I/O.
///
/// Rules:
/// - A post-only that would cross (expired) or rested too long (timed out) is retried re-priced
///   against the fresh book while attempts remain; a partial fill retries only the remainder.
/// - A venue rejection other than would-cross stops: re-pricing does not fix a filter or margin.
/// - A remainder that rounds below the lot's minimum quantity is left unfilled (`done`).
/// - The taker fallback is checked against the book at fallback time, not at decision time.
/// - Once finished (done, take, give up), further calls return the finishing step again.
public struct MakerFallbackPlan: Sendable, Hashable {
    public let side: Side
    public let policy: RouterPolicy
    public let filters: VenueFilters
    public let parameters: RoutingParameters
    /// Quantity still to execute, base asset.
    public private(set) var remainingQuantity: Decimal
    /// Post-only attempts started so far.
    public private(set) var postOnlyAttempts = 0
    /// True when the plan fell back to taker after at least one post-only attempt.
    public private(set) var fellBackToTaker = false
    /// The step that finished the plan, once it is finished.
    public private(set) var finalStep: MakerFallbackStep?

    /// - Parameter quantity: the order's quantity, base asset, already sized to the filters.
    public init(side: Side, quantity: Decimal, policy: RouterPolicy, filters: VenueFilters,
                parameters: RoutingParameters = .default) {
        self.side = side
        self.remainingQuantity = quantity
        self.policy = policy
        self.filters = filters
        self.parameters = parameters
    }

    /// True once the plan has nothing more to decide.
    public var isFinished: Bool { finalStep != nil }

    /// The first move, from `decideExecution` on the book at decision time. Call once; a second
    /// call after a post-only start returns `.postOnly` for the current attempt again.
    public mutating func start(book: BookTop, urgency: ExecutionUrgency = .normal) -> MakerFallbackStep {
        if let finalStep { return finalStep }
        if postOnlyAttempts > 0 { return nextPostOnlyOrFallback(book: book, startingOver: true) }
        switch decideExecution(policy: policy, book: book, side: side, filters: filters, urgency: urgency, parameters: parameters) {
        case .maker(let price, let offsetBps):
            postOnlyAttempts = 1
            return .postOnly(attempt: 0, price: price, offsetBps: offsetBps, quantity: remainingQuantity)
        case .taker(let reason):
            return take(book: book, reason: reason)
        }
    }

    /// The step after a post-only attempt ended with `outcome`, priced against `book` (fresh).
    public mutating func next(after outcome: MakerAttemptOutcome, book: BookTop) -> MakerFallbackStep {
        if let finalStep { return finalStep }
        switch outcome {
        case .filled:
            remainingQuantity = 0
            return finish(.done(unfilledQuantity: 0))
        case .partiallyFilled(let quantity):
            remainingQuantity = max(0, remainingQuantity - max(0, quantity))
            if remainingQuantity == 0 { return finish(.done(unfilledQuantity: 0)) }
        case .rejected(let reason):
            return finish(.giveUp(.rejected(reason: reason)))
        case .expiredWouldCross, .timedOut:
            break
        }
        return nextPostOnlyOrFallback(book: book, startingOver: false)
    }

    private mutating func nextPostOnlyOrFallback(book: BookTop, startingOver: Bool) -> MakerFallbackStep {
        let quantity = filters.roundQuantity(remainingQuantity, for: .limit)
        guard quantity > 0, quantity >= filters.lot.minQty else {
            return finish(.done(unfilledQuantity: remainingQuantity))
        }
        let attempt = startingOver ? postOnlyAttempts - 1 : postOnlyAttempts
        if let retry = makerRetryPrice(attempt: attempt, side: side, book: book, policy: policy, filters: filters, parameters: parameters) {
            postOnlyAttempts = attempt + 1
            return .postOnly(attempt: attempt, price: retry.price, offsetBps: retry.offsetBps, quantity: quantity)
        }
        fellBackToTaker = true
        return take(book: book, reason: nil)
    }

    private mutating func take(book: BookTop, reason: TakerReason?) -> MakerFallbackStep {
        let lot = filters.lotFilter(for: .market)
        let quantity = filters.roundQuantity(remainingQuantity, for: .market)
        guard quantity > 0, quantity >= lot.minQty else {
            return finish(.done(unfilledQuantity: remainingQuantity))
        }
        switch checkTakerSlippage(side: side, book: book, policy: policy, parameters: parameters) {
        case .allowed(let price, let bps):
            return finish(.take(quantity: quantity, expectedPrice: price, expectedSlippageBps: bps, reason: reason))
        case .refused(_, let bps, let maxBps):
            return finish(.giveUp(.slippageRefused(expectedSlippageBps: bps, maxSlippageBps: maxBps)))
        case .invalidBook:
            return finish(.giveUp(.invalidBook))
        }
    }

    private mutating func finish(_ step: MakerFallbackStep) -> MakerFallbackStep {
        finalStep = step
        return step
    }
}
