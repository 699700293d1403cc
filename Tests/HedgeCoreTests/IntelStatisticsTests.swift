import Foundation
import Testing
@testable import HedgeCore

private typealias F = IntelFixtures

@Suite("Intel: percentiles, sample statistics and router health")
struct IntelStatisticsTests {
    // Nearest rank over 1…10: rank ⌈p/100 × 10⌉.
    @Test("nearest-rank percentiles pick an observed value at rank ⌈p·n/100⌉",
          arguments: [(0.0, 1.0), (5, 1), (10, 1), (11, 2), (50, 5), (51, 6), (90, 9), (95, 10), (100, 10)])
    func nearestRank(percent: Double, expected: Double) {
        let values: [Double] = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6]
        #expect(Percentile.nearestRank(values, percent: percent) == expected)
    }

    @Test("percentiles of nothing are nil; one value is every percentile; non-finite values are ignored")
    func percentileEdges() {
        #expect(Percentile.nearestRank([], percent: 50) == nil)
        #expect(Percentile.nearestRank([4], percent: 1) == 4)
        #expect(Percentile.nearestRank([4], percent: 99) == 4)
        #expect(Percentile.nearestRank([.nan, 1, .infinity, 3], percent: 100) == 3)
        #expect(Percentile.nearestRank([1, 2], percent: 50) == 1)
    }

    @Test("sample statistics: count, mean, p50, p95; empty is all zero")
    func sampleStats() {
        let stats = SampleStats((1...20).map(Double.init))
        #expect(stats == SampleStats(count: 20, mean: 10.5, p50: 10, p95: 19))
        #expect(SampleStats.empty == SampleStats(count: 0, mean: 0, p50: 0, p95: 0))
    }

    @Test("router health per symbol: maker fill ratio, fallback rate, slippage and latency percentiles")
    func routerHealth() throws {
        var records: [OrderMetricsRecord] = []
        for i in 1...10 {
            let value = Double(i)
            records.append(F.metrics(id: "b\(i)", maker: i <= 6, fallback: i > 8, slippage: value, latency: value * 100))
        }
        records.append(F.metrics("ETHUSDT", maker: false, fallback: true, slippage: -2, latency: 50))
        let health = RouterHealth.bySymbol(records)
        #expect(health.keys.sorted() == ["BTCUSDT", "ETHUSDT"])
        let btc = try #require(health["BTCUSDT"])
        #expect(btc.orderCount == 10)
        #expect(btc.makerFillRatio == 0.6)
        #expect(btc.fallbackRate == 0.2)
        #expect(btc.meanSlippageBps == 5.5)
        #expect(btc.slippageP50Bps == 5)
        #expect(btc.slippageP95Bps == 10)
        #expect(btc.latencyP50Ms == 500)
        #expect(btc.latencyP95Ms == 1_000)
        #expect(health["ETHUSDT"]?.slippageP95Bps == -2)
        #expect(RouterHealth(symbol: "ALL", records: []).orderCount == 0)
    }

    @Test("an order metrics row round-trips through its JSONL form with an ISO 8601 time")
    func metricsRecordJSON() throws {
        let line = #"{"symbol":"BTCUSDT","client_order_id":"h-1","maker":true,"fallback":false,"retries":1,"slippage_bps":-0.5,"latency_ms":120,"time":"2024-03-01T13:05:00Z"}"#
        let records = try JSONLines.decode(OrderMetricsRecord.self, data: Data(line.utf8), file: "m.jsonl")
        #expect(records == [OrderMetricsRecord(symbol: "BTCUSDT", clientOrderId: "h-1", maker: true, fallback: false, retries: 1,
                                               slippageBps: -0.5, latencyMs: 120, timeMs: F.day + 13 * F.hourMs + 300_000)])
        let encoded = try JSONOutput.encode(records[0], pretty: false)
        #expect(try JSONLines.decode(OrderMetricsRecord.self, data: Data(encoded.utf8), file: "m") == records)
    }
}
