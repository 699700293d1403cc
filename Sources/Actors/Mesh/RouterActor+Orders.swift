import CoreMetrics
import Foundation
import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

extension RouterActor {
    /// Routes an approved verdict: sizes the order by the venue's filters, chooses maker or taker
    /// by the symbol's policy (reductions always take), and places it. Refused while draining.
    public func submit(_ verdict: RiskVerdict) async {
        latencyStarts[verdict.envelope.id] = verdict.envelope.createdAtMs
        await send(verdict)
        latencyStarts[verdict.envelope.id] = nil
        // An entry that sent nothing (no book, below the minimums, the journal refused) or
        // whose orders already finished releases its reservation now.
        await settleIfFinished(verdict.envelope.id)
    }

    /// Releases the intent's reservation at the risk actor once none of its orders is working.
    func settleIfFinished(_ intentId: String?) async {
        guard let intentId, let exposureFeed, !unfinished.contains(where: { orders[$0]?.intentId == intentId }) else { return }
        exposureFeed.report(.settled(intentId: intentId), atMonotonicMs: time.monotonicMs())
    }

    private func send(_ verdict: RiskVerdict) async {
        guard !draining else { return }
        let intent = verdict.envelope.intent
        let leg = intent.leg
        let opening = !intent.reduceOnly
        guard let venueFilters = filters[intent.symbol], let quoted = books[intent.symbol], quoted.isValid else {
            logger.warning("no filters or book for symbol; order not sent", metadata: ["symbol": "\(intent.symbol)", "intent": "\(verdict.envelope.id)"])
            return
        }
        let mid = quoted.mid
        let quantity: Decimal?
        if opening {
            quantity = venueFilters.quantity(forDoubleNotionalUSD: intent.grossUSD, price: mid, for: .market)
        } else {
            // A reduction closes what the leg holds, rounded down to the step.
            let held = tracker.openQuantity(symbol: intent.symbol, leg: leg)
            quantity = Decimal(shortestRepresentationOf: held).map { venueFilters.roundQuantity($0, for: .market) }
        }
        guard let quantity, quantity > 0 else {
            logger.info("order below the venue's minimums; not sent", metadata: ["symbol": "\(intent.symbol)", "intent": "\(verdict.envelope.id)"])
            return
        }
        if opening {
            if let signal = verdict.envelope.signal {
                tracker.label(symbol: intent.symbol, leg: leg, strategy: signal.strategy, regime: signal.regime, stopPrice: signal.stopPrice,
                              takeProfitPrice: signal.takeProfitPrice)
            }
            // Entries follow the maker plan: post-only first, re-priced, then taker inside the budget.
            await startMakerEntry(intentId: verdict.envelope.id, symbol: intent.symbol, side: intent.side, leg: leg, quantity: quantity,
                                  strategy: intent.strategy, filters: venueFilters, quoted: quoted)
            return
        }
        // A reduction goes at once, at market: getting out is not priced.
        let request = VenueOrderRequest(
            clientOrderId: ids.next(), symbol: intent.symbol, side: intent.side, positionSide: hedgeMode ? leg : nil, type: .market,
            quantity: quantity, reduceOnly: !hedgeMode)
        await place(request, intentId: verdict.envelope.id, strategy: intent.strategy, leg: leg, opening: false, route: .taker,
                    fallback: false, mid: mid)
    }

    /// Applies the user stream until it ends (a gap triggers a REST resync of working orders).
    public func consume(_ events: AsyncThrowingStream<UserEvent, any Error>) async throws {
        for try await event in events {
            switch event {
            case .order(let order, let fill):
                lastVenueEventMs = max(lastVenueEventMs, order.updateTimeMs)
                if orders[order.clientOrderId] == nil, let fill {
                    await applyForeignFill(fill)
                } else {
                    await apply(update(from: order, fill: fill))
                }
            case .foreignFill(let fill):
                lastVenueEventMs = max(lastVenueEventMs, fill.timeMs)
                await applyForeignFill(fill)
            case .account:
                break
            case .gap(let reason):
                logger.warning("user stream gap; resyncing working orders, recent trades and positions over REST",
                               metadata: ["reason": "\(reason)"])
                await resync()
                await resyncHandler?()
            }
            userEventsApplied += 1
            if !appliedWaiters.isEmpty { resumeAppliedWaiters() }
        }
    }

    /// The legs the router holds by its round trips.
    public func openLegs() -> [RoundTripTracker.LegState] { tracker.openLegStates }

    /// Measures slippage and order latency through `metrics` from now on.
    public func useMetrics(_ metrics: OrderPathMetrics) { orderPathMetrics = metrics }

    /// Orders sent, finished ones by terminal status, fills by symbol, since start.
    public func orderTallies() -> (sent: Int, closed: [String: Int], fillsBySymbol: [String: Int]) {
        (ordersSent, closedByStatus, fillsBySymbol)
    }

    /// Returns once `count` user events have been applied (at once when they have), or once the
    /// calling task is cancelled (a drain stops the driver that waits).
    public func waitUntilApplied(userEvents count: Int) async {
        guard userEventsApplied < count else { return }
        appliedWaiterNumber += 1
        let id = appliedWaiterNumber
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    appliedWaiters[id] = (count, continuation)
                }
            }
        } onCancel: {
            Task { await self.releaseAppliedWaiter(id) }
        }
    }

    private func releaseAppliedWaiter(_ id: Int) {
        appliedWaiters.removeValue(forKey: id)?.continuation.resume()
    }

    private func resumeAppliedWaiters() {
        for (id, waiter) in appliedWaiters where waiter.count <= userEventsApplied {
            appliedWaiters[id] = nil
            waiter.continuation.resume()
        }
    }

    /// A fill of an order this daemon did not send (a liquidation, an auto-deleverage, a manual
    /// trade): the leg changed at the venue, so the book follows it, and the operator is told.
    func applyForeignFill(_ fill: VenueFill) async {
        guard foreignTradeIds.insert(fill.tradeId).inserted else { return }
        logger.warning("fill of an order this daemon did not send; applying it to the book", metadata: [
            "clientOrderId": "\(fill.clientOrderId)", "symbol": "\(fill.symbol)", "side": "\(fill.side.rawValue)",
            "quantity": "\(fill.quantity)", "price": "\(fill.price)",
        ])
        record(StoredFill(symbol: fill.symbol, tradeId: fill.tradeId, clientOrderId: fill.clientOrderId, venueOrderId: fill.orderId,
                          side: fill.side, positionSide: fill.positionSide, quantity: fill.quantity, price: fill.price, feeUSD: fill.feeUSD,
                          liquidity: fill.liquidity.rawValue, timeMs: fill.timeMs, runId: ids.runId, foreign: true))
        guard let leg = fill.positionSide else { return }
        let opening = (leg == .long) == (fill.side == .buy)
        exposureFeed?.report(.fill(intentId: nil, symbol: fill.symbol, leg: leg, opening: opening,
                                   quantity: fill.quantity.analyticsDouble, price: fill.price.analyticsDouble),
                             atMonotonicMs: time.monotonicMs())
        let trade = tracker.record(symbol: fill.symbol, leg: leg, opening: opening, quantity: fill.quantity.analyticsDouble,
                                   price: fill.price.analyticsDouble, feeUSD: fill.feeUSD.analyticsDouble, timeMs: fill.timeMs,
                                   exitReason: "external")
        recordLegs()
        if let trade {
            logClosed(trade)
            recordClosed(trade)
            await tradeHandler?(trade)
        }
    }

    /// Cancels every working order (the drain with `on_shutdown: cancel`).
    /// Protective orders stay: they guard the open position while the daemon is down, and the next
    /// start adopts them.
    public func cancelWorkingOrders() async {
        for id in workingOrderIds(excludingProtective: true) {
            await handle(.cancelRequested, for: id)
        }
    }

    /// Queries every working order and applies what the venue says.
    ///
    /// Then reads the account's recent trades of every symbol it has traded: a trade of an order
    /// this daemon did not send (a liquidation while the stream was down) is applied to the book,
    /// once (trade ids are remembered).
    public func resync() async {
        for id in workingOrderIds() {
            await query(id)
        }
        // Only after updates were seen in this session: trades from before the daemon started are
        // the restart reconciliation's business, not a gap's.
        guard lastVenueEventMs > 0 else { return }
        let ownVenueIds = Set(orders.values.compactMap(\.machine.venueOrderId))
        let symbols = Set(orders.values.map(\.symbol)).sorted()
        let since = max(0, lastVenueEventMs - 5 * 60_000)
        for symbol in symbols {
            let trades: [VenueFill]
            do {
                trades = try await exchange.userTrades(symbol: symbol, sinceMs: since)
            } catch {
                logger.warning("resync: recent trades unavailable", metadata: ["symbol": "\(symbol)", "error": "\(error)"])
                continue
            }
            for trade in trades where !ownVenueIds.contains(trade.orderId) {
                await applyForeignFill(trade)
            }
        }
    }

    // MARK: Internals

    func place(_ request: VenueOrderRequest, intentId: String?, strategy: String, leg: PositionSide, opening: Bool, route: ExecutionRoute,
               fallback: Bool, mid: Decimal?, exitReason: String? = nil) async {
        if spotVenue, !opening, request.type == .market || request.type == .limit {
            await freeHoldingOnSpot(symbol: request.symbol, leg: leg)
        }
        let id = request.clientOrderId
        // The router never re-sends an order on its own: the adapter already re-sent what was safe
        // to (a resting order under the same id, which the venue refuses twice), and a market
        // order that landed late and filled is no longer working, so the venue would not refuse
        // a second one under its id. An order the venue still does not know after the ack
        // timeout is closed; the strategy decides again on its next bar.
        var machine = OrderStateMachine(clientOrderId: id, symbol: request.symbol, side: request.side, requestedQuantity: request.quantity,
                                        configuration: OrderStateMachineConfiguration(maxResends: 0))
        let now = time.nowMs()
        let actions = machine.handle(.submitted(atMs: now))
        orders[id] = TrackedOrder(machine: machine, intentId: intentId, symbol: request.symbol, side: request.side, leg: leg,
                                  opening: opening, route: route, fallback: fallback, strategy: strategy, decisionMid: mid,
                                  limitPrice: request.price, submittedAtMs: now)
        orders[id]?.exitReason = exitReason ?? Self.exitReason(for: request.type)
        orders[id]?.triggerPrice = request.stopPrice
        orders[id]?.orderType = request.type
        ordersSent += 1
        unfinished.insert(id)
        // Write-ahead: the order is durable (in the journal) before the venue can have it; its
        // store row follows the venue call, off the order's critical path.
        let journaled = journal(request, intentId: intentId, strategy: strategy, opening: opening, route: route, fallback: fallback, atMs: now)
        await noteOrderLog(written: journaled.written)
        guard journaled.written else {
            await handle(.submitFailed(outcomeUnknown: false, reason: "the order journal cannot be written; not sent"), for: id)
            return
        }
        await perform(actions, for: id)
        if let intentId, let start = latencyStarts.removeValue(forKey: intentId) {
            orderPathMetrics.latency.recordMilliseconds(max(0, time.nowMs() - start))
        }
        callsInFlight += 1
        defer { callsInFlight -= 1 }
        let placed: Result<VenueOrder, ExchangeError>
        do {
            placed = .success(try await exchange.placeOrder(request))
        } catch {
            placed = .failure(error)
        }
        if let row = journaled.row { recording?.recorder.submit(.order(row)) }
        do {
            let order = try placed.get()
            await handle(.accepted(venueOrderId: order.orderId, updateTimeMs: order.updateTimeMs), for: id)
            await apply(update(from: order, fill: nil))
        } catch {
            let event: OrderEvent
            switch error {
            case .orderRejected(_, let reason), .notAllowed(let reason), .triggerAlreadyPassed(let reason):
                event = .rejected(reason: reason)
            case .duplicateOrder:
                // The venue already has this id (a retry after a lost answer): ask it.
                event = .submitFailed(outcomeUnknown: true, reason: "\(error)")
            default:
                event = .submitFailed(outcomeUnknown: error.outcomeUnknown, reason: "\(error)")
            }
            if case .notAllowed = error {
                // Dry-run: the venue already logged the order it did not send; nothing failed.
                logger.debug("order not placed (dry-run)", metadata: ["clientOrderId": "\(id)"])
            } else {
                logger.warning("order placement failed", metadata: ["clientOrderId": "\(id)", "error": "\(error)"])
            }
            if error.isPostOnlyRefusal {
                // A post-only price the book moved through before it arrived: the maker plan
                // re-prices it on the fresh book, as it does an attempt that expired crossing.
                makerEntries[id]?.wouldCross = true
            }
            await handle(event, for: id)
            if case .triggerAlreadyPassed = error, let reason = Self.exitReason(for: request.type), let leg = request.positionSide ?? orders[id]?.leg {
                // The market is already past the stop (or the take-profit): the exit is due now.
                await exitAtMarket(symbol: request.symbol, leg: leg, reason: reason)
            }
        }
    }

    /// Appends the order's row to the journal and returns it (for the store, once the venue call
    /// is made); `written` is false when the journal cannot be written (then the order must not go
    /// out: no trading without a record). Without a store: no row, written.
    func journal(_ request: VenueOrderRequest, intentId: String?, strategy: String, opening: Bool, route: ExecutionRoute,
                 fallback: Bool, atMs now: Int64) -> (row: StoredOrder?, written: Bool) {
        guard let recording else { return (nil, true) }
        let row = StoredOrder(
            clientOrderId: request.clientOrderId, runId: recording.runId, intentId: intentId, symbol: request.symbol, side: request.side,
            positionSide: request.positionSide, type: request.type.rawValue, timeInForce: request.timeInForce?.rawValue,
            reduceOnly: request.reduceOnly, quantity: request.quantity, price: request.price, stopPrice: request.stopPrice,
            opening: opening, route: route.rawValue, fallback: fallback, strategy: strategy, createdAtMs: now, updatedAtMs: now)
        do {
            try recording.journal.append(row)
        } catch {
            logger.critical("order journal write failed; the order is not sent", metadata: [
                "clientOrderId": "\(request.clientOrderId)", "error": "\(error)"])
            return (row, false)
        }
        return (row, true)
    }

    /// Tells the order-log handler (risk: no new entries without an audit trail) about every
    /// failed journal write, and about the first success after one.
    private func noteOrderLog(written: Bool) async {
        if !written {
            orderLogFailures += 1
            orderLogFailing = true
            await orderLogHandler?(false)
        } else if orderLogFailing {
            orderLogFailing = false
            await orderLogHandler?(true)
        }
    }

    func apply(_ update: OrderUpdate) async {
        guard orders[update.clientOrderId] != nil else {
            logger.warning("update for an order this daemon does not know", metadata: ["clientOrderId": "\(update.clientOrderId)"])
            return
        }
        await handle(.update(update), for: update.clientOrderId)
    }

    /// Feeds `event` to the order's state machine and performs what it asks for. The machine
    /// is changed in place in `orders` (copying the order out and back in cost a copy of it
    /// per event, on the order path).
    func handle(_ event: OrderEvent, for id: String) async {
        guard let actions = orders[id]?.machine.handle(event) else { return }
        recordProgress(of: id, event: event, actions: actions)
        await perform(actions, for: id)
    }

    func perform(_ actions: [OrderAction], for id: String) async {
        for action in actions {
            guard let tracked = orders[id] else { return }
            switch action {
            case .emitAck:
                // A protective order's line says what it is (`stop`, `take_profit`) and its trigger.
                emit(.ack, tracked, quantity: tracked.machine.requestedQuantity.analyticsDouble,
                     price: (tracked.limitPrice ?? tracked.triggerPrice)?.analyticsDouble,
                     fee: nil, liquidity: nil, status: tracked.machine.status, reason: tracked.exitReason,
                     orderType: tracked.orderType?.rawValue)
            case .emitFill(let fill):
                await record(fill, for: id)
            case .emitClose(let status, let reason):
                close(id, status: status, reason: reason)
                // An entry that ended with a fill protects its leg (sized to what it holds now).
                if tracked.opening, tracked.machine.cumulativeFilled > 0 || (orders[id]?.filledQuantity ?? 0) > 0 {
                    await protect(symbol: tracked.symbol, leg: tracked.leg)
                }
                await continueMakerEntry(after: id, status: status, reason: reason)
                await settleIfFinished(tracked.intentId)
                // A finished order stays known (late duplicates are recognised) until
                // `finishedOrderMemory` newer ones have finished.
                rememberFinished(id)
            case .queryOrder:
                await query(id)
            case .resend:
                // Never asked for (every machine here has maxResends 0, see `place`); were it, the
                // order would be left to reconciliation rather than sent twice.
                logger.error("order machine asked for a resend; not re-sent", metadata: ["clientOrderId": "\(id)"])
            case .cancel:
                await cancel(id)
            case .ignored:
                break
            }
        }
    }

    func query(_ id: String) async {
        guard let tracked = orders[id] else { return }
        callsInFlight += 1
        defer { callsInFlight -= 1 }
        do {
            let order = try await exchange.queryOrder(symbol: tracked.symbol, clientOrderId: id)
            await apply(update(from: order, fill: nil))
        } catch .unknownOrder {
            await handle(.queryNotFound, for: id)
        } catch {
            logger.warning("order query failed", metadata: ["clientOrderId": "\(id)", "error": "\(error)"])
        }
    }

    func cancel(_ id: String) async {
        guard let tracked = orders[id] else { return }
        callsInFlight += 1
        defer { callsInFlight -= 1 }
        do {
            let order = try await exchange.cancelOrder(symbol: tracked.symbol, clientOrderId: id)
            await apply(update(from: order, fill: nil))
        } catch {
            if case .unknownOrder = error {
                await handle(.cancelFailed(unknownOrder: true), for: id)
            } else {
                logger.warning("order cancel failed", metadata: ["clientOrderId": "\(id)", "error": "\(error)"])
            }
        }
    }

    func update(from order: VenueOrder, fill: VenueFill?) -> OrderUpdate {
        OrderUpdate(
            clientOrderId: order.clientOrderId, status: order.status, cumulativeFilled: order.filledQuantity,
            averagePrice: order.averagePrice, lastFill: fill.map {
                TradeReport(quantity: $0.quantity, price: $0.price, feeUSD: $0.feeUSD, liquidity: $0.liquidity, tradeId: $0.tradeId)
            },
            venueOrderId: order.orderId, updateTimeMs: order.updateTimeMs, reason: order.reason)
    }
}
