import Foundation
@testable import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Testing

@Suite("Mesh: graceful drain", .serialized)
struct DrainTests {
    /// Steps bars until an order call is in flight at the venue (the place call is delayed).
    static func stepUntilOrderInFlight(_ fixture: MeshFixture, _ driver: ReplayDriver, maxBars: Int = 600) async throws -> Bool {
        let signal = fixture.runtime.mesh.signal
        let router = fixture.runtime.mesh.router
        for _ in 0..<maxBars {
            let before = await signal.barsProcessed
            guard try await driver.replay.step() != nil else { return false }
            while await signal.barsProcessed == before {
                if await router.callsInFlight > 0 { return true }
                await Task.yield()
            }
            fixture.clock.advance(by: .seconds(15))
            await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
        }
        return false
    }

    /// Advances the clock a second at a time, letting the mesh work in between, until `run` ends.
    static func driveUntilDone(_ fixture: MeshFixture, _ done: LockedValue<Bool>, maxSeconds: Int = 120) async -> Duration {
        let start = fixture.clock.now
        for _ in 0..<maxSeconds where !done.value {
            fixture.clock.advance(by: .seconds(1))
            for _ in 0..<2_000 where !done.value { await Task.yield() }
        }
        return start.duration(to: fixture.clock.now)
    }

    /// A running mesh whose place-order calls take `placeDelay` at the venue, stepped until one
    /// is in flight, then asked to shut down and driven until the run returns.
    static func drainWithOrderInFlight(placeDelay: Duration) async throws -> (MeshFixture, DrainReport, Duration) {
        let fixture = try MeshFixture(strategiesEnabled: true)
        await fixture.exchange.setFaults(SimFaults(delays: [.placeOrder: placeDelay]))
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let done = LockedValue(false)
        let run = Task {
            defer { done.withLock { $0 = true } }
            return try await runtime.run(until: shutdown)
        }
        await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
        let driver = try ReplayDriver(fixture)
        #expect(try await stepUntilOrderInFlight(fixture, driver), "no order was sent")
        trigger.yield()
        let elapsed = await driveUntilDone(fixture, done)
        return (fixture, try await run.value, elapsed)
    }

    static func everyLineParses(_ sink: InMemoryTelemetrySink) -> Bool {
        sink.snapshot.lines.values.joined().allSatisfy {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any]
        }
    }

    @Test("a drain with an order call in flight awaits it, cancels the order, flushes, and exits 0 within the deadline")
    func drainWithOrderInFlight() async throws {
        let (fixture, report, elapsed) = try await Self.drainWithOrderInFlight(placeDelay: .seconds(5))
        #expect(report.exitCode == 0)
        #expect(report.phase == .done)
        #expect(elapsed < fixture.config.runtime.drain.deadline)

        let lines = try jsonLines(fixture.sink, .ordersExecuted)
        let acked = lines.filter { $0["event"] as? String == "ACK" }.compactMap { $0["client_order_id"] as? String }
        #expect(!acked.isEmpty)
        for id in acked {
            let close = lines.last { $0["event"] as? String == "CLOSE" && $0["client_order_id"] as? String == id }
            let status = close?["status"] as? String
            #expect(["FILLED", "CANCELED", "EXPIRED", "REJECTED"].contains(status ?? ""), "\(id) did not end in a terminal state")
        }
        #expect(await fixture.runtime.mesh.router.workingOrderIds().isEmpty)
        #expect(Self.everyLineParses(fixture.sink))
        let snapshot = fixture.sink.snapshot
        #expect(Set(snapshot.states.keys) == Set(StateFileName.allCases))
        #expect(snapshot.closed)
    }

    @Test("past the deadline the drain is forced: non-zero exit, and it says what it abandoned")
    func forcedPastDeadline() async throws {
        let (fixture, report, elapsed) = try await Self.drainWithOrderInFlight(placeDelay: .seconds(600))
        #expect(report.phase == .forced)
        #expect(report.exitCode != 0)
        #expect(report.abandoned.contains("intake"))
        #expect(elapsed <= fixture.config.runtime.drain.deadline + .seconds(2))
    }

    @Test("a stalled telemetry writer never delays risk decisions; the queue flushes once the disk is back")
    func stalledTelemetry() async throws {
        let gate = TestGate()
        let fixture = try MeshFixture(strategiesEnabled: true, sinkGate: { await gate.wait() })
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let run = Task { try await runtime.run(until: shutdown) }
        await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
        // Every bar is fully decided (risk, orders) while not one telemetry write has landed.
        try await ReplayDriver(fixture).step(bars: 300)
        #expect(await runtime.mesh.risk.decisions > 0)
        #expect(await runtime.mesh.signal.barsProcessed == 300)
        #expect(fixture.sink.snapshot.stateWrites.isEmpty)
        await gate.open()
        trigger.yield()
        let report = try await run.value
        #expect(report.exitCode == 0)
        let snapshot = fixture.sink.snapshot
        #expect(!(snapshot.lines[.ordersExecuted] ?? []).isEmpty)
        #expect((snapshot.stateWrites[.nav] ?? 0) > 100)
    }
}

/// A latch: `wait()` suspends until `open()`.
actor TestGate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
