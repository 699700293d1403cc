import Foundation
import HedgeCore
@testable import HedgeStore
import Testing

@Suite("Store: what is written comes back")
struct StoreRoundTripTests {
    @Test("an order, then its progress, events and fills, read back as they were; a trade id is recorded once")
    func orderLife() async throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.open()
        try await store.startRun(StoreFixture.run("r1"))
        _ = try await store.apply([.order(StoreFixture.order("hm-r1-1"))])
        #expect(try await store.order(clientOrderId: "hm-r1-1")?.state == "submitted")
        let refused = try await store.apply([
            .orderEvent(StoredOrderEvent(clientOrderId: "hm-r1-1", kind: "ACK", status: "NEW", timeMs: 1_100)),
            .orderProgress(StoredOrderProgress(clientOrderId: "hm-r1-1", venueOrderId: "77", state: "working", status: .partiallyFilled,
                                               filledQuantity: Decimal(string: "0.011") ?? 0, filledQuote: Decimal(string: "1040.06") ?? 0,
                                               updatedAtMs: 1_200, reason: nil)),
            .fill(StoreFixture.fill("t-1", quantity: "0.011")),
            .fill(StoreFixture.fill("t-1", quantity: "0.011")),
            .orderEvent(StoredOrderEvent(clientOrderId: "hm-r1-1", kind: "FILL", status: "PARTIALLY_FILLED", timeMs: 1_200, detail: "0.011@94551.2")),
        ])
        #expect(refused.isEmpty)
        let order = try #require(try await store.order(clientOrderId: "hm-r1-1"))
        #expect(order.venueOrderId == "77" && order.status == .partiallyFilled && order.filledQuantity == Decimal(string: "0.011"))
        #expect(order.price == Decimal(string: "94551.2") && order.timeInForce == "GTX" && order.positionSide == .long)
        #expect(try await store.fills(AuditFilter()).map(\.tradeId) == ["t-1"])
        #expect(try await store.hasFill(symbol: "BTCUSDT", tradeId: "t-1"))
        #expect(try await store.orderEvents(clientOrderId: "hm-r1-1").map(\.kind) == ["ACK", "FILL"])
        let snapshot = try await store.loadSnapshot(closedTradeLimit: 100, metricsLimit: 100, navLimit: 100)
        #expect(snapshot.unfinishedOrders.map(\.clientOrderId) == ["hm-r1-1"])
        #expect(snapshot.latestFillMs == 2_000)
    }

    @Test("an order row applied again (the journal replayed after a restart) is kept once, as first written")
    func orderRowsAreIdempotent() async throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.open()
        _ = try await store.apply([.order(StoreFixture.order("hm-r1-1"))])
        var replayed = StoreFixture.order("hm-r1-1")
        replayed.symbol = "ETHUSDT"
        #expect(try await store.apply([.order(replayed)]).isEmpty)
        #expect(try await store.orders(AuditFilter()).map(\.symbol) == ["BTCUSDT"])
    }

    @Test("a run id is never recorded twice, and the latest start is known (a backwards clock must not reuse one)")
    func runIdsAreUnique() async throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.open()
        try await store.startRun(StoreFixture.run("r1", startedAtMs: 500))
        await #expect(throws: StoreError.duplicateRunId(path: fixture.path, runId: "r1")) {
            try await store.startRun(StoreFixture.run("r1", startedAtMs: 400))
        }
        #expect(try await store.latestRunStartMs() == 500)
        try await store.finishRun(runId: "r1", endedAtMs: 900, exitStatus: "clean", exitCode: 0)
        let runs = try await store.runs(AuditFilter())
        #expect(runs.count == 1 && runs.first?.exitStatus == "clean" && runs.first?.flags == ["INTEL_V6_ENABLED": true])
    }

    @Test("risk counters, open legs, closed trades, metrics, NAV and the kill switch come back after reopening the file")
    func stateSurvivesReopening() async throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        var counters = RiskCounters(initialNavUSD: 100_000)
        counters.observe(navUSD: 100_000, atMs: 1_746_403_200_000)
        counters.observe(navUSD: 96_000, atMs: 1_746_403_260_000)
        counters.recordEntry(atMs: 1_746_403_200_000)
        var leg = RoundTripTracker.LegState(symbol: "BTCUSDT", leg: .long)
        leg.quantity = 0.031
        leg.entryQuantity = 0.031
        leg.entryNotional = 0.031 * 94_551.2
        leg.strategy = "trend"
        let trade = ClosedTrade(symbol: "ETHUSDT", side: .short, entryTimeMs: 1_000, exitTimeMs: 5_000, entryPrice: 1_800, exitPrice: 1_790,
                                quantity: 2, pnlUSD: 20, feesUSD: 1.4, rMultiple: 0.5, regime: .bear, strategy: "triggers", exitReason: "stop")
        let metrics = OrderMetricsRecord(symbol: "BTCUSDT", clientOrderId: "hm-r1-1", maker: true, fallback: false, retries: 0,
                                         slippageBps: -1.5, latencyMs: 120, timeMs: 3_000)
        let nav = NavSample(navUSD: 96_000, walletUSD: 96_100, unrealizedPnlUSD: -100, marginUSD: 2_000, availableUSD: 94_000,
                            sampledAtMs: 1_746_403_260_000)
        do {
            let store = try fixture.open()
            _ = try await store.apply([.riskCounters(counters, atMs: 1_746_403_260_000), .openLegs([leg]), .closedTrade(runId: "r1", trade),
                                       .orderMetrics(metrics), .navSample(runId: "r1", nav)])
            try await store.recordKillSwitch(KillSwitchChange(timeMs: 4_000, engaged: true, reason: "maintenance", source: "cli"))
        }
        let reopened = try fixture.open()
        let snapshot = try await reopened.loadSnapshot(closedTradeLimit: 100, metricsLimit: 100, navLimit: 100)
        #expect(snapshot.riskCounters?.counters == counters)
        #expect(snapshot.riskCounters?.savedAtMs == 1_746_403_260_000)
        #expect(snapshot.openLegs == [leg])
        #expect(snapshot.closedTrades == [trade])
        #expect(snapshot.orderMetrics == [metrics])
        #expect(snapshot.navHistory == [nav])
        #expect(snapshot.killSwitch == KillSwitchChange(timeMs: 4_000, engaged: true, reason: "maintenance", source: "cli"))
    }

    @Test("a record the database refuses is left out and named; the rest of its batch commits")
    func badRecordDoesNotSinkItsBatch() async throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.open()
        let nan = OrderMetricsRecord(symbol: "BTCUSDT", clientOrderId: "hm-r1-9", maker: false, fallback: false, retries: 0,
                                     slippageBps: .nan, latencyMs: 1, timeMs: 1)
        let refused = try await store.apply([.orderMetrics(nan), .fill(StoreFixture.fill("t-9"))])
        #expect(refused.count == 1 && refused.first?.hasPrefix("order metrics hm-r1-9") == true, "\(refused)")
        #expect(try await store.fills(AuditFilter()).map(\.tradeId) == ["t-9"])
    }

    @Test("audit reads filter by time and symbol")
    func auditFilters() async throws {
        let fixture = try StoreFixture()
        defer { fixture.cleanUp() }
        let store = try fixture.open()
        _ = try await store.apply([.order(StoreFixture.order("hm-r1-1", createdAtMs: 1_000))])
        _ = try await store.apply([.order(StoreFixture.order("hm-r1-2", symbol: "ETHUSDT", createdAtMs: 2_000))])
        _ = try await store.apply([.order(StoreFixture.order("hm-r1-3", createdAtMs: 3_000))])
        #expect(try await store.orders(AuditFilter(sinceMs: 2_000)).map(\.clientOrderId) == ["hm-r1-2", "hm-r1-3"])
        #expect(try await store.orders(AuditFilter(symbol: "BTCUSDT")).map(\.clientOrderId) == ["hm-r1-1", "hm-r1-3"])
    }
}
