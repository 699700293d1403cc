import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Synchronization
import Testing

/// A venue where every placement times out without reaching the matching engine and every query
/// answers "no such order": an outcome nobody reports on the user stream.
private final class SilentExchange: ForwardingExchangeClient {
    let base: any ExchangeClient = SimExchange()
    let placed = Mutex<[VenueOrderRequest]>([])
    let queries = Mutex(0)

    func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        placed.withLock { $0.append(request) }
        throw .transport("POST /fapi/v1/order: no response within 10 seconds")
    }

    func queryOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        queries.withLock { $0 += 1 }
        throw .unknownOrder(clientOrderId: clientOrderId)
    }
}

@Suite("Router: order timeouts are driven")
struct RouterOrderTimeoutTests {
    @Test("an order with an unknown outcome is queried once its ack timeout passes, then closed, never re-sent (not even as a market order)")
    func unknownMarketOrderIsQueriedThenClosed() async throws {
        let clock = ManualClock()
        let now = LockedValue(MeshFixture.epochMs)
        let time = MeshClock(clock: clock, nowMs: { now.value })
        let config = try HedgeConfig.load(directory: "\(MeshFixture.repositoryRoot)/config", environment: [:])
        let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
        var limits = config.riskLimits
        limits.global.killSwitchFile = "/nonexistent/hedge-test-kill-switch"
        let risk = RiskActor(limits: limits, universe: config.universe, telemetry: telemetry, time: time)
        await risk.updateAccount(nav: NavReading(NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0,
                                                           availableUSD: 100_000, sampledAtMs: MeshFixture.epochMs), monotonicMs: 0),
                                 positions: [])
        let venue = SilentExchange()
        let router = RouterActor(exchange: venue, telemetry: telemetry, time: time,
                                 logger: Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() }))
        await router.updateFilters(["BTCUSDT": try #require(VenueFilters.simDefault(symbol: "BTCUSDT", referencePrice: 95_000))])
        await router.updateBook(BookTop(bidPrice: 94_999.9, bidQuantity: 5, askPrice: 95_000, askQuantity: 5), for: "BTCUSDT")
        let signal = StrategySignal(symbol: "BTCUSDT", side: .buy, timeMs: MeshFixture.epochMs, referencePrice: 95_000, conviction: 1,
                                    stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 0.5, reason: "test", strategy: "trend", regime: .chop)
        let verdict = try #require(await risk.process(signal: signal).first)
        await router.submit(verdict)
        let request = try #require(venue.placed.withLock { $0.first })
        #expect(await router.workingOrderIds() == [request.clientOrderId])

        // Within the ack timeout the request may still reach the venue: no query yet.
        now.withLock { $0 += 9_000 }
        await router.checkTimeouts()
        #expect(venue.queries.withLock { $0 } == 0)
        // Past it: asked for, unknown to the venue, closed; nothing is sent again.
        now.withLock { $0 += 1_000 }
        await router.checkTimeouts()
        #expect(venue.queries.withLock { $0 } == 1)
        #expect(await router.workingOrderIds().isEmpty)
        #expect(venue.placed.withLock { $0.count } == 1)
    }
}
