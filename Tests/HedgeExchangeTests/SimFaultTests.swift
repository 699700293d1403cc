import Foundation
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Testing

@Suite("Sim venue faults")
struct SimFaultTests {
    typealias F = SimFixture

    private func venue(faults: SimFaults = .none, clock: any Clock<Duration> = ContinuousClock()) async throws -> (SimExchange, SimReplay) {
        let sim = SimExchange(configuration: F.configuration(faults: faults), clock: clock)
        let replay = SimReplay(exchange: sim, bars: F.bars([100, 102, 101, 103]))
        try await replay.step()
        return (sim, replay)
    }

    @Test("a delayed call answers only after the manual clock has moved by the delay")
    func delayedCall() async throws {
        let clock = ManualClock()
        let (sim, _) = try await venue(faults: SimFaults(delays: [.account: .seconds(2)]), clock: clock)
        let call = Task { try await sim.account() }
        await clock.waitForSleepers(1)
        #expect(clock.now.offset == .zero)
        clock.advance(by: .seconds(2))
        let account = try await call.value
        #expect(account.walletUSD == 10_000)
        #expect(clock.now.offset == .seconds(2))
        // Undelayed operations answer at once.
        _ = try await sim.positions()
        #expect(clock.sleeperCount == 0)
    }

    @Test("a failing call throws the scripted error the scripted number of times, then works")
    func failingThenSuccess() async throws {
        let busy = ExchangeError.server(status: 503, message: "busy")
        let (sim, _) = try await venue(faults: SimFaults(failures: [.placeOrder: .init(count: 2, error: busy)]))
        await #expect(throws: busy) { try await sim.placeOrder(F.order("f-1")) }
        await #expect(throws: busy) { try await sim.placeOrder(F.order("f-1")) }
        #expect(try await sim.placeOrder(F.order("f-1")).status == .new)
        #expect(await sim.faults.failures.isEmpty)
    }

    @Test("faults set at run time replace the armed ones")
    func runtimeFaults() async throws {
        let (sim, _) = try await venue()
        await sim.setFaults(SimFaults(failures: [.queryOrder: .init(error: .transport("timeout"))]))
        await #expect(throws: ExchangeError.transport("timeout")) {
            try await sim.queryOrder(symbol: F.symbol, clientOrderId: "x")
        }
        await #expect(throws: ExchangeError.unknownOrder(clientOrderId: "x")) {
            try await sim.queryOrder(symbol: F.symbol, clientOrderId: "x")
        }
    }

    @Test("an order accepted with its response lost is found by query, and re-placing its id is refused while it works")
    func acceptedButLost() async throws {
        let (sim, replay) = try await venue(faults: SimFaults(lostPlaceResponses: 1))
        let user = sim.userEvents()
        let request = F.order("lost-1", type: .limit, quantity: "1", price: "95")
        do {
            _ = try await sim.placeOrder(request)
            Issue.record("the response should have been lost")
        } catch {
            #expect(error.outcomeUnknown)
        }
        let found = try await sim.queryOrder(symbol: F.symbol, clientOrderId: "lost-1")
        #expect(found.status == .new)
        await #expect(throws: ExchangeError.duplicateOrder(clientOrderId: "lost-1")) { try await sim.placeOrder(request) }
        try await replay.step()
        #expect(try await sim.openOrders(symbol: F.symbol).map(\.clientOrderId) == ["lost-1"])
        await sim.finishStreams()
        #expect(F.updates(try await F.drain(user)) == ["lost-1 NEW 0"])
    }

    @Test("a cancel whose response is lost has still canceled the order")
    func cancelLost() async throws {
        let (sim, _) = try await venue(faults: SimFaults(lostCancelResponses: 1))
        _ = try await sim.placeOrder(F.order("c-1", type: .limit, quantity: "1", price: "95"))
        await #expect(throws: ExchangeError.transport("response lost (sim fault)")) {
            try await sim.cancelOrder(symbol: F.symbol, clientOrderId: "c-1")
        }
        #expect(try await sim.queryOrder(symbol: F.symbol, clientOrderId: "c-1").status == .canceled)
    }

    @Test("a dropped user stream ends with a transport error, and a new subscription starts with a gap")
    func droppedUserStream() async throws {
        let (sim, _) = try await venue(faults: SimFaults(dropUserStreamAfterEvents: 1))
        var first = sim.userEvents().makeAsyncIterator()
        _ = try await sim.placeOrder(F.order("d-1", type: .limit, quantity: "1", price: "95"))
        _ = try await sim.placeOrder(F.order("d-2", type: .limit, quantity: "1", price: "95"))
        let event = try await first.next()
        #expect(event.map { F.updates([$0]) } == ["d-1 NEW 0"])
        await #expect(throws: ExchangeError.transport("user stream dropped (sim fault)")) { try await first.next() }
        // The order whose update was lost exists all the same.
        #expect(try await sim.queryOrder(symbol: F.symbol, clientOrderId: "d-2").status == .new)

        let second = sim.userEvents()
        _ = try await sim.placeOrder(F.order("d-3", type: .limit, quantity: "1", price: "95"))
        await sim.finishStreams()
        let events = try await F.drain(second)
        #expect(events.first == .gap(reason: "user stream dropped (sim fault)"))
        #expect(F.updates(events) == ["d-3 NEW 0"])
    }

    @Test("duplicated order updates arrive twice in a row")
    func duplicatedUpdates() async throws {
        let (sim, _) = try await venue(faults: SimFaults(duplicatedOrderUpdates: 1))
        let user = sim.userEvents()
        _ = try await sim.placeOrder(F.order("u-1", type: .limit, quantity: "1", price: "95"))
        _ = try await sim.placeOrder(F.order("u-2", type: .limit, quantity: "1", price: "95"))
        await sim.finishStreams()
        #expect(F.updates(try await F.drain(user)) == ["u-1 NEW 0", "u-1 NEW 0", "u-2 NEW 0"])
    }

    @Test("a swapped order update arrives after the one that followed it, even across a bar: FILLED before NEW")
    func reorderedUpdates() async throws {
        let (sim, replay) = try await venue(faults: SimFaults(reorderedOrderUpdates: 1))
        let user = sim.userEvents()
        _ = try await sim.placeOrder(F.order("s-1", quantity: "1"))
        try await replay.step()
        await sim.finishStreams()
        #expect(F.updates(try await F.drain(user)) == ["s-1 FILLED 1", "s-1 NEW 0"])
    }

    @Test("a held update with no follower is released at the end of the next bar step")
    func heldUpdateReleased() async throws {
        let (sim, replay) = try await venue(faults: SimFaults(reorderedOrderUpdates: 1))
        let user = sim.userEvents()
        _ = try await sim.placeOrder(F.order("s-2", type: .limit, quantity: "1", price: "90"))
        try await replay.step()
        await sim.finishStreams()
        #expect(F.updates(try await F.drain(user)) == ["s-2 NEW 0"])
    }
}
