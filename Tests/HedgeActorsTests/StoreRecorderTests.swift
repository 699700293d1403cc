import HedgeActors
import HedgeCore
import HedgeStore
import Logging
import Testing

@Suite("The store's write-behind writer")
struct StoreRecorderTests {
    static let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("whole-state writes are coalesced: only the newest risk counters queued are encoded and stored, after the records before them")
    func countersCoalesce() async throws {
        let directory = try PersistenceTestDirectory()
        defer { directory.remove() }
        let store = try SQLiteTradingStore(path: "\(directory.path)/hedge.sqlite")
        let recorder = StoreRecorder(store: store, journal: nil, gatherInterval: .zero, logger: Self.quiet)
        var older = RiskCounters(initialNavUSD: 100_000)
        older.recordEntry(atMs: 1_000)
        var newer = older
        newer.recordEntry(atMs: 2_000)
        newer.observe(navUSD: 101_000, atMs: 2_000)

        recorder.submit(.riskCounters(older, atMs: 1_000))
        recorder.submit(.navSample(runId: "r1", NavSample(navUSD: 100_500, walletUSD: 100_500, unrealizedPnlUSD: 0, marginUSD: 0,
                                                          availableUSD: 100_500, sampledAtMs: 1_500)))
        recorder.submit(.riskCounters(newer, atMs: 2_000))
        #expect(!recorder.isIdle)
        await recorder.drain()

        #expect(recorder.isIdle)
        let counts = recorder.counts
        #expect(counts.written == 2, "the NAV sample and one counters row, not \(counts.written) records")
        let snapshot = try await store.loadSnapshot(closedTradeLimit: 1, metricsLimit: 1, navLimit: 10)
        #expect(snapshot.riskCounters?.counters == newer)
        #expect(snapshot.riskCounters?.savedAtMs == 2_000)
    }

    @Test("a long backlog holds the newest counters back until the batch that empties the queue")
    func countersWaitForTheBacklog() async throws {
        let directory = try PersistenceTestDirectory()
        defer { directory.remove() }
        let store = try SQLiteTradingStore(path: "\(directory.path)/hedge.sqlite")
        let recorder = StoreRecorder(store: store, journal: nil, batchLimit: 2, gatherInterval: .zero, logger: Self.quiet)
        let counters = RiskCounters(initialNavUSD: 50_000)
        recorder.submit(.riskCounters(counters, atMs: 9_000))
        for second in 1...5 {
            recorder.submit(.navSample(runId: "r1", NavSample(navUSD: 50_000, walletUSD: 50_000, unrealizedPnlUSD: 0, marginUSD: 0,
                                                              availableUSD: 50_000, sampledAtMs: Int64(second) * 1_000)))
        }
        await recorder.drain()
        #expect(recorder.counts.written == 6)
        let snapshot = try await store.loadSnapshot(closedTradeLimit: 1, metricsLimit: 1, navLimit: 10)
        #expect(snapshot.riskCounters?.savedAtMs == 9_000)
    }
}
