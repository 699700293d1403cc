import Foundation
@testable import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeStore
import HedgeTestKit
import Testing

/// A daemon killed at each step of an order's life, then started again on the same store, order
/// journal, venue and clock: no order is sent twice, the daemon's legs equal the venue's, the
/// risk counters are those it had, and nothing it recorded is lost.
@Suite("Restart: kill at any instant, start again", .serialized)
struct RestartTests {
    /// One daemon's life in a restart test: started, driven bar by bar, killed.
    struct Life {
        let fixture: MeshFixture
        /// The venue as this process sees it (severed when it is killed).
        let venue: TrapVenue
        let run: Task<DrainReport, any Error>
        let done: LockedValue<Bool>
        /// Kept so the shutdown stream stays open until the test ends the run.
        let keepRunning: AsyncStream<Void>.Continuation

        static func start(_ fixture: MeshFixture, venue: TrapVenue) async -> Life {
            let (shutdown, keepRunning) = AsyncStream.makeStream(of: Void.self)
            let runtime = fixture.runtime
            let done = LockedValue(false)
            let run = Task {
                defer { done.withLock { $0 = true } }
                return try await runtime.run(until: shutdown)
            }
            await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
            return Life(fixture: fixture, venue: venue, run: run, done: done, keepRunning: keepRunning)
        }

        /// Drives the clock until reconciliation completed (the reconcile job runs every 5 s).
        func reconcile() async throws {
            for _ in 0..<20 {
                if await !fixture.runtime.mesh.risk.isReconciliationPending { return }
                fixture.clock.advance(by: .seconds(5))
                await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
            }
            Issue.record("reconciliation never completed: \(await fixture.runtime.mesh.reconciler?.report.status ?? "none")")
        }

        /// Steps one bar and waits until the mesh acted on it, or until `stop` holds (a placement
        /// caught by a trap never lets its bar finish).
        func step(_ replay: SimReplay, stop: () -> Bool = { false }) async throws {
            let signal = fixture.runtime.mesh.signal
            let before = await signal.barsProcessed
            guard try await replay.step() != nil else { return }
            for _ in 0..<2_000_000 {
                if stop() { return }
                if await signal.barsProcessed > before { break }
                await Task.yield()
            }
            fixture.clock.advance(by: .seconds(15))
            await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
        }

        /// Kills the process: whatever the store and the venue received stays, nothing after this
        /// instant reaches either, and every task ends (the runtime's drain, cut off from both,
        /// runs into its deadline on the test's clock).
        func kill() async {
            fixture.store?.crash()
            venue.sever()
            run.cancel()
            for _ in 0..<120 where !done.value {
                fixture.clock.advance(by: .seconds(1))
                for _ in 0..<2_000 where !done.value { await Task.yield() }
            }
            _ = await run.result
            keepRunning.finish()
        }

        /// Waits until every record submitted so far is in the store (a kill right after a write).
        func settleStore() async {
            guard let recorder = fixture.runtime.persistence?.recorder else { return }
            for _ in 0..<2_000_000 where !recorder.isIdle { await Task.yield() }
        }
    }

    /// A scratch state directory, the venue both lives share, and its replay.
    struct World {
        let directory: String
        let clock = ManualClock()
        let sim: SimExchange
        let replay: SimReplay
        /// Each daemon's view of the venue, in the order they started.
        let views = LockedValue<[TrapVenue]>([])

        /// The venue as the latest daemon sees it (arm its traps).
        var venue: TrapVenue { views.value.last ?? TrapVenue(sim) }

        /// Placements that reached the venue, per client order id, over every daemon.
        var placements: [String: Int] {
            views.value.reduce(into: [:]) { total, view in total.merge(view.placements, uniquingKeysWith: +) }
        }

        init(participation: Double? = nil) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-restart-\(UUID().uuidString)").path
            let config = try MeshFixture.config(strategiesEnabled: true)
            sim = MeshFixture.venue(config: config, clock: clock, participation: participation)
            let data = try MarketDataSet.open(path: "\(MeshFixture.repositoryRoot)/data/demo/1m", symbols: ["BTCUSDT"])
            replay = try SimReplay(exchange: sim, dataSet: data)
        }

        func daemon(edit: @escaping (inout HedgeConfig) -> Void = { _ in }) async throws -> Life {
            let view = TrapVenue(sim)
            views.withLock { $0.append(view) }
            let fixture = try await MeshFixture.withStore(directory: directory, clock: clock, exchange: sim, wrapper: view, edit: edit)
            return await Life.start(fixture, venue: view)
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

        /// Runs a daemon until its next placement is stopped at `trap`, kills it there, and starts
        /// a second one on the same store and venue, reconciled. Returns the trapped order's id.
        func killAtTrap(_ trap: TrapVenue.Trap) async throws -> (String, Life) {
            let first = try await daemon()
            try await first.reconcile()
            venue.arm(trap)
            for _ in 0..<600 where venue.trapped == nil { try await first.step(replay) { venue.trapped != nil } }
            let id = try #require(venue.trapped, "no order was placed")
            await first.kill()
            let second = try await daemon()
            try await second.reconcile()
            return (id, second)
        }

        /// The daemon's legs against the venue's.
        func drift(_ life: Life) async throws -> [String] {
            let positions = try await sim.positions()
            let router = life.fixture.runtime.mesh.router
            var daemon: [String: Double] = [:]
            for leg in PositionSide.allCases { daemon["BTCUSDT \(leg.rawValue)"] = await router.filledQuantity(symbol: "BTCUSDT", leg: leg) }
            return SoakAudit.positionDrift(symbols: ["BTCUSDT"], venue: positions) { daemon["\($0) \($1.rawValue)"] ?? 0 }
        }
    }

    @Test("killed after the order was journaled, before the venue call: never sent, closed at restart, never re-sent")
    func killedBeforeTheVenueCall() async throws {
        let world = try World()
        defer { world.cleanUp() }
        let (id, second) = try await world.killAtTrap(.beforeSend)
        let report = try #require(await second.fixture.runtime.mesh.reconciler?.report)
        #expect(report.neverReached == [id])
        #expect(world.placements[id] == nil, "the order must never reach the venue")
        let stored = try #require(try await second.fixture.store?.order(clientOrderId: id), "the journal put the row in the store")
        #expect(stored.runId != second.fixture.runtime.persistence?.runId)
        for _ in 0..<5 { try await second.step(world.replay) }
        await second.settleStore()
        #expect(try await second.fixture.store?.order(clientOrderId: id)?.status == .rejected)
        #expect(world.placements.values.allSatisfy { $0 == 1 })
        #expect(try await world.drift(second).isEmpty)
        await second.kill()
    }

    @Test("killed after the venue took the order, before its answer: adopted at restart, followed to its fill, never re-sent")
    func killedAfterTheVenueTookIt() async throws {
        let world = try World()
        defer { world.cleanUp() }
        let (id, second) = try await world.killAtTrap(.afterSend)
        let report = try #require(await second.fixture.runtime.mesh.reconciler?.report)
        #expect(report.adopted == [id])
        for _ in 0..<10 { try await second.step(world.replay) }
        await second.settleStore()
        #expect(world.placements[id] == 1)
        #expect(world.placements.values.allSatisfy { $0 == 1 })
        #expect(try await world.drift(second).isEmpty)
        let order = try #require(try await second.fixture.store?.order(clientOrderId: id))
        let venueOrder = try await world.sim.queryOrder(symbol: "BTCUSDT", clientOrderId: id)
        #expect(order.status == venueOrder.status && order.filledQuantity == venueOrder.filledQuantity, "\(order.status) \(venueOrder.status)")
        await second.kill()
    }

    @Test("killed after a partial fill: the rest of the fill is applied once; fills, legs and counters agree with the venue")
    func killedAfterAPartialFill() async throws {
        // Bars trade ~1 000 BTC a minute in the demo data: 1e-5 of it fills an order in parts.
        let world = try World(participation: 0.000_01)
        defer { world.cleanUp() }
        // A book that thin fails every tier's depth filter: this test is about fills, not liquidity.
        let noLiquidityFilters: (inout HedgeConfig) -> Void = { $0.universe.filters = [:] }
        let first = try await world.daemon(edit: noLiquidityFilters)
        try await first.reconcile()
        let router = first.fixture.runtime.mesh.router
        var partial: String?
        for _ in 0..<800 where partial == nil {
            try await first.step(world.replay)
            for id in await router.workingOrderIds() where try await world.sim.queryOrder(symbol: "BTCUSDT", clientOrderId: id).status == .partiallyFilled {
                partial = id
            }
        }
        let maker = await router.healthPayload().maker, counts = await router.orderCounts()
        let id = try #require(partial, "no order filled in parts: \(maker) \(counts)")
        await first.settleStore()
        let countersBefore = await first.fixture.runtime.mesh.risk.snapshotPayload(symbol: nil).counters
        await first.kill()

        let held = try await world.sim.positions().filter { $0.quantity != 0 }
        let second = try await world.daemon(edit: noLiquidityFilters)
        try await second.reconcile()
        // The report names every leg the venue holds, which the daemon now holds too.
        let report = try #require(await second.fixture.runtime.mesh.reconciler?.report)
        #expect(!held.isEmpty)
        for position in held {
            #expect(report.positions.contains { $0.hasPrefix("\(position.symbol) \(position.side.rawValue) \(position.quantity.analyticsDouble)") },
                    "\(report.positions)")
        }
        let restored = await second.fixture.runtime.mesh.risk.snapshotPayload(symbol: nil).counters
        #expect(restored.tradesToday == countersBefore.tradesToday && restored.tradesLastHour == countersBefore.tradesLastHour)
        #expect(restored.dayStartNavUSD == countersBefore.dayStartNavUSD && restored.peakNavUSD >= countersBefore.peakNavUSD)
        for _ in 0..<200 where try await world.sim.queryOrder(symbol: "BTCUSDT", clientOrderId: id).status != .filled {
            try await second.step(world.replay)
        }
        try await second.step(world.replay)
        await second.settleStore()
        let venueOrder = try await world.sim.queryOrder(symbol: "BTCUSDT", clientOrderId: id)
        #expect(venueOrder.status == .filled)
        let fills = try #require(try await second.fixture.store?.fills(AuditFilter(symbol: "BTCUSDT"))).filter { $0.clientOrderId == id }
        let venueTrades = try await world.sim.userTrades(symbol: "BTCUSDT", sinceMs: 0).map { "\($0.tradeId) \($0.orderId) \($0.quantity)" }
        #expect(fills.reduce(Decimal(0)) { $0 + $1.quantity } == venueOrder.filledQuantity,
                "every part recorded once: \(fills.map { "\($0.tradeId) \($0.quantity) \($0.runId)" }) venue trades \(venueTrades)")
        #expect(Set(fills.map(\.tradeId)).count == fills.count)
        #expect(world.placements.values.allSatisfy { $0 == 1 })
        let drift = try await world.drift(second)
        #expect(drift.isEmpty, "\(drift)")
        await second.kill()
    }

    @Test("a daily stop hit before a kill still holds after the restart: new entries are vetoed daily_loss_stop")
    func dailyStopSurvives() async throws {
        let world = try World()
        defer { world.cleanUp() }
        // A stop so tight that the first fees hit it.
        let tight: (inout HedgeConfig) -> Void = { $0.riskLimits.global.dailyLossStopPct = 0.000_1 }
        let first = try await world.daemon(edit: tight)
        try await first.reconcile()
        for _ in 0..<600 where await !first.fixture.runtime.mesh.risk.snapshotPayload(symbol: nil).halts.contains("daily_loss_stop") {
            try await first.step(world.replay)
        }
        #expect(await first.fixture.runtime.mesh.risk.snapshotPayload(symbol: nil).halts.contains("daily_loss_stop"))
        await first.settleStore()
        await first.kill()

        let second = try await world.daemon(edit: tight)
        try await second.reconcile()
        // The first NAV of the new run is judged against the saved day start: the stop holds.
        let halts = await second.fixture.runtime.mesh.risk.snapshotPayload(symbol: nil).halts
        #expect(halts.contains("daily_loss_stop"), "\(halts)")
        // A new entry (a symbol with no position), at the NAV the venue had when the process died,
        // is refused for that reason.
        let signal = StrategySignal(symbol: "ETHUSDT", side: .buy, timeMs: MeshFixture.epochMs, referencePrice: 1_800, conviction: 1,
                                    stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 1, reason: "test", strategy: "trend", regime: .chop)
        let verdicts = await second.fixture.runtime.mesh.risk.process(signal: signal)
        #expect(verdicts.last?.decision.vetoes.contains(.dailyLossStop) == true, "\(verdicts.map(\.decision.vetoes))")
        await second.kill()
    }

    @Test("expectancy and scores after a restart equal those before it: the intel ledger comes back from the store")
    func learningSurvives() async throws {
        let world = try World()
        defer { world.cleanUp() }
        let trades: [ClosedTrade] = (0..<12).map { index in
            let entryMs = MeshFixture.epochMs + Int64(index) * 3_600_000
            let exitPrice = 95_000 + Double(index * 10 - 50)
            return ClosedTrade(symbol: "BTCUSDT", side: index % 2 == 0 ? .long : .short, entryTimeMs: entryMs, exitTimeMs: entryMs + 1_800_000,
                               entryPrice: 95_000, exitPrice: exitPrice, quantity: 0.1, pnlUSD: Double(index - 5), feesUSD: 0.8,
                               rMultiple: 0.1, regime: .chop, strategy: "trend", exitReason: "signal")
        }
        do {
            let store = try SQLiteTradingStore(path: "\(world.directory)/hedge.sqlite")
            _ = try await store.apply(trades.map { StoreWrite.closedTrade(runId: "earlier", $0) })
        }
        let life = try await world.daemon()
        // The intel job ran at start; its file is written by the telemetry actor.
        for _ in 0..<2_000_000 where life.fixture.sink.stateWriteCount(.expectancy) == 0 { await Task.yield() }
        let expected = try JSONOutput.encode(TradeLedger(trades: trades).expectancy(), pretty: false)
        guard case .object(var fields)? = life.fixture.sink.snapshot.states[.expectancy] else {
            Issue.record("no expectancy file")
            return
        }
        // Every bucket is still in warm-up: the gate blocks nothing.
        #expect(fields["gate_blocked"] == .array([]))
        for key in StateFile.envelopeKeys.union(["enabled", "gate_blocked"]) { fields[key] = nil }
        let written = try JSONDecoder().decode(JSONValue.self, from: Data(expected.utf8))
        #expect(JSONValue.object(fields) == written)
        await life.kill()
    }
}
