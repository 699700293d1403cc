import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Synchronization
import Testing

/// A venue that fills every order whole at 95 000 the moment it is placed; everything else is
/// the sim's.
private final class FillingExchange: ForwardingExchangeClient {
    let base: any ExchangeClient = SimExchange()
    /// The requests placed, oldest first (Mutex: the router's task writes, the test reads).
    let requests = Mutex<[VenueOrderRequest]>([])

    func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        requests.withLock { $0.append(request) }
        return VenueOrder(orderId: "v-\(request.clientOrderId)", clientOrderId: request.clientOrderId, symbol: request.symbol,
                          side: request.side, positionSide: request.positionSide, type: request.type, status: .filled,
                          quantity: request.quantity, price: request.price, filledQuantity: request.quantity, averagePrice: 95_000,
                          updateTimeMs: MeshFixture.epochMs)
    }
}

@Suite("Router: the order table stays bounded")
struct RouterOrderMemoryTests {
    @Test("finished orders beyond the memory are forgotten oldest first; working counts and late duplicates still hold")
    func finishedOrdersAreForgottenOldestFirst() async throws {
        let clock = ManualClock()
        let time = MeshClock(clock: clock, nowMs: { MeshFixture.epochMs })
        let config = try HedgeConfig.load(directory: "\(MeshFixture.repositoryRoot)/config", environment: [:])
        let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
        var limits = config.riskLimits
        limits.global.killSwitchFile = "/nonexistent/hedge-test-kill-switch"
        limits.global.maxTradesPerHour = 1_000
        limits.global.maxTradesPerDay = 1_000
        let risk = RiskActor(limits: limits, universe: config.universe, telemetry: telemetry, time: time)
        await risk.updateAccount(nav: NavReading(NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0,
                                                           availableUSD: 100_000, sampledAtMs: MeshFixture.epochMs), monotonicMs: 0),
                                 positions: [])
        let venue = FillingExchange()
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let router = RouterActor(exchange: venue, telemetry: telemetry, time: time, finishedOrderMemory: 3, logger: quiet)
        let filters = try #require(VenueFilters.simDefault(symbol: "BTCUSDT", referencePrice: 95_000))
        await router.updateFilters(["BTCUSDT": filters])
        await router.updateBook(BookTop(bidPrice: 94_999.9, bidQuantity: 5, askPrice: 95_000, askQuantity: 5), for: "BTCUSDT")

        for _ in 0..<5 {
            let signal = StrategySignal(symbol: "BTCUSDT", side: .buy, timeMs: MeshFixture.epochMs, referencePrice: 95_000,
                                        conviction: 1, stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 0.5, reason: "test",
                                        strategy: "trend", regime: .chop)
            let verdict = try #require(await risk.process(signal: signal).first)
            #expect(verdict.decision.allowed, "vetoes: \(verdict.decision.vetoes)")
            await router.submit(verdict)
            // As if the leg were closed again before the next signal: the same leg may take another entry.
            await risk.apply(.settled(intentId: verdict.envelope.id))
        }
        let requests = venue.requests.withLock { $0 }
        let sent = requests.map(\.clientOrderId)
        #expect(Set(sent).count == 5)
        #expect(await router.orderCounts() == (orders: 5, filledOrders: 5))
        #expect(await router.trackedOrderCount() == 3)
        #expect(await router.knownOrderIds() == Set(sent.suffix(3)))
        let held = await router.filledQuantity(symbol: "BTCUSDT", leg: .long)
        #expect(held > 0)

        // The newest order's fill, delivered again by the user stream: remembered, so not re-applied.
        let newest = try #require(requests.last?.clientOrderId)
        let quantity = try #require(requests.last?.quantity)
        let order = VenueOrder(orderId: "v-\(newest)", clientOrderId: newest, symbol: "BTCUSDT", side: .buy, positionSide: .long,
                               type: .market, status: .filled, quantity: quantity, price: nil, filledQuantity: quantity,
                               averagePrice: 95_000, updateTimeMs: MeshFixture.epochMs)
        let fill = VenueFill(tradeId: "t-\(newest)", orderId: "v-\(newest)", clientOrderId: newest, symbol: "BTCUSDT", side: .buy,
                             positionSide: .long, quantity: quantity, price: 95_000, feeUSD: 0, liquidity: .taker, realizedPnlUSD: 0,
                             timeMs: MeshFixture.epochMs)
        let (events, continuation) = AsyncThrowingStream<UserEvent, any Error>.makeStream()
        continuation.yield(.order(order, fill: fill))
        continuation.finish()
        try await router.consume(events)
        #expect(await router.filledQuantity(symbol: "BTCUSDT", leg: .long) == held)
        #expect(await router.orderCounts() == (orders: 5, filledOrders: 5))
    }
}
