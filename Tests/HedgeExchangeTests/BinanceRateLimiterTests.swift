@testable import HedgeExchange
import Testing

/// The limiter throttles before Binance's limits, honours 429 and stops everything under a 418.
@Suite struct BinanceRateLimiterTests {
    let minute: Int64 = 1_700_000_040_000  // a minute boundary

    @Test func waitsForTheNextMinuteBeforeTheWeightBudgetIsExceeded() {
        var limiter = BinanceRateLimiter(limits: BinanceRateLimits(weightPerMinute: 100, ordersPer10Seconds: 300, ordersPerMinute: 1200), budget: 0.8)
        limiter.record(usedWeight1m: 75, orderCount10s: nil, orderCount1m: nil, nowMs: minute + 1_000)
        #expect(limiter.delay(weight: 5, isOrder: false, nowMs: minute + 2_000) == 0)   // 80 of 80
        #expect(limiter.delay(weight: 6, isOrder: false, nowMs: minute + 2_000) == 58_000) // 81 > 80: wait for the roll
        // The next minute starts from zero.
        #expect(limiter.delay(weight: 6, isOrder: false, nowMs: minute + 60_000) == 0)
        #expect(limiter.weightUsed(nowMs: minute + 60_000) == 0)
    }

    @Test func reservationsCountBeforeTheResponseArrives() {
        var limiter = BinanceRateLimiter(limits: BinanceRateLimits(weightPerMinute: 10, ordersPer10Seconds: 300, ordersPerMinute: 1200), budget: 1)
        for _ in 0..<10 { limiter.reserve(weight: 1, isOrder: false, nowMs: minute + 5) }
        #expect(limiter.delay(weight: 1, isOrder: false, nowMs: minute + 10) > 0)
    }

    @Test func orderCountsThrottleOrdersOnly() {
        var limiter = BinanceRateLimiter(limits: BinanceRateLimits(weightPerMinute: 2400, ordersPer10Seconds: 10, ordersPerMinute: 1200), budget: 1)
        limiter.record(usedWeight1m: 1, orderCount10s: 10, orderCount1m: 10, nowMs: minute + 3_000)
        #expect(limiter.delay(weight: 1, isOrder: true, nowMs: minute + 3_000) == 7_000)
        #expect(limiter.delay(weight: 1, isOrder: false, nowMs: minute + 3_000) == 0)
    }

    @Test func a429WaitsRetryAfterThenHalvesTheBudget() {
        var limiter = BinanceRateLimiter(limits: BinanceRateLimits(weightPerMinute: 100, ordersPer10Seconds: 300, ordersPerMinute: 1200), budget: 0.8)
        limiter.tooManyRequests(retryAfterSeconds: 3, nowMs: minute)
        #expect(limiter.delay(weight: 1, isOrder: false, nowMs: minute) == 3_000)
        limiter.record(usedWeight1m: 45, orderCount10s: nil, orderCount1m: nil, nowMs: minute + 3_000)
        // 40 is half the 80 budget: 46 must wait for the next minute.
        #expect(limiter.delay(weight: 1, isOrder: false, nowMs: minute + 3_000) == 57_000)
    }

    @Test func a418BanStopsEverythingUntilItEnds() {
        var limiter = BinanceRateLimiter()
        limiter.banned(untilMs: minute + 120_000)
        #expect(limiter.isBanned(nowMs: minute + 119_999))
        #expect(!limiter.isBanned(nowMs: minute + 120_000))
    }
}
