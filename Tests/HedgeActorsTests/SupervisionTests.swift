import Foundation
@testable import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Synchronization
import Testing

/// A venue whose first `failures` market subscriptions fail at once, as a dropped feed would.
private final class FailingMarketVenue: ForwardingExchangeClient {
    let base: any ExchangeClient
    private let failuresLeft: Mutex<Int>

    init(_ base: any ExchangeClient, failures: Int) {
        self.base = base
        failuresLeft = Mutex(failures)
    }

    func marketEvents(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error> {
        let fail = failuresLeft.withLock { left in
            defer { left = max(0, left - 1) }
            return left > 0
        }
        guard fail else { return base.marketEvents(symbols: symbols) }
        return AsyncThrowingStream { $0.finish(throwing: ExchangeError.transport("market stream dropped")) }
    }
}

@Suite("Supervision: a failing stream never stops the jobs", .serialized)
struct SupervisionTests {
    @Test("a market stream that fails twice is resubscribed after 0.5 s then 1 s, counted; the jobs keep running; bars flow after")
    func failingMarketStreamIsRestarted() async throws {
        let fixture = try MeshFixture(strategiesEnabled: false, wrap: { FailingMarketVenue($0, failures: 2) })
        let runtime = fixture.runtime
        let jobs = runtime.periodicJobCount
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let run = Task { try await runtime.run(until: shutdown) }
        // Every job asleep on its interval, and the supervisor in its first backoff.
        await fixture.clock.waitForSleepers(jobs + 1)
        #expect(fixture.clock.hasSleeper(until: .milliseconds(500)))
        #expect(runtime.restarts.snapshot == ["market_stream": 1])
        fixture.clock.advance(by: .milliseconds(500))
        await fixture.clock.waitForSleepers(jobs + 1)
        #expect(fixture.clock.hasSleeper(until: .milliseconds(1500)), "the second pause doubles")
        #expect(runtime.restarts.snapshot == ["market_stream": 2])
        fixture.clock.advance(by: .seconds(1))
        while fixture.exchange.marketSubscriberCount == 0 { await Task.yield() }

        // The third subscription holds: bars reach the strategies again.
        let data = try MarketDataSet.open(path: "\(MeshFixture.repositoryRoot)/data/demo/1m", symbols: ["BTCUSDT"])
        let replay = try SimReplay(exchange: fixture.exchange, dataSet: data)
        _ = try await replay.step()
        while await runtime.barsProcessed() == 0 { await Task.yield() }

        // The jobs never stopped: advancing past the NAV interval runs the NAV job again.
        let navRuns = await runtime.mesh.jobs.entries["nav"]?.runs ?? 0
        fixture.clock.advance(by: fixture.config.runtime.intervals.nav)
        while (await runtime.mesh.jobs.entries["nav"]?.runs ?? 0) == navRuns { await Task.yield() }
        trigger.yield()
        let report = try await run.value
        #expect(report.exitCode == 0)
    }
}
