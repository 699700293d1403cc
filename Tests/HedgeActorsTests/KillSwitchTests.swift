import Foundation
@testable import HedgeActors
import HedgeCore
import HedgeStore
import HedgeTestKit
import Testing

@Suite("Kill switch: from the store and from its file, within a second", .serialized)
struct KillSwitchTests {
    static func signal() -> StrategySignal {
        StrategySignal(symbol: "ETHUSDT", side: .buy, timeMs: MeshFixture.epochMs, referencePrice: 1_800, conviction: 1, stopPrice: nil,
                       takeProfitPrice: nil, sizeNavPct: 1, reason: "test", strategy: "trend", regime: .chop)
    }

    @Test("`hedge kill on` (a change in the store) and the file each engage it within a second of the clock; off releases it")
    func pickedUpWithinASecond() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-kill-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = "\(directory)/KILL_SWITCH"
        let clock = ManualClock()
        let config = try MeshFixture.config(strategiesEnabled: false)
        let fixture = try await MeshFixture.withStore(directory: directory, clock: clock, exchange: MeshFixture.venue(config: config, clock: clock),
                                                      strategiesEnabled: false) { $0.riskLimits.global.killSwitchFile = file }
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let run = Task { try await runtime.run(until: shutdown) }
        let jobs = runtime.periodicJobCount
        await clock.waitForSleepers(jobs)
        let risk = runtime.mesh.risk
        func vetoes() async -> [VetoCode] {
            let verdicts = await risk.process(signal: Self.signal())
            // Nothing is sent here: an approved entry is settled at once, so the leg stays free.
            for verdict in verdicts { await risk.apply(.settled(intentId: verdict.envelope.id)) }
            return verdicts.last?.decision.vetoes ?? []
        }
        func second() async {
            clock.advance(by: .seconds(1))
            await clock.waitForSleepers(jobs)
        }
        #expect(await !vetoes().contains(.killSwitch))

        // Another process (the CLI) writes the change into the store.
        let cli = try SQLiteTradingStore(path: "\(directory)/hedge.sqlite")
        try await cli.recordKillSwitch(KillSwitchChange(timeMs: MeshFixture.epochMs, engaged: true, reason: "maintenance", source: "cli"))
        await second()
        #expect(await vetoes().contains(.killSwitch))
        try await cli.recordKillSwitch(KillSwitchChange(timeMs: MeshFixture.epochMs + 1, engaged: false, reason: "done", source: "cli"))
        await second()
        #expect(await !vetoes().contains(.killSwitch))

        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        await second()
        #expect(await vetoes().contains(.killSwitch))
        try FileManager.default.removeItem(atPath: file)
        await second()
        #expect(await !vetoes().contains(.killSwitch))
        trigger.yield()
        _ = try await run.value
    }

    @Test("the kill switch is kept across restarts: a daemon started after `kill on` vetoes entries from its first decision")
    func keptAcrossRestarts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-kill-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try SQLiteTradingStore(path: "\(directory)/hedge.sqlite")
            try await store.recordKillSwitch(KillSwitchChange(timeMs: 1, engaged: true, reason: "incident", source: "cli"))
        }
        let clock = ManualClock()
        let config = try MeshFixture.config(strategiesEnabled: false)
        let fixture = try await MeshFixture.withStore(directory: directory, clock: clock, exchange: MeshFixture.venue(config: config, clock: clock),
                                                      strategiesEnabled: false)
        // Restored before anything runs: no second passes.
        await fixture.runtime.mesh.restore(from: try #require(fixture.runtime.persistence?.snapshot))
        #expect(await fixture.runtime.mesh.risk.process(signal: Self.signal()).last?.decision.vetoes.contains(.killSwitch) == true)
    }
}
