import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Synchronization
import Testing

/// A venue whose liquidity readings the test sets (everything else from the sim).
private final class ScriptedLiquidityVenue: ForwardingExchangeClient {
    let base: any ExchangeClient
    let volume = Mutex<[String: Double]>([:])
    let spreadTicks = Mutex(1)
    let depthQuantity = Mutex<Decimal>(10)

    init(_ base: any ExchangeClient) { self.base = base }

    func quoteVolume24h(symbol: String) async throws(ExchangeError) -> Double {
        guard let value = volume.withLock({ $0[symbol] }) else { throw .unknownSymbol(symbol) }
        return value
    }

    func bookTicker(symbol: String) async throws(ExchangeError) -> BookTop {
        let ticks = Decimal(spreadTicks.withLock { $0 })
        return BookTop(bidPrice: 100, bidQuantity: 10, askPrice: 100 + ticks / 100, askQuantity: 10)
    }

    func depth(symbol: String, limit: Int) async throws(ExchangeError) -> OrderBookDepth {
        let quantity = depthQuantity.withLock { $0 }
        return OrderBookDepth(bids: [PriceLevel(price: 100, quantity: quantity), PriceLevel(price: 99, quantity: 1_000_000)],
                              asks: [PriceLevel(price: 100.01, quantity: quantity)])
    }
}

@Suite("Universe: tier liquidity filters from venue data")
struct UniverseLiquidityTests {
    static let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("a symbol below its tier's volume, spread or depth bound takes no entries (reductions still go), with the bounds in universe.json; liquid again, it trades again")
    func illiquidSymbolIsNotTradable() async throws {
        let clock = ManualClock()
        let config = try MeshFixture.config(strategiesEnabled: true)
        let venue = ScriptedLiquidityVenue(MeshFixture.venue(config: config, clock: clock))
        // T2 (SOLUSDT): 50 M USD a day, 15 bps, 50 000 USD within ±20 bps. T1 (BTC, ETH): 500 M, 5 bps, 250 000.
        venue.volume.withLock { $0 = ["BTCUSDT": 9e9, "ETHUSDT": 9e9, "SOLUSDT": 49e6] }
        venue.depthQuantity.withLock { $0 = 5_000 }  // 500 000 USD each side at the touch
        let universe = UniverseActor(exchange: venue, universe: config.universe, logger: Self.quiet)
        await universe.refresh(nowMs: MeshFixture.epochMs)

        let rows = await universe.payload().symbols
        let sol = try #require(rows.first { $0.symbol == "SOLUSDT" })
        #expect(!sol.tradable)
        #expect(sol.reason == "liquidity below the T2 filter: 24h quote volume 49000000 USD < 50000000", "\(String(describing: sol.reason))")
        #expect(sol.liquidity?.quoteVolume24hUSD == 49e6)
        let btc = try #require(rows.first { $0.symbol == "BTCUSDT" })
        #expect(btc.tradable && btc.reason == nil)
        #expect(abs((btc.liquidity?.spreadBps ?? 0) - 1) < 0.01, "one cent on 100.005")
        #expect(btc.liquidity?.depthUSD == 500_000, "the level 1 % away is not depth")

        // Risk: no entry on SOL, its reduction still passes.
        let time = MeshFixture.meshClock(clock)
        let risk = RiskActor(limits: config.riskLimits, universe: config.universe,
                             telemetry: TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags)), time: time, logger: Self.quiet)
        await risk.updateUniverse(await universe.effectiveUniverse)
        let sample = NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0, availableUSD: 100_000,
                               sampledAtMs: MeshFixture.epochMs)
        let held = VenuePosition(symbol: "SOLUSDT", side: .long, quantity: 5, entryPrice: 100, markPrice: 100, unrealizedPnlUSD: 0, leverage: 1)
        await risk.updateAccount(nav: NavReading(sample, monotonicMs: time.monotonicMs()), positions: [held])
        func signal(_ side: Side) -> StrategySignal {
            StrategySignal(symbol: "SOLUSDT", side: side, timeMs: MeshFixture.epochMs, referencePrice: 100, conviction: 1,
                           stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 1, reason: "test", strategy: "trend", regime: .chop)
        }
        let entryVerdicts = await risk.process(signal: signal(.buy))
        #expect(entryVerdicts.isEmpty, "the long is held: no pyramiding")
        let flip = await risk.process(signal: signal(.sell))
        #expect(flip.map(\.envelope.intent.reduceOnly) == [true, false])
        #expect(flip.first?.decision.allowed == true, "the reduction of the held long goes")
        #expect(flip.last?.decision.vetoes.contains(.symbolNotTradable) == true, "no new short on an illiquid symbol")

        // A wide spread fails a T1 symbol; SOL's volume recovers.
        venue.volume.withLock { $0["SOLUSDT"] = 60e6 }
        venue.spreadTicks.withLock { $0 = 10 }  // 10 bps: past T1's 5, inside T2's 15
        await universe.refresh(nowMs: MeshFixture.epochMs + 300_000)
        let after = await universe.payload().symbols
        #expect(after.first { $0.symbol == "SOLUSDT" }?.tradable == true)
        #expect(after.first { $0.symbol == "BTCUSDT" }?.reason?.contains("spread 10.00 bps > 5.00") == true)
        #expect(await universe.effectiveUniverse.tradable("SOLUSDT") != nil)
        #expect(await universe.effectiveUniverse.tradable("BTCUSDT") == nil)
    }
}
