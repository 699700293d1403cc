import HedgeCore
import Testing

/// Times a venue may send (`Int64.min`, `Int64.max`) never trap in the counters, and the counts
/// they give stay meaningful.
@Suite("Risk counters at the integer limits")
struct RiskCountersExtremeTimeTests {
    static func loss(at timeMs: Int64) -> ClosedTrade {
        ClosedTrade(symbol: "BTCUSDT", side: .long, entryTimeMs: timeMs, exitTimeMs: timeMs, entryPrice: 100, exitPrice: 90, quantity: 1,
                    pnlUSD: -10, feesUSD: 0, rMultiple: -1, regime: .chop, strategy: "trend", exitReason: "stop")
    }

    @Test("an entry and a loss near Int64.min, then a state there and at Int64.max: no trap; the loss streak counts")
    func extremeTimes() {
        var counters = RiskCounters(initialNavUSD: 1_000)
        counters.observe(navUSD: 1_000, atMs: .min)
        counters.recordEntry(atMs: .min + 10)
        counters.record(Self.loss(at: .min))
        let early = counters.state(navUSD: 1_000, navAgeSeconds: 0, positions: [], regime: .chop, killSwitch: false, atMs: .min + 20)
        #expect(early.tradesLastHour == 1)
        #expect(early.consecutiveLosses == 1)
        let late = counters.state(navUSD: 1_000, navAgeSeconds: 0, positions: [], regime: .chop, killSwitch: false, atMs: .max)
        #expect(late.tradesLastHour == 0)
        #expect(late.minutesSinceLastLoss.map { $0 > 0 && $0.isFinite } == true)
        #expect(counters.summary(navUSD: 1_000, atMs: .min).tradesLastHour == 0)
    }
}
