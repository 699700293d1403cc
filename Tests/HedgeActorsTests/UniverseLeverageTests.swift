import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Testing

/// Leverage from config is set on the venue at start, read back, carried by intents and checked
/// by `checkOrder`; a symbol whose leverage could not be set takes no entries (issue 13, leverage).
@Suite("Universe: leverage set on the venue")
struct UniverseLeverageTests {
    static let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("the configured leverage is set on the venue and intents carry the venue's answer; max_leverage checks it")
    func leverageIsSetAndCarried() async throws {
        let clock = ManualClock()
        var config = try MeshFixture.config(strategiesEnabled: true)
        config.universe.symbols["BTCUSDT"]?.leverage = 3
        let venue = MeshFixture.venue(config: config, clock: clock)
        let universe = UniverseActor(exchange: venue, universe: config.universe, logger: Self.quiet)
        await universe.refresh(nowMs: MeshFixture.epochMs)
        #expect(await universe.venueLeverage["BTCUSDT"] == 3)
        #expect(await venue.leverage(symbol: "BTCUSDT") == 3)
        #expect(await venue.leverage(symbol: "ETHUSDT") == 1)
        let row = try #require(await universe.payload().symbols.first { $0.symbol == "BTCUSDT" })
        #expect(row.leverage == 3 && row.tradable && row.reason == nil)

        let time = MeshFixture.meshClock(clock)
        var limits = config.riskLimits
        limits.perSymbol["BTCUSDT"]?.maxLeverage = 2
        let risk = RiskActor(limits: limits, universe: config.universe,
                             telemetry: TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags)), time: time, logger: Self.quiet)
        await risk.updateUniverse(await universe.effectiveUniverse)
        let sample = NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0, availableUSD: 100_000,
                               sampledAtMs: MeshFixture.epochMs)
        await risk.updateAccount(nav: NavReading(sample, monotonicMs: time.monotonicMs()), positions: [])
        let signal = StrategySignal(symbol: "BTCUSDT", side: .buy, timeMs: MeshFixture.epochMs, referencePrice: 95_000, conviction: 1,
                                    stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 1, reason: "test", strategy: "trend", regime: .chop)
        let verdict = try #require(await risk.process(signal: signal).first)
        #expect(verdict.envelope.intent.leverage == 3)
        #expect(verdict.decision.vetoes == [.maxLeverage], "the venue's 3x is past this symbol's max_leverage 2")
    }

    @Test("a symbol whose leverage the venue refuses is not tradable for entries, with the reason; a later refresh retries")
    func refusedLeverageMakesTheSymbolNotTradable() async throws {
        let clock = ManualClock()
        let config = try MeshFixture.config(strategiesEnabled: true)
        let venue = MeshFixture.venue(config: config, clock: clock)
        await venue.setFaults(SimFaults(failures: [.setLeverage: .init(count: 1, error: .orderRejected(code: -4028, reason: "Leverage 1 is not valid"))]))
        let universe = UniverseActor(exchange: venue, universe: config.universe, logger: Self.quiet)
        await universe.refresh(nowMs: MeshFixture.epochMs)
        let refused = await universe.payload().symbols.filter { $0.reason != nil }
        #expect(refused.count == 1)
        let symbol = try #require(refused.first?.symbol)
        #expect(refused.first?.tradable == false)
        #expect(refused.first?.reason?.contains("leverage 1 not set") == true, "\(String(describing: refused.first?.reason))")
        #expect(await universe.effectiveUniverse.tradable(symbol) == nil)
        await universe.refresh(nowMs: MeshFixture.epochMs + 60_000)
        #expect(await universe.effectiveUniverse.tradable(symbol) != nil)
        #expect(await universe.payload().symbols.allSatisfy { $0.reason == nil })
    }
}
