import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import InMemoryLogging
import Logging
import Testing

@Suite("Router: fills it did not send")
struct RouterForeignFillTests {
    static func fill(_ id: String, _ side: Side, _ quantity: String, price: String) -> UserEvent {
        let qty = Decimal(venueString: quantity) ?? 0, px = Decimal(venueString: price) ?? 0
        let order = VenueOrder(orderId: id, clientOrderId: id, symbol: "BTCUSDT", side: side, positionSide: .long, type: .market,
                               status: .filled, quantity: qty, price: nil, filledQuantity: qty, averagePrice: px, updateTimeMs: 1)
        let venueFill = VenueFill(tradeId: "t-\(id)", orderId: id, clientOrderId: id, symbol: "BTCUSDT", side: side, positionSide: .long,
                                  quantity: qty, price: px, feeUSD: 0, liquidity: .taker, realizedPnlUSD: 0, timeMs: 1)
        return .order(order, fill: venueFill)
    }

    @Test("a venue-made fill (liquidation, ADL, manual trade) moves the daemon's book, so it never drifts from the venue")
    func foreignFillsFollowTheVenue() async throws {
        let clock = ManualClock()
        let time = MeshClock(clock: clock, nowMs: { MeshFixture.epochMs })
        let config = try HedgeConfig.load(directory: "\(MeshFixture.repositoryRoot)/config", environment: [:])
        let log = InMemoryLogHandler()
        let router = RouterActor(exchange: SimExchange(), telemetry: TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags)), time: time,
                                 logger: Logger(label: "hedge.test", factory: { _ in log }))
        let closed = LockedValue<[ClosedTrade]>([])
        await router.onClosedTrade { trade in closed.withLock { $0.append(trade) } }
        let (events, continuation) = AsyncThrowingStream<UserEvent, any Error>.makeStream()
        continuation.yield(Self.fill("manual-buy", .buy, "0.5", price: "100000"))
        // A person's trailing stop fills: reported by its fill alone (an order type Hedge never places).
        continuation.yield(.foreignFill(VenueFill(tradeId: "t-trailing", orderId: "trailing", clientOrderId: "trailing", symbol: "BTCUSDT",
                                                  side: .buy, positionSide: .long, quantity: 0.25, price: 100_000, feeUSD: 0,
                                                  liquidity: .taker, realizedPnlUSD: 0, timeMs: 1)))
        continuation.yield(Self.fill("autoclose-1", .sell, "0.75", price: "90000"))
        // The same trade again (a duplicated event, or a resync reading it back) is not applied twice.
        continuation.yield(Self.fill("autoclose-1", .sell, "0.75", price: "90000"))
        continuation.finish()
        try await router.consume(events)
        #expect(await router.filledQuantity(symbol: "BTCUSDT", leg: .long) == 0)
        let trades = closed.withLock { $0 }
        #expect(trades.count == 1)
        #expect(trades.first?.exitReason == "external")
        #expect(abs((trades.first?.pnlUSD ?? 0) - -7_500) < 1e-6)
        // The operator's journal says the position closed, and what it made.
        let closedLine = try #require(log.entries.first { $0.message.description == "position closed" })
        #expect(closedLine.level == .info)
        #expect(closedLine.metadata["pnl_usd"] == "-7500.00")
        #expect(closedLine.metadata["leg"] == "LONG" && closedLine.metadata["symbol"] == "BTCUSDT")
    }

    @Test("a user-stream gap resyncs, then runs the resync hook (account and positions re-read)")
    func gapRunsTheResyncHook() async throws {
        let clock = ManualClock()
        let time = MeshClock(clock: clock, nowMs: { MeshFixture.epochMs })
        let config = try HedgeConfig.load(directory: "\(MeshFixture.repositoryRoot)/config", environment: [:])
        let router = RouterActor(exchange: SimExchange(), telemetry: TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags)), time: time)
        let resyncs = LockedValue(0)
        await router.onResync { resyncs.withLock { $0 += 1 } }
        let (events, continuation) = AsyncThrowingStream<UserEvent, any Error>.makeStream()
        continuation.yield(.gap(reason: "test"))
        continuation.yield(.gap(reason: "test again"))
        continuation.finish()
        try await router.consume(events)
        #expect(resyncs.withLock { $0 } == 2)
    }
}
