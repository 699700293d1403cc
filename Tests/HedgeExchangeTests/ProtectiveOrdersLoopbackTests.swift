import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Testing

/// The router's protective exits through the real Binance adapter to the loopback venue, over
/// sockets on 127.0.0.1. The router learns of fills and cancels by querying its working orders
/// (`resync`, what it does after a stream gap), so the test steps the venue and time itself.
@Suite(.serialized) struct ProtectiveOrdersLoopbackTests {
    static func verdict(_ side: Side, grossUSD: Double, stop: Double?, takeProfit: Double?) -> RiskVerdict {
        let intent = OrderIntent(symbol: SimFixture.symbol, side: side, grossUSD: grossUSD, leverage: 1, strategy: "trend")
        let signal = StrategySignal(symbol: SimFixture.symbol, side: side, timeMs: SimFixture.startMs, referencePrice: 100, conviction: 1,
                                    stopPrice: stop, takeProfitPrice: takeProfit, sizeNavPct: 1, reason: "test", strategy: "trend", regime: .chop)
        let detail = RiskDetail(navUSD: 10_000, navAgeSeconds: 0, navFresh: true, regime: .chop, regimeMultiplier: 1, riskReducing: false,
                                checks: [])
        return RiskVerdict(envelope: IntentEnvelope(id: "trend-\(side.rawValue)", intent: intent, signal: signal, createdAtMs: SimFixture.startMs),
                           sizing: SizingDecision(desiredUSD: grossUSD, grossUSD: grossUSD, bindingCap: nil),
                           decision: RiskDecision(vetoes: [], detail: detail), decidedAtMs: SimFixture.startMs)
    }

    @Test("placed on the leg after the entry fills, placed again after a cancel behind the router's back, and the take-profit canceled when the stop fills")
    func protectiveOrdersOverSockets() async throws {
        // After the five warm-up bars: the entry fills on a flat bar, then the market falls through the stop.
        try await BinanceAdapterLoopbackTests.Harness.with(closes: [100, 101, 102, 101, 100, 100, 100, 94]) { harness in
            let client = harness.client
            let clock = ManualClock()
            let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
            let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: try MeshFixture.config(strategiesEnabled: false).flags))
            let router = RouterActor(exchange: client, telemetry: telemetry, time: MeshFixture.meshClock(clock), logger: quiet)
            let trades = LockedValue<[ClosedTrade]>([])
            await router.onClosedTrade { trade in trades.withLock { $0.append(trade) } }
            let universe = PairsUniverse(symbols: [SimFixture.symbol: UniverseSymbol(tier: .t1, cluster: "test")])
            await router.configurePolicies(RouterPolicyConfig(tiers: [.t1: .init(makerFirst: false)]), universe: universe)
            await router.updateFilters(try await client.exchangeInfo())
            await router.updateBook(try await client.bookTicker(symbol: SimFixture.symbol), for: SimFixture.symbol)

            await router.submit(Self.verdict(.buy, grossUSD: 500, stop: 95.04, takeProfit: 110.06))
            try await harness.replay.step()  // the market entry fills
            await router.resync()
            let open = try await client.openOrders(symbol: SimFixture.symbol).sorted { $0.type.rawValue < $1.type.rawValue }
            #expect(open.map(\.type) == [.stopMarket, .takeProfitMarket], "\(open)")
            #expect(open.allSatisfy { $0.side == .sell && $0.positionSide == .long })
            let held = try #require(try await client.positions().first { $0.symbol == SimFixture.symbol && $0.side == .long })
            #expect(open.allSatisfy { $0.quantity == held.quantity }, "each closes the whole leg")
            #expect(Set(await router.protectiveOrderIds()) == Set(open.map(\.clientOrderId)))

            // Someone cancels both on the venue; after the next resync and the retry window they are back.
            for order in open { _ = try await client.cancelOrder(symbol: SimFixture.symbol, clientOrderId: order.clientOrderId) }
            await router.resync()
            #expect(await router.protectiveOrderIds().isEmpty)
            clock.advance(by: .seconds(30))
            await router.checkTimeouts()
            let again = try await client.openOrders(symbol: SimFixture.symbol)
            #expect(again.map(\.type).sorted { $0.rawValue < $1.rawValue } == [.stopMarket, .takeProfitMarket])
            #expect(Set(again.map(\.clientOrderId)).isDisjoint(with: open.map(\.clientOrderId)), "new orders, new ids")

            // The next bar falls through the stop: the leg closes as `stop`, nothing stays working.
            try await harness.replay.step()
            try await harness.replay.step()
            await router.resync()
            #expect(trades.value.map(\.exitReason) == ["stop"])
            #expect(try await client.openOrders(symbol: SimFixture.symbol).isEmpty)
            #expect(await router.protectiveOrderIds().isEmpty)
            #expect(try await client.positions().first { $0.symbol == SimFixture.symbol && $0.side == .long && $0.quantity > 0 } == nil)
        }
    }
}
