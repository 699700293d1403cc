import HedgeCore
import Testing

@Suite("RiskCounters.observe reports what changed")
struct RiskCountersObserveTests {
    @Test("a new day or a new peak is a change; the same day under the peak is not (so the daemon saves only what is new)")
    func observeReportsChanges() {
        let day: Int64 = 1_746_403_200_000 // 2025-05-05 00:00 UTC
        var counters = RiskCounters(initialNavUSD: 100_000)
        let changed1 = counters.observe(navUSD: 100_000, atMs: day + 60_000)
        #expect(changed1, "the first NAV opens the day")
        let changed2 = counters.observe(navUSD: 99_000, atMs: day + 120_000)
        #expect(!changed2, "below the peak, same day")
        let changed3 = counters.observe(navUSD: 100_000, atMs: day + 180_000)
        #expect(!changed3, "at the peak is not a new peak")
        let changed4 = counters.observe(navUSD: 100_001, atMs: day + 240_000)
        #expect(changed4, "a new peak")
        let changed5 = counters.observe(navUSD: 90_000, atMs: day + 86_400_000)
        #expect(changed5, "the next day rolls")
        let changed6 = counters.observe(navUSD: 90_000, atMs: day + 60_000)
        #expect(!changed6, "yesterday never reopens")
        #expect(counters.summary(navUSD: 90_000, atMs: day + 86_460_000).dayStartNavUSD == 90_000)
    }
}
