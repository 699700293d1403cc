import Foundation
import Testing
@testable import HedgeCore

/// One scripted order life: the events in order and the actions the last one must return.
struct OrderScript: Sendable, CustomTestStringConvertible {
    var rule: String
    var events: [OrderEvent]
    var expected: [OrderAction]
    var testDescription: String { rule }
}

/// Builders shared by the order tests: client order id `c1`, BUY 2 BTCUSDT.
enum OrderFixtures {
    static let id = "c1"

    static func machine(quantity: Decimal = 2, configuration: OrderStateMachineConfiguration = .default) -> OrderStateMachine {
        OrderStateMachine(clientOrderId: id, symbol: "BTCUSDT", side: .buy, requestedQuantity: quantity, configuration: configuration)
    }

    static func update(
        _ status: OrderStatus, cum: Decimal?, avg: Decimal? = nil, quote: Decimal? = nil, trade: TradeReport? = nil,
        venueId: String? = "v1", atMs: Int64 = 1_000, clientOrderId: String = id, reason: String? = nil
    ) -> OrderEvent {
        .update(OrderUpdate(clientOrderId: clientOrderId, status: status, cumulativeFilled: cum, averagePrice: avg,
                            cumulativeQuote: quote, lastFill: trade, venueOrderId: venueId, updateTimeMs: atMs, reason: reason))
    }

    static func trade(_ tradeId: String, _ quantity: Decimal, at price: Decimal, fee: Decimal = 1) -> TradeReport {
        TradeReport(quantity: quantity, price: price, feeUSD: fee, liquidity: .maker, tradeId: tradeId)
    }

    static func fill(_ quantity: Decimal, at price: Decimal) -> OrderAction {
        .emitFill(OrderFill(quantity: quantity, price: price))
    }

    static func fill(_ trade: TradeReport) -> OrderAction {
        .emitFill(OrderFill(quantity: trade.quantity, price: trade.price, feeUSD: trade.feeUSD,
                            liquidity: trade.liquidity, tradeId: trade.tradeId))
    }

    /// Sent at t = 1 000 ms and acknowledged as `v1`.
    static let working: [OrderEvent] = [.submitted(atMs: 1_000), .accepted(venueOrderId: "v1", updateTimeMs: 1_000)]

    /// Runs `events` through a fresh machine; returns it and the actions of each event.
    static func run(_ events: [OrderEvent], on start: OrderStateMachine = machine()) -> (OrderStateMachine, [[OrderAction]]) {
        var machine = start
        let actions = events.map { machine.handle($0) }
        return (machine, actions)
    }
}

@Suite("Orders: the order state machine's idempotency and ordering rules")
struct OrderStateMachineTests {
    typealias F = OrderFixtures
    static let t1 = F.trade("t1", 1, at: 100)
    static let t2 = F.trade("t2", 1, at: 101)
    static let halfUp = Decimal(1005) / 10 // 100.5

    @Test("each rule, as a script whose last event returns exactly these actions", arguments: [
        OrderScript(rule: "the REST ack emits ACK once", events: F.working,
                    expected: [.emitAck(venueOrderId: "v1")]),
        OrderScript(rule: "a second ack is a duplicate", events: F.working + [.accepted(venueOrderId: "v1", updateTimeMs: 1_001)],
                    expected: [.ignored(.duplicate)]),
        OrderScript(rule: "a stream update before the REST ack acknowledges; the late ack is a duplicate",
                    events: [.submitted(atMs: 1_000), F.update(.new, cum: 0), .accepted(venueOrderId: "v1", updateTimeMs: 1_000)],
                    expected: [.ignored(.duplicate)]),
        OrderScript(rule: "a repeated PARTIALLY_FILLED with the same cumulative adds no fill",
                    events: F.working + [F.update(.partiallyFilled, cum: 1, avg: 100), F.update(.partiallyFilled, cum: 1, avg: 100)],
                    expected: [.ignored(.duplicate)]),
        OrderScript(rule: "a FILLED before the PARTIALLY_FILLED emits one fill for the whole delta, then the close",
                    events: F.working + [F.update(.filled, cum: 2, avg: halfUp)],
                    expected: [F.fill(2, at: halfUp), .emitClose(status: .filled, reason: nil)]),
        OrderScript(rule: "the late PARTIALLY_FILLED after FILLED is absorbed",
                    events: F.working + [F.update(.filled, cum: 2, avg: halfUp), F.update(.partiallyFilled, cum: 1, avg: 100)],
                    expected: [.ignored(.closed(.filled))]),
        OrderScript(rule: "a repeated FILLED closes nothing twice",
                    events: F.working + [F.update(.filled, cum: 2, avg: 100), F.update(.filled, cum: 2, avg: 100)],
                    expected: [.ignored(.closed(.filled))]),
        OrderScript(rule: "a late NEW after PARTIALLY_FILLED is stale",
                    events: F.working + [F.update(.partiallyFilled, cum: 1, avg: 100), F.update(.new, cum: 0)],
                    expected: [.ignored(.staleStatus(.new))]),
        OrderScript(rule: "a late NEW after CANCELED is absorbed",
                    events: F.working + [F.update(.canceled, cum: 0), F.update(.new, cum: 0)],
                    expected: [.ignored(.closed(.canceled))]),
        OrderScript(rule: "a fill that raced the cancel is still recorded after CANCELED, with no second close",
                    events: F.working + [.cancelRequested, F.update(.canceled, cum: 0), F.update(.partiallyFilled, cum: 1, avg: 100)],
                    expected: [F.fill(1, at: 100)]),
        OrderScript(rule: "an update for another client order id is refused",
                    events: F.working + [F.update(.filled, cum: 2, avg: 100, clientOrderId: "c2")],
                    expected: [.ignored(.wrongClientOrderId("c2"))]),
        OrderScript(rule: "a trade report alone advances the cumulative, carrying fee, liquidity and trade id",
                    events: F.working + [F.update(.partiallyFilled, cum: nil, trade: t1)],
                    expected: [F.fill(t1)]),
        OrderScript(rule: "a trade id seen twice is one fill",
                    events: F.working + [F.update(.partiallyFilled, cum: nil, trade: t1), F.update(.partiallyFilled, cum: nil, trade: t1)],
                    expected: [.ignored(.duplicate)]),
        OrderScript(rule: "a later trade arriving first covers its own quantity; the gap is priced from the cumulative quote",
                    events: F.working + [F.update(.partiallyFilled, cum: 2, avg: halfUp, trade: t2)],
                    expected: [F.fill(t2), F.fill(1, at: 100)]),
        OrderScript(rule: "the earlier trade arriving after the gap was counted adds nothing",
                    events: F.working + [F.update(.partiallyFilled, cum: 2, avg: halfUp, trade: t2), F.update(.partiallyFilled, cum: 1, trade: t1)],
                    expected: [.ignored(.duplicate)]),
        OrderScript(rule: "a trade whose quantity a query already counted adds nothing",
                    events: F.working + [F.update(.partiallyFilled, cum: 1, avg: 100), F.update(.partiallyFilled, cum: 1, trade: t1)],
                    expected: [.ignored(.duplicate)]),
        OrderScript(rule: "the exact cumulative quote is preferred over the rounded average",
                    events: F.working + [F.update(.filled, cum: 2, avg: 100, quote: 201)],
                    expected: [F.fill(2, at: halfUp), .emitClose(status: .filled, reason: nil)]),
        OrderScript(rule: "new quantity with no price is not applied; the order is queried",
                    events: F.working + [F.update(.partiallyFilled, cum: 1, avg: 0)],
                    expected: [.ignored(.unpricedFill), .queryOrder]),
        OrderScript(rule: "a negative cumulative is refused",
                    events: F.working + [F.update(.partiallyFilled, cum: -1, avg: 100)],
                    expected: [.ignored(.invalidUpdate)]),
        OrderScript(rule: "a GTX order expired before its ack is acknowledged and closed in one go",
                    events: [.submitted(atMs: 1_000), F.update(.expired, cum: 0, reason: "would cross")],
                    expected: [.emitAck(venueOrderId: "v1"), .emitClose(status: .expired, reason: "would cross")]),
        OrderScript(rule: "a venue rejection closes REJECTED without an ACK",
                    events: [.submitted(atMs: 1_000), .rejected(reason: "-2019 margin is insufficient")],
                    expected: [.emitClose(status: .rejected, reason: "-2019 margin is insufficient")]),
        OrderScript(rule: "a rejection after the ack is contradictory and ignored",
                    events: F.working + [.rejected(reason: "late")],
                    expected: [.ignored(.unexpected(.working))]),
        OrderScript(rule: "a submit that certainly failed closes REJECTED",
                    events: [.submitted(atMs: 1_000), .submitFailed(outcomeUnknown: false, reason: "connection refused")],
                    expected: [.emitClose(status: .rejected, reason: "connection refused")]),
        OrderScript(rule: "an unknown submit outcome waits: no query inside the ack timeout",
                    events: [.submitted(atMs: 1_000), .submitFailed(outcomeUnknown: true, reason: "503"), .timeout(nowMs: 10_999)],
                    expected: []),
        OrderScript(rule: "an unknown submit outcome is queried once the ack timeout passed",
                    events: [.submitted(atMs: 1_000), .submitFailed(outcomeUnknown: true, reason: "503"), .timeout(nowMs: 11_000)],
                    expected: [.queryOrder]),
        OrderScript(rule: "a missing ack is queried once the ack timeout passed",
                    events: [.submitted(atMs: 1_000), .timeout(nowMs: 11_000)],
                    expected: [.queryOrder]),
        OrderScript(rule: "the venue confirming it has no such order allows one re-send",
                    events: [.submitted(atMs: 1_000), .submitFailed(outcomeUnknown: true, reason: "timeout"), .timeout(nowMs: 11_000), .queryNotFound],
                    expected: [.resend]),
        OrderScript(rule: "not found again after the re-send closes REJECTED",
                    events: [.submitted(atMs: 1_000), .timeout(nowMs: 11_000), .queryNotFound,
                             .submitted(atMs: 12_000), .timeout(nowMs: 22_000), .queryNotFound],
                    expected: [.emitClose(status: .rejected, reason: "venue has no such order after 2 send(s)")]),
        OrderScript(rule: "a query answer showing the order resolves the unknown outcome",
                    events: [.submitted(atMs: 1_000), .submitFailed(outcomeUnknown: true, reason: "timeout"), .timeout(nowMs: 11_000),
                             F.update(.new, cum: 0)],
                    expected: [.emitAck(venueOrderId: "v1")]),
        OrderScript(rule: "a cancel request sends one cancel",
                    events: F.working + [.cancelRequested],
                    expected: [.cancel]),
        OrderScript(rule: "a second cancel request is a duplicate",
                    events: F.working + [.cancelRequested, .cancelRequested],
                    expected: [.ignored(.duplicate)]),
        OrderScript(rule: "the venue's CANCELED closes the order",
                    events: F.working + [.cancelRequested, F.update(.canceled, cum: 0)],
                    expected: [.emitClose(status: .canceled, reason: nil)]),
        OrderScript(rule: "a cancel before the send closes locally",
                    events: [.cancelRequested],
                    expected: [.emitClose(status: .canceled, reason: "canceled before submit")]),
        OrderScript(rule: "a cancel with an unknown outcome is repeated (cancels are idempotent)",
                    events: F.working + [.cancelRequested, .cancelFailed(unknownOrder: false)],
                    expected: [.cancel]),
        OrderScript(rule: "'unknown order' on an acknowledged order's cancel asks for a query",
                    events: F.working + [.cancelRequested, .cancelFailed(unknownOrder: true)],
                    expected: [.queryOrder]),
        OrderScript(rule: "'unknown order' before any ack waits for the ack timeout instead of querying",
                    events: [.submitted(atMs: 1_000), .cancelRequested, .cancelFailed(unknownOrder: true)],
                    expected: []),
        OrderScript(rule: "a canceled order the venue never had closes CANCELED and is never re-sent",
                    events: [.submitted(atMs: 1_000), .cancelRequested, .cancelFailed(unknownOrder: true), .timeout(nowMs: 11_000), .queryNotFound],
                    expected: [.emitClose(status: .canceled, reason: "canceled; the venue never had the order")]),
        OrderScript(rule: "a working order with no venue news for 30 s is queried",
                    events: F.working + [.timeout(nowMs: 31_000)],
                    expected: [.queryOrder]),
        OrderScript(rule: "the stale check re-arms after a query",
                    events: F.working + [.timeout(nowMs: 31_000), .timeout(nowMs: 31_001)],
                    expected: []),
        OrderScript(rule: "venue news keeps a working order fresh",
                    events: F.working + [F.update(.partiallyFilled, cum: 1, avg: 100, atMs: 20_000), .timeout(nowMs: 31_000)],
                    expected: []),
        OrderScript(rule: "a closed order needs no checks",
                    events: F.working + [F.update(.filled, cum: 2, avg: 100), .timeout(nowMs: 99_000)],
                    expected: []),
        OrderScript(rule: "a second send of an order that was sent is unexpected",
                    events: F.working + [.submitted(atMs: 2_000)],
                    expected: [.ignored(.unexpected(.working))]),
    ])
    func rule(script: OrderScript) {
        let (_, actions) = F.run(script.events)
        #expect(actions.last == script.expected)
    }

    @Test("over a whole life, ACK and CLOSE are emitted exactly once and fills sum to the cumulative")
    func exactlyOnce() {
        let events: [OrderEvent] = [
            .submitted(atMs: 1_000), F.update(.new, cum: 0), .accepted(venueOrderId: "v1", updateTimeMs: 1_000),
            F.update(.partiallyFilled, cum: 1, avg: 100, trade: Self.t1), F.update(.partiallyFilled, cum: 1, avg: 100, trade: Self.t1),
            F.update(.filled, cum: 2, avg: Self.halfUp), F.update(.filled, cum: 2, avg: Self.halfUp, trade: Self.t2),
            F.update(.partiallyFilled, cum: 2, trade: Self.t2), .accepted(venueOrderId: "v1", updateTimeMs: 1_000),
        ]
        let (machine, perEvent) = F.run(events)
        let all = perEvent.flatMap { $0 }
        #expect(all.filter { if case .emitAck = $0 { true } else { false } }.count == 1)
        #expect(all.filter { if case .emitClose = $0 { true } else { false } }.count == 1)
        let fills = all.compactMap { action -> OrderFill? in if case .emitFill(let fill) = action { fill } else { nil } }
        #expect(fills.reduce(Decimal(0)) { $0 + $1.quantity } == 2)
        #expect(effectivePrice(of: fills.map(\.fill)) == Self.halfUp)
        #expect(machine.status == .filled)
        #expect(machine.venueOrderId == "v1")
    }

    @Test("query helpers follow the fills: remaining, average price, terminal")
    func queryHelpers() {
        var machine = F.machine()
        #expect(machine.remainingQuantity == 2 && machine.averageFillPrice == nil && !machine.isTerminal)
        machine = F.run(F.working + [F.update(.partiallyFilled, cum: nil, trade: Self.t1)]).0
        #expect(machine.remainingQuantity == 1)
        #expect(machine.averageFillPrice == 100)
        #expect(machine.phase == .working && machine.status == .partiallyFilled)
        machine = F.run(F.working + [F.update(.partiallyFilled, cum: nil, trade: Self.t1), F.update(.filled, cum: nil, trade: Self.t2)]).0
        #expect(machine.remainingQuantity == 0)
        #expect(machine.averageFillPrice == Self.halfUp)
        #expect(machine.isTerminal && machine.phase == .closed)
    }

    @Test("a trade partly inside a cumulative already counted emits only the new part, with its share of the fee")
    func partialTradeOverlap() {
        let trade = F.trade("t9", 2, at: 100, fee: 4)
        let (machine, actions) = F.run(F.working + [
            F.update(.partiallyFilled, cum: 1, avg: 100),
            F.update(.filled, cum: 2, trade: trade),
        ])
        #expect(actions.last == [
            .emitFill(OrderFill(quantity: 1, price: 100, feeUSD: 2, liquidity: .maker, tradeId: "t9")),
            .emitClose(status: .filled, reason: nil),
        ])
        #expect(machine.cumulativeFilled == 2 && machine.cumulativeQuote == 200)
    }

    @Test("an unpriced update leaves the state untouched, so the query's answer still counts")
    func unpricedLeavesState() {
        let (machine, actions) = F.run(F.working + [
            F.update(.partiallyFilled, cum: 1, avg: nil),
            F.update(.partiallyFilled, cum: 1, avg: 100),
        ])
        #expect(machine.cumulativeFilled == 1)
        #expect(actions.last == [F.fill(1, at: 100)])
    }

    @Test("with no re-sends allowed, a confirmed missing order closes REJECTED at once")
    func noResends() {
        let start = F.machine(configuration: OrderStateMachineConfiguration(maxResends: 0))
        let (machine, actions) = F.run([.submitted(atMs: 0), .timeout(nowMs: 10_000), .queryNotFound], on: start)
        #expect(actions.flatMap { $0 }.contains(.resend) == false)
        #expect(machine.status == .rejected && machine.resendCount == 0)
    }
}
