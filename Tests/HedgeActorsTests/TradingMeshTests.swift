import Foundation
@testable import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import InMemoryLogging
import Logging
import Testing

/// Replays bundled 1-minute bars into the mesh one by one, waiting (by yielding) until each bar's
/// signals were acted on, and advancing the manual clock 15 s per bar (the NAV interval).
struct ReplayDriver {
    let fixture: MeshFixture
    let replay: SimReplay

    init(_ fixture: MeshFixture, symbols: [String] = ["BTCUSDT"]) throws {
        self.fixture = fixture
        let data = try MarketDataSet.open(path: "\(MeshFixture.repositoryRoot)/data/demo/1m", symbols: symbols)
        replay = try SimReplay(exchange: fixture.exchange, dataSet: data)
    }

    func step(bars: Int) async throws {
        let jobs = fixture.runtime.periodicJobCount
        let signal = fixture.runtime.mesh.signal
        for _ in 0..<bars {
            let before = await signal.barsProcessed
            guard try await replay.step() != nil else { return }
            while await signal.barsProcessed == before { await Task.yield() }
            fixture.clock.advance(by: .seconds(15))
            await fixture.clock.waitForSleepers(jobs)
        }
    }
}

/// Decoded JSONL lines of one log.
func jsonLines(_ sink: InMemoryTelemetrySink, _ log: TelemetryLog) throws -> [[String: Any]] {
    try (sink.snapshot.lines[log] ?? []).map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

@Suite("Mesh: trading on the sim venue", .serialized)
struct TradingMeshTests {
    @Test("intent → decision → order → fill → position → NAV, with ACK and FILL lines and vetoes logged")
    func tradingPath() async throws {
        let log = InMemoryLogHandler()
        let fixture = try MeshFixture(strategiesEnabled: true, logger: Logger(label: "hedge.test", factory: { _ in log }), edit: { config in
            // ETH's leverage cap is below what intents carry: its intents are vetoed while BTC trades.
            config.riskLimits.perSymbol["ETHUSDT", default: SymbolLimits()].maxLeverage = 0.5
        })
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let run = Task { try await runtime.run(until: shutdown) }
        await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
        let driver = try ReplayDriver(fixture, symbols: ["BTCUSDT", "ETHUSDT"])
        try await driver.step(bars: 800)
        trigger.yield()
        let report = try await run.value
        #expect(report.exitCode == 0)

        let executed = try jsonLines(fixture.sink, .ordersExecuted)
        let fills = executed.filter { $0["event"] as? String == "FILL" }
        let fill = try #require(fills.first, "no order filled in 400 bars")
        let id = try #require(fill["client_order_id"] as? String)
        let ack = executed.first { $0["event"] as? String == "ACK" && $0["client_order_id"] as? String == id }
        #expect(ack != nil, "the FILL's order has an ACK line")
        #expect(fill["intent_id"] as? String != nil)
        // Every order that was acknowledged ended with exactly one CLOSE, but the protective
        // orders of a leg still held: the drain leaves those working on the venue.
        let acked = Set(executed.filter { $0["event"] as? String == "ACK" }.compactMap { $0["client_order_id"] as? String })
        let closes = executed.filter { $0["event"] as? String == "CLOSE" }.compactMap { $0["client_order_id"] as? String }
        let protective = Set(executed.filter { ["stop", "take_profit"].contains($0["reason"] as? String ?? "") && $0["event"] as? String == "ACK" }
            .compactMap { $0["client_order_id"] as? String })
        #expect(Set(report.leftOpen).isSubset(of: protective), "only protective orders stay: \(report.leftOpen)")
        #expect(Set(closes) == acked.subtracting(report.leftOpen))
        #expect(closes.count == Set(closes).count)
        // A maker entry's ACK carries the limit price it rests at; a market order's has none.
        let acks = executed.filter { $0["event"] as? String == "ACK" }
        #expect(acks.contains { ($0["client_order_id"] as? String)?.hasPrefix("hm-") == true })
        for ack in acks {
            if (ack["client_order_id"] as? String)?.hasPrefix("hm-") == true {
                #expect((ack["price"] as? Double ?? 0) > 0, "\(ack)")
            } else {
                #expect(ack["price"] == nil, "\(ack)")
            }
        }

        // The journal an operator reads: signals at info; every order line says which way, how much
        // and at what price (a closed round trip's line: RouterForeignFillTests).
        let entries = log.entries.filter { $0.level == .info }
        #expect(entries.contains { $0.message.description == "signal" && $0.metadata["side"] != nil && $0.metadata["strategy"] != nil })
        let fillLines = entries.filter { $0.message.description == "order fill" }
        #expect(!fillLines.isEmpty)
        for line in fillLines {
            #expect(line.metadata["side"] != nil && line.metadata["qty"] != nil && line.metadata["price"] != nil, "\(line.metadata)")
        }

        let vetoes = try jsonLines(fixture.sink, .riskVetoes)
        let ethVeto = vetoes.first { $0["symbol"] as? String == "ETHUSDT" }
        #expect((ethVeto?["vetoes"] as? [String])?.contains("max_leverage") == true)
        #expect(!vetoes.contains { $0["symbol"] as? String == "BTCUSDT" && ($0["vetoes"] as? [String])?.contains("max_leverage") == true })

        // The fill moved the account: the venue holds (or held and closed) a position and NAV moved.
        guard case .object(let nav)? = fixture.sink.snapshot.states[.nav], case .object(let sample)? = nav["nav"],
              case .number(let navUSD)? = sample["nav_usd"] else {
            Issue.record("nav.json has no NAV")
            return
        }
        #expect(navUSD != 100_000)
        let metrics = try jsonLines(fixture.sink, .orderMetrics)
        #expect(!metrics.isEmpty)
    }

    @Test("a duplicated and a reordered order update change nothing: one FILL per execution")
    func duplicatesAreIdempotent() async throws {
        let fixture = try MeshFixture(strategiesEnabled: true)
        await fixture.exchange.setFaults(SimFaults(duplicatedOrderUpdates: 50, reorderedOrderUpdates: 50))
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let run = Task { try await runtime.run(until: shutdown) }
        await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
        try await ReplayDriver(fixture).step(bars: 400)
        trigger.yield()
        _ = try await run.value
        let executed = try jsonLines(fixture.sink, .ordersExecuted)
        let fills = executed.filter { $0["event"] as? String == "FILL" }
        #expect(!fills.isEmpty)
        // Per order, the FILL quantities add up to at most what was ordered (no double count).
        var filled: [String: Double] = [:]
        for fill in fills { filled[fill["client_order_id"] as? String ?? "", default: 0] += fill["quantity"] as? Double ?? 0 }
        for ack in executed where ack["event"] as? String == "ACK" {
            let id = ack["client_order_id"] as? String ?? ""
            #expect((filled[id] ?? 0) <= (ack["quantity"] as? Double ?? 0) + 1e-9, "\(id) filled more than ordered")
        }
    }

    @Test("a bar emitted right after the runtime reports it is subscribed is acted on, not lost")
    func firstBarAfterSubscriptionIsSeen() async throws {
        let fixture = try MeshFixture(strategiesEnabled: true)
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let driver = try ReplayDriver(fixture)
        let run = Task { try await runtime.run(until: shutdown) }
        // No wait for the periodic jobs first: readiness alone must be enough.
        await runtime.waitUntilSubscribed()
        #expect(fixture.exchange.marketSubscriberCount == 1)
        #expect(try await driver.replay.step() != nil)
        var yields = 0
        while await runtime.barsProcessed() == 0, yields < 100_000 {
            await Task.yield()
            yields += 1
        }
        #expect(await runtime.barsProcessed() == 1, "the first bar was emitted before anyone listened")
        trigger.yield()
        _ = try await run.value
    }
}
