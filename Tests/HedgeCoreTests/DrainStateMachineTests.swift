import Testing
@testable import HedgeCore

/// One scripted stop: the policy, the events, and the actions each event returns.
struct DrainScript: Sendable, CustomTestStringConvertible {
    var rule: String
    var policy: ShutdownOrderPolicy = .cancel
    var events: [DrainEvent]
    var expected: [[DrainAction]]
    var finalPhase: DrainPhase
    var testDescription: String { rule }
}

@Suite("Drain: the graceful stop sequence")
struct DrainStateMachineTests {
    static let start = DrainEvent.shutdownRequested(nowMs: 1_000)
    static let flushAll: [DrainAction] = [.flush, .writeFinalState]
    static let forced = DrainStateMachine.forcedExitCode

    @Test("each path, event by event", arguments: [
        DrainScript(rule: "cancel policy: cancel the working orders, wait for them, flush, exit 0",
                    events: [start, .intentsStopped(workingOrderIds: ["b", "a"]), .orderSettled(clientOrderId: "a"),
                             .orderSettled(clientOrderId: "b"), .flushed],
                    expected: [[.stopAcceptingIntents], [.cancelOrders(["a", "b"])], [], flushAll, [.exit(code: 0, abandoned: [])]],
                    finalPhase: .done),
        DrainScript(rule: "cancel policy with nothing working goes straight to flushing",
                    events: [start, .intentsStopped(workingOrderIds: []), .flushed],
                    expected: [[.stopAcceptingIntents], flushAll, [.exit(code: 0, abandoned: [])]], finalPhase: .done),
        DrainScript(rule: "all orders settled at once (a reconcile) ends the wait",
                    events: [start, .intentsStopped(workingOrderIds: ["a", "b"]), .allOrdersSettled],
                    expected: [[.stopAcceptingIntents], [.cancelOrders(["a", "b"])], flushAll], finalPhase: .flushing),
        DrainScript(rule: "leave policy: orders stay open, nothing is canceled, exit 0 with nothing abandoned", policy: .leave,
                    events: [start, .intentsStopped(workingOrderIds: ["a"]), .flushed],
                    expected: [[.stopAcceptingIntents], flushAll, [.exit(code: 0, abandoned: [])]], finalPhase: .done),
        DrainScript(rule: "the deadline with an order still working forces the exit and lists it",
                    events: [start, .intentsStopped(workingOrderIds: ["a", "b"]), .orderSettled(clientOrderId: "a"), .deadlinePassed],
                    expected: [[.stopAcceptingIntents], [.cancelOrders(["a", "b"])], [], [.exit(code: forced, abandoned: ["order:b", "flush"])]],
                    finalPhase: .forced),
        DrainScript(rule: "an order settling after the deadline is ignored",
                    events: [start, .intentsStopped(workingOrderIds: ["a"]), .deadlinePassed, .orderSettled(clientOrderId: "a"), .flushed],
                    expected: [[.stopAcceptingIntents], [.cancelOrders(["a"])], [.exit(code: forced, abandoned: ["order:a", "flush"])], [], []],
                    finalPhase: .forced),
        DrainScript(rule: "a second signal while flushing abandons the flush",
                    events: [start, .intentsStopped(workingOrderIds: []), .secondSignal],
                    expected: [[.stopAcceptingIntents], flushAll, [.exit(code: forced, abandoned: ["flush"])]], finalPhase: .forced),
        DrainScript(rule: "a second signal before intake confirmed stopped abandons intake and flush",
                    events: [start, .secondSignal],
                    expected: [[.stopAcceptingIntents], [.exit(code: forced, abandoned: ["intake", "flush"])]], finalPhase: .forced),
        DrainScript(rule: "a repeated stop request is not a second signal",
                    events: [start, .shutdownRequested(nowMs: 2_000)],
                    expected: [[.stopAcceptingIntents], []], finalPhase: .stoppingIntents),
        DrainScript(rule: "while running, deadline, signal and settle events mean nothing",
                    events: [.deadlinePassed, .secondSignal, .orderSettled(clientOrderId: "a"), .flushed],
                    expected: [[], [], [], []], finalPhase: .running),
        DrainScript(rule: "an order that was not being waited for changes nothing",
                    events: [start, .intentsStopped(workingOrderIds: ["a"]), .orderSettled(clientOrderId: "z")],
                    expected: [[.stopAcceptingIntents], [.cancelOrders(["a"])], []], finalPhase: .settlingOrders),
        DrainScript(rule: "after a clean exit a late deadline is ignored",
                    events: [start, .intentsStopped(workingOrderIds: []), .flushed, .deadlinePassed],
                    expected: [[.stopAcceptingIntents], flushAll, [.exit(code: 0, abandoned: [])], []], finalPhase: .done),
    ])
    func path(script: DrainScript) {
        var drain = DrainStateMachine(policy: script.policy, deadline: .seconds(20))
        let actions = script.events.map { drain.handle($0) }
        #expect(actions == script.expected)
        #expect(drain.phase == script.finalPhase)
    }

    @Test("the deadline is the stop request's time plus the configured span; leave records what stays open")
    func deadlineAndLeftOpen() {
        var drain = DrainStateMachine(policy: .leave, deadline: .milliseconds(20_500))
        #expect(drain.deadlineMs == nil)
        _ = drain.handle(.shutdownRequested(nowMs: 1_000))
        #expect(drain.deadlineMs == 21_500)
        _ = drain.handle(.intentsStopped(workingOrderIds: ["a", "b"]))
        #expect(drain.leftOpenOrderIds == ["a", "b"])
        #expect(drain.pendingOrderIds.isEmpty)
    }
}
