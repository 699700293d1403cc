import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Synchronization
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
        await risk.updateAccount(nav: NavReading(nav, monotonicMs: 0), positions: [])
        let first = await risk.process(signal: Self.signal())
        #expect(first.map(\.decision.vetoes) == [[]])
        // Its order finished unfilled: the leg is free for the next entry.
        for verdict in first { await risk.apply(.settled(intentId: verdict.envelope.id)) }
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

    @Test("NAV ages on the monotonic clock: a wall clock stepped back an hour neither makes it fresh again nor its age negative")
    func navAgeIgnoresWallClockSteps() async throws {
        var config = try HedgeConfig.load(directory: "\(MeshFixture.repositoryRoot)/config", environment: [:])
        config.riskLimits.global.killSwitchFile = "/nonexistent/kill"
        let clock = ManualClock()
        let wall = Mutex(MeshFixture.epochMs)
        let time = MeshClock(clock: clock, nowMs: { wall.withLock { $0 } })
        let risk = RiskActor(limits: config.riskLimits, universe: config.universe,
                             telemetry: TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags)), time: time)
        let sample = NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0, availableUSD: 100_000,
                               sampledAtMs: MeshFixture.epochMs)
        await risk.updateAccount(nav: NavReading(sample, monotonicMs: time.monotonicMs()), positions: [])

        // 60 s pass and the wall clock is stepped back an hour: by wall time the sample is from the future.
        clock.advance(by: .seconds(60))
        wall.withLock { $0 = MeshFixture.epochMs + 60_000 - 3_600_000 }
        let early = await risk.snapshotPayload(symbol: nil)
        #expect(early.state.navAgeSeconds == 60)
        #expect(early.navFresh)

        // Past nav_max_age_s (90 s) on the monotonic clock the NAV is stale, whatever the wall says.
        clock.advance(by: .seconds(31))
        let late = await risk.snapshotPayload(symbol: nil)
        #expect(late.state.navAgeSeconds == 91)
        #expect(!late.navFresh)
        #expect(await risk.process(signal: Self.signal()).map(\.decision.vetoes).first?.contains(.navStale) == true)
    }
}
