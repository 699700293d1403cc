import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Testing

@Suite("Risk actor")
struct RiskActorTests {
    static func signal(_ side: Side = .buy) -> StrategySignal {
        StrategySignal(symbol: "BTCUSDT", side: side, timeMs: 0, referencePrice: 95_000, conviction: 1, stopPrice: nil,
                       takeProfitPrice: nil, sizeNavPct: 1, reason: "test", strategy: "trend", regime: .chop)
    }

    static func makeActor(killSwitchFile: String, clock: ManualClock) throws -> RiskActor {
        var config = try HedgeConfig.load(directory: "\(MeshFixture.repositoryRoot)/config", environment: [:])
        config.riskLimits.global.killSwitchFile = killSwitchFile
        let time = MeshClock(clock: clock, nowMs: { MeshFixture.epochMs + clock.now.offset.wholeMilliseconds })
        let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
        return RiskActor(limits: config.riskLimits, universe: config.universe, telemetry: telemetry, time: time)
    }

    @Test("the kill switch vetoes new risk, set by the operator or by its file, and clears again; reductions still pass")
    func killSwitch() async throws {
        let risk = try Self.makeActor(killSwitchFile: "/nonexistent/kill", clock: ManualClock())
        let nav = NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0, availableUSD: 100_000,
                            sampledAtMs: MeshFixture.epochMs)
        await risk.updateAccount(nav: nav, positions: [])
        #expect(await risk.process(signal: Self.signal()).map(\.decision.vetoes) == [[]])
        await risk.setKillSwitch(operator: true, file: false)
        #expect(await risk.process(signal: Self.signal()).map(\.decision.vetoes) == [[.killSwitch]])
        await risk.setKillSwitch(operator: false, file: true)
        #expect(await risk.process(signal: Self.signal()).map(\.decision.vetoes) == [[.killSwitch]])
        #expect(await risk.snapshotPayload(symbol: nil).halts.contains("kill_switch"))
        await risk.setKillSwitch(operator: false, file: false)
        #expect(await risk.process(signal: Self.signal()).map(\.decision.vetoes) == [[]])
    }

    @Test("after the drain starts, signals yield no verdicts")
    func stopsAcceptingIntents() async throws {
        let risk = try Self.makeActor(killSwitchFile: "/nonexistent/kill", clock: ManualClock())
        await risk.stopAcceptingIntents()
        #expect(await risk.process(signal: Self.signal()).isEmpty)
    }
}
