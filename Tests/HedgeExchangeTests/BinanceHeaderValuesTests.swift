import Foundation
@testable import HedgeExchange
import HedgeCore
import Testing

/// Hostile header values and error bodies never trap and never become a silently wrong wait.
@Suite("Binance header values")
struct BinanceHeaderValuesTests {
    @Test("Retry-After: inf, nan, negative and garbage are ignored (the default applies); 1e300 is capped at three days",
          arguments: [("inf", nil), ("nan", nil), ("-inf", nil), ("-5", nil), ("soon", nil), ("", nil),
                      ("1e300", 259_200.0), ("2.5", 2.5), (" 7 ", 7.0), ("0", 0.0)] as [(String, Double?)])
    func retryAfter(text: String, expected: Double?) {
        #expect(BinanceHeaderValues.seconds(text) == expected)
    }

    @Test("counts: Int.max and 40 digits saturate at the cap; negative, signed or garbage counts are ignored",
          arguments: [("9223372036854775807", 1_000_000_000), ("1234567890123456789012345678901234567890", 1_000_000_000),
                      ("-1", nil), ("+5", nil), ("12a", nil), ("", nil), ("42", 42), ("0", 0)] as [(String, Int?)])
    func counts(text: String, expected: Int?) {
        #expect(BinanceHeaderValues.count(text) == expected)
    }

    @Test("a wait converts to milliseconds without trapping, whatever the double")
    func milliseconds() {
        #expect(BinanceHeaderValues.milliseconds(.infinity) == 259_200_000)
        #expect(BinanceHeaderValues.milliseconds(-.infinity) == 0)
        #expect(BinanceHeaderValues.milliseconds(.nan) == 0)
        #expect(BinanceHeaderValues.milliseconds(1e300) == 259_200_000)
        #expect(BinanceHeaderValues.milliseconds(1.0001) == 1_001)
    }

    @Test("a 429 or 418 with a hostile Retry-After maps to a bounded wait; a ban 'until' beyond Int64 is capped at three days")
    func hostileRateLimitResponses() {
        let now: Int64 = 1_700_000_000_000
        for header in ["inf", "nan", "1e300", "-1", "9223372036854775807"] {
            guard case .rateLimited(let wait, false) = BinanceAPIError.map(status: 429, body: Data(), retryAfter: header, nowMs: now,
                                                                           clientOrderId: nil, symbol: nil) else {
                Issue.record("429 with Retry-After \(header) did not map to rateLimited")
                continue
            }
            #expect(wait.isFinite && wait >= 0 && wait <= 259_200, "Retry-After \(header) → \(wait)")
        }
        let body = Data(#"{"code":-1003,"msg":"Way too much request weight used; IP banned until 99999999999999999999999999999999."}"#.utf8)
        guard case .rateLimited(let ban, true) = BinanceAPIError.map(status: 418, body: body, retryAfter: nil, nowMs: now,
                                                                     clientOrderId: nil, symbol: nil) else {
            Issue.record("418 did not map to a ban")
            return
        }
        #expect(ban == 259_200)
    }

    @Test("the limiter takes Int.max counts and an infinite Retry-After without overflow, and still answers a finite delay")
    func limiterSaturates() {
        var limiter = BinanceRateLimiter()
        let now: Int64 = 1_700_000_000_000
        limiter.record(usedWeight1m: .max, orderCount10s: .max, orderCount1m: .max, nowMs: now)
        limiter.reserve(weight: 5, isOrder: true, nowMs: now)
        limiter.tooManyRequests(retryAfterSeconds: .infinity, nowMs: now)
        let wait = limiter.delay(weight: 5, isOrder: true, nowMs: now)
        #expect(wait == 259_200_000)
    }

    @Test("a count ten times past its published limit is ignored, not obeyed with a minute's wait; one near the budget still throttles")
    func implausibleCountsAreIgnored() {
        var limiter = BinanceRateLimiter()
        let now: Int64 = 1_700_000_000_000
        limiter.record(usedWeight1m: 1_000_000_000, orderCount10s: nil, orderCount1m: nil, nowMs: now)
        #expect(limiter.delay(weight: 5, isOrder: false, nowMs: now) == 0)
        limiter.record(usedWeight1m: 2_390, orderCount10s: nil, orderCount1m: nil, nowMs: now)
        #expect(limiter.delay(weight: 5, isOrder: false, nowMs: now) > 0)
    }
}
