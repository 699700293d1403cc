import Foundation
import Testing
@testable import HedgeCore

private typealias F = IntelFixtures

@Suite("Intel: shadow compare")
struct IntelCompareTests {
    @Test("decisions align with fills by intent id first, whatever the time gap or symbol")
    func byIntentId() throws {
        let alignment = ShadowAlignment(decisions: [F.decision("i-1", at: 0)],
                                        executed: [F.fill(at: 10), F.fill("i-1", at: 3_600)])
        let match = try #require(alignment.matches.first)
        #expect(alignment.matches.count == 1)
        #expect(match.matchedBy == .intentId)
        #expect(match.executed.timeMs == F.day + 3_600_000)
        #expect(alignment.unmatchedExecuted.count == 1)
    }

    @Test("without an id, the same symbol and side within the window, nearest in time")
    func byWindow() throws {
        let decisions = [F.decision(at: 100)]
        let fills = [F.fill(at: 40), F.fill(at: 130), F.fill(at: 90, gross: 2_000),
                     F.fill(nil, "ETHUSDT", at: 100), F.fill(nil, "BTCUSDT", .sell, at: 100)]
        let alignment = ShadowAlignment(decisions: decisions, executed: fills)
        let match = try #require(alignment.matches.first)
        #expect(match.matchedBy == .timeWindow)
        #expect(match.executed.timeMs == F.day + 90_000)
        #expect(match.timeDiffMs == -10_000)
        #expect(ShadowAlignment(decisions: [F.decision(at: 0)], executed: [F.fill(at: 61)]).matches.isEmpty)
        #expect(ShadowAlignment(decisions: [F.decision(at: 0)], executed: [F.fill(at: 60)]).matches.count == 1)
        let narrow = CompareParameters(window: .seconds(5))
        #expect(ShadowAlignment(decisions: [F.decision(at: 0)], executed: [F.fill(at: 6)], parameters: narrow).matches.isEmpty)
    }

    @Test("heartbeat decisions are never matched, even with a fill at the same instant")
    func heartbeats() {
        let alignment = ShadowAlignment(decisions: [F.decision(at: 0, heartbeat: true), F.decision("h", at: 0, heartbeat: true)],
                                        executed: [F.fill(at: 0), F.fill("h", at: 0)])
        #expect(alignment.matches.isEmpty)
        #expect(alignment.heartbeatCount == 2)
        #expect(alignment.unmatchedDecisions.isEmpty)
        #expect(alignment.unmatchedExecuted.count == 2)
    }

    @Test("each fill is matched at most once; decisions with different ids do not share a window match")
    func onceEach() {
        let decisions = [F.decision(at: 0), F.decision(at: 1), F.decision(at: 2)]
        let alignment = ShadowAlignment(decisions: decisions, executed: [F.fill(at: 1), F.fill(at: 50)])
        #expect(alignment.matches.count == 2)
        #expect(Set(alignment.matches.map(\.executed.timeMs)).count == 2)
        #expect(alignment.unmatchedDecisions.count == 1)
        let differentIds = ShadowAlignment(decisions: [F.decision("a", at: 0)], executed: [F.fill("b", at: 0)])
        #expect(differentIds.matches.isEmpty)
    }

    @Test("mismatches: the shadow vetoed what live traded, a size beyond tolerance, a side difference")
    func mismatches() throws {
        let decisions = [F.decision("ok", at: 0, gross: 1_000), F.decision("veto", at: 10, allowed: false),
                         F.decision("big", at: 20, gross: 1_000), F.decision("side", at: 30),
                         F.decision("small", at: 40, gross: 1_000)]
        let fills = [F.fill("ok", at: 1, gross: 1_005), F.fill("veto", at: 11, gross: 500),
                     F.fill("big", at: 21, gross: 1_200), F.fill("side", "BTCUSDT", .sell, at: 31),
                     F.fill("small", at: 41, gross: 900)]
        let summary = CompareSummary(decisions: decisions, executed: fills, parameters: CompareParameters(minSampleSize: 3))
        #expect(summary.sampleCount == 5)
        #expect(summary.mismatchCount == 4)
        #expect(summary.mismatchRate == 0.8)
        let reasons = ShadowAlignment(decisions: decisions, executed: fills).matches.map(\.mismatchReasons)
        #expect(reasons == [[], ["shadow_vetoed"], ["size"], ["side"], ["size"]])
        // Size diffs over the four the shadow allowed: +5, +200, 0, −100.
        #expect(summary.sizeDiffUSD == SampleStats([5, 200, 0, -100]))
        #expect(summary.sizingDiffStats == SizingDiffStats(p50: 0, p95: 20, upsizeCount: 1, sampleSize: 4))
        // Slippage: executed 2 − expected 1 on the four with both known.
        #expect(summary.slippageDiffBps == SampleStats([1, 1, 1, 1]))
        #expect(!summary.isWarmup)
        #expect(summary.warmupReason == nil)
    }

    @Test("zero samples give a well-formed warm-up summary")
    func empty() throws {
        let summary = CompareSummary(decisions: [], executed: [])
        #expect(summary.sampleCount == 0)
        #expect(summary.isWarmup)
        #expect(summary.warmupReason == "sample_size 0 < min_sample_size 20")
        #expect(summary.mismatchRate == 0)
        #expect(summary.sizingDiffStats == SizingDiffStats(p50: 0, p95: 0, upsizeCount: 0, sampleSize: 0))
        let json = try JSONOutput.encode(summary, pretty: false)
        #expect(json.contains(#""sizing_diff_stats":{"p50":0,"p95":0,"sample_size":0,"upsize_count":0}"#))
        #expect(json.contains(#""is_warmup":true"#))
        let decoded = try JSONDecoder().decode(CompareSummary.self, from: Data(json.utf8))
        #expect(decoded == summary)
    }

    @Test("warm-up names the sample size below the minimum")
    func warmupReason() {
        let summary = CompareSummary(decisions: (0..<3).map { F.decision(at: Int64($0) * 100) },
                                     executed: (0..<3).map { F.fill(at: Int64($0) * 100) })
        #expect(summary.isWarmup)
        #expect(summary.warmupReason == "sample_size 3 < min_sample_size 20")
    }

    @Test("shadow lines and orders_executed lines decode; non-FILL events are skipped")
    func records() throws {
        let shadow = """
        {"intent_id":"i-1","symbol":"BTCUSDT","side":"BUY","time":"2024-03-01T00:00:00Z","allowed":true,"vetoes":[],"gross_usd":1000,"router":"maker","expected_price":100,"expected_slippage_bps":0.5,"heartbeat":false}
        {"symbol":"ETHUSDT","side":"SELL","time":"2024-03-01T00:01:00Z","allowed":false,"vetoes":["max_trade_nav_pct"]}
        """
        let decisions = try JSONLines.decode(ShadowDecisionRecord.self, data: Data(shadow.utf8), file: "s.jsonl")
        #expect(decisions.count == 2)
        #expect(decisions[1].heartbeat == false)
        #expect(decisions[1].vetoes == [.maxTradeNavPct])
        #expect(try JSONLines.decode(ShadowDecisionRecord.self, data: Data(JSONOutput.encode(decisions[0], pretty: false).utf8), file: "s") == [decisions[0]])
        let executed = """
        {"event":"ACK","client_order_id":"c-1","symbol":"BTCUSDT"}
        {"event":"FILL","intent_id":"i-1","client_order_id":"c-1","symbol":"BTCUSDT","side":"BUY","time":"2024-03-01T00:00:02Z","gross_usd":1000,"price":100.01,"slippage_bps":1}
        {"event":"CLOSE","client_order_id":"c-1"}
        """
        let fills = try JSONLines.decode(ExecutedOrderRecord.Line.self, data: Data(executed.utf8), file: "e.jsonl").compactMap(\.record)
        #expect(fills == [ExecutedOrderRecord(intentId: "i-1", clientOrderId: "c-1", symbol: "BTCUSDT", side: .buy,
                                              timeMs: F.day + 2_000, grossUSD: 1_000, price: 100.01, slippageBps: 1)])
    }
}
