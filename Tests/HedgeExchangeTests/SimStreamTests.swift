import Foundation
import HedgeCore
import HedgeExchange
import Testing

@Suite("Sim venue streams")
struct SimStreamTests {
    typealias F = SimFixture

    @Test("each bar publishes the bar and the new book, with bid below ask")
    func barAndBook() async throws {
        let sim = SimExchange(configuration: F.configuration())
        let market = sim.marketEvents(symbols: [F.symbol])
        let replay = SimReplay(exchange: sim, bars: F.bars([100, 102]))
        try await replay.step()
        await sim.finishStreams()
        let events = try await F.drain(market)
        #expect(events.count == 2)
        guard case .bar(let symbol, let bar)? = events.first, case .book(_, let book, let timeMs)? = events.last else {
            Issue.record("expected a bar then a book, got \(events)")
            return
        }
        #expect(symbol == F.symbol)
        #expect(bar.close == 100)
        #expect(book.isValid)
        #expect(timeMs == F.startMs + F.minuteMs)
    }

    @Test("every subscriber gets its own stream, filtered by the symbols it asked for")
    func severalSubscribers() async throws {
        let sim = SimExchange(configuration: F.configuration())
        let all = sim.marketEvents(symbols: [])
        let mine = sim.marketEvents(symbols: [F.symbol])
        let other = sim.marketEvents(symbols: ["OTHERUSDT"])
        let userA = sim.userEvents()
        let userB = sim.userEvents()
        let replay = SimReplay(exchange: sim, bars: F.bars([100, 101]))
        try await replay.step()
        _ = try await sim.placeOrder(F.order("s-1", type: .limit, quantity: "1", price: "95"))
        await sim.finishStreams()
        #expect(try await F.drain(all).count == 2)
        #expect(try await F.drain(mine).count == 2)
        #expect(try await F.drain(other).isEmpty)
        #expect(F.updates(try await F.drain(userA)) == ["s-1 NEW 0"])
        #expect(F.updates(try await F.drain(userB)) == ["s-1 NEW 0"])
    }

    @Test("a market stream with a tiny buffer keeps the newest events and counts what it dropped")
    func marketDropCounting() async throws {
        let sim = SimExchange(configuration: F.configuration(marketBufferSize: 2))
        let market = sim.marketEvents(symbols: [F.symbol])
        let replay = SimReplay(exchange: sim, bars: F.bars([100, 101, 102]))
        for _ in 0..<3 { try await replay.step() }
        #expect(sim.droppedMarketEvents == 4)
        await sim.finishStreams()
        let kept = try await F.drain(market)
        #expect(kept.count == 2)
        if case .bar(_, let bar)? = kept.first { #expect(bar.close == 102) } else { Issue.record("expected the last bar first, got \(kept)") }
    }

    @Test("the user stream never drops: a slow consumer still gets every update in order")
    func userStreamUnbounded() async throws {
        let sim = SimExchange(configuration: F.configuration(marketBufferSize: 1))
        let user = sim.userEvents()
        let replay = SimReplay(exchange: sim, bars: F.bars([100]))
        try await replay.step()
        for index in 0..<50 {
            _ = try await sim.placeOrder(F.order("o-\(index)", type: .limit, quantity: "1", price: "50"))
        }
        await sim.finishStreams()
        #expect(F.updates(try await F.drain(user)) == (0..<50).map { "o-\($0) NEW 0" })
    }

    @Test("the same steps and calls give the same events, market and user")
    func determinism() async throws {
        let first = try await script()
        let second = try await script()
        #expect(first.market == second.market)
        #expect(first.user == second.user)
        #expect(!first.user.isEmpty)
    }

    /// A run with orders, fills, funding and faults, returning everything both streams carried.
    private func script() async throws -> (market: [MarketEvent], user: [UserEvent]) {
        let funding = FundingSeries(symbol: F.symbol, rates: [FundingRate(timeMs: F.startMs + 150_000, rate: 0.0005)])
        let faults = SimFaults(duplicatedOrderUpdates: 2, reorderedOrderUpdates: 1)
        let sim = SimExchange(configuration: F.configuration(faults: faults))
        let market = sim.marketEvents(symbols: [])
        let user = sim.userEvents()
        let replay = SimReplay(exchange: sim, bars: F.bars([100, 102, 99, 104, 103]), funding: [funding])
        try await replay.step()
        _ = try await sim.placeOrder(F.order("a", quantity: "2"))
        _ = try await sim.placeOrder(F.order("b", .sell, .short, type: .limit, quantity: "1", price: "103.5"))
        try await replay.step()
        _ = try await sim.placeOrder(F.order("c", .sell, type: .limit, quantity: "1", price: "101"))
        try await replay.advance(to: F.startMs + 10 * F.minuteMs)
        await sim.finishStreams()
        return (try await F.drain(market), try await F.drain(user))
    }
}
