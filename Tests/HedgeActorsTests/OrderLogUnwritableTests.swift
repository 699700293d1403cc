import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeStore
import HedgeTestKit
import Logging
import Synchronization
import Testing

/// Counts the orders that reach the venue (none should, here).
private final class CountingExchange: ForwardingExchangeClient {
    let base: any ExchangeClient = SimExchange()
    let placed = Mutex(0)

    func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        placed.withLock { $0 += 1 }
        return try await base.placeOrder(request)
    }
}

@Suite("No trading without an audit trail")
struct OrderLogUnwritableTests {
    static func signal() -> StrategySignal {
        StrategySignal(symbol: "BTCUSDT", side: .buy, timeMs: MeshFixture.epochMs, referencePrice: 95_000, conviction: 1,
                       stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 0.5, reason: "test", strategy: "trend", regime: .chop)
    }

    @Test("an order whose journal write fails (/dev/full) is not sent; entries are vetoed order_log_unwritable for 30 s, then try again")
    func journalFailureStopsEntries() async throws {
        let directory = try PersistenceTestDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let time = MeshFixture.meshClock(clock)
        let config = try MeshFixture.config(strategiesEnabled: true)
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
        let risk = RiskActor(limits: config.riskLimits, universe: config.universe, telemetry: telemetry, time: time, logger: quiet)
        await risk.updateAccount(nav: NavReading(NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0,
                                                           availableUSD: 100_000, sampledAtMs: MeshFixture.epochMs),
                                                 monotonicMs: time.monotonicMs()),
                                 positions: [])
        // Every write to /dev/full fails with ENOSPC: a full disk under the journal.
        let journal = try OrderJournal(path: "/dev/full")
        let store = try SQLiteTradingStore(path: "\(directory.path)/hedge.sqlite")
        let recording = OrderRecording(runId: "r1", journal: journal, recorder: StoreRecorder(store: store, journal: journal, logger: quiet))
        let venue = CountingExchange()
        let router = RouterActor(exchange: venue, telemetry: telemetry, time: time, recording: recording, logger: quiet)
        await router.onOrderLog { written in await risk.orderLog(written: written) }
        let feed = ExposureFeed()
        await router.reportExposure(to: feed)
        await risk.follow(feed)
        await router.updateFilters(["BTCUSDT": try #require(VenueFilters.simDefault(symbol: "BTCUSDT", referencePrice: 95_000))])
        await router.updateBook(BookTop(bidPrice: 94_999.9, bidQuantity: 5, askPrice: 95_000, askQuantity: 5), for: "BTCUSDT")

        let first = try #require(await risk.process(signal: Self.signal()).first)
        #expect(first.decision.allowed, "vetoes: \(first.decision.vetoes)")
        await router.submit(first)
        #expect(venue.placed.withLock { $0 } == 0)
        #expect(await router.healthPayload().orderLogFailures == 1)

        let blocked = try #require(await risk.process(signal: Self.signal()).first)
        #expect(blocked.decision.vetoes == [.orderLogUnwritable])
        #expect(await risk.snapshotPayload(symbol: nil).halts == ["order_log_unwritable"])

        clock.advance(by: .seconds(31))
        let retry = try #require(await risk.process(signal: Self.signal()).first)
        #expect(retry.decision.allowed, "after 30 s an entry may try the journal again")
        await router.submit(retry)
        #expect(venue.placed.withLock { $0 } == 0)
        #expect(await router.healthPayload().orderLogFailures == 2)
        #expect(await risk.process(signal: Self.signal()).first?.decision.vetoes == [.orderLogUnwritable])

        // A successful journal write (a reduction's, say) lifts the veto at once.
        await risk.orderLog(written: true)
        #expect(await risk.process(signal: Self.signal()).first?.decision.allowed == true)
    }
}
