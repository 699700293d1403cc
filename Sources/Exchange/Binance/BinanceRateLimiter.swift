/// Binance's published limits (exchangeInfo `rateLimits`; these defaults are the USD-M values
/// when exchangeInfo has not been read yet).
public struct BinanceRateLimits: Sendable, Hashable {
    public var weightPerMinute: Int
    public var ordersPer10Seconds: Int
    public var ordersPerMinute: Int

    public static let defaults = BinanceRateLimits(weightPerMinute: 2400, ordersPer10Seconds: 300, ordersPerMinute: 1200)
}

/// Weight- and order-count-aware throttling, fed by the `X-MBX-USED-WEIGHT-1M` and
/// `X-MBX-ORDER-COUNT-10S/1M` headers of every response, by 429 (`Retry-After`, then a slower
/// budget for a minute) and by 418 (a ban: every request is refused until it ends).
///
/// Pure state: callers pass the venue-aligned wall time in ms (Binance's windows are calendar
/// windows of its own clock) and sleep for what `delay(…)` answers.
public struct BinanceRateLimiter: Sendable {
    public var limits: BinanceRateLimits
    /// Fraction of each limit used before waiting for the window to roll.
    public var budget: Double

    private var weightUsed = 0
    private var weightWindow: Int64 = -1
    private var orders10s = 0
    private var orders10sWindow: Int64 = -1
    private var orders1m = 0
    private var orders1mWindow: Int64 = -1
    /// No request before this time (429 Retry-After).
    private var retryNotBeforeMs: Int64 = 0
    /// Budget halved until this time, after a 429.
    private var slowUntilMs: Int64 = 0
    /// Banned (418) until this time.
    public private(set) var bannedUntilMs: Int64 = 0

    public init(limits: BinanceRateLimits = .defaults, budget: Double = 0.8) {
        self.limits = limits
        self.budget = budget
    }

    /// Whether a 418 ban is in force at `nowMs`.
    public func isBanned(nowMs: Int64) -> Bool { nowMs < bannedUntilMs }

    /// The weight used in the current minute as last reported, 0 once the minute has rolled.
    public func weightUsed(nowMs: Int64) -> Int { nowMs / 60_000 == weightWindow ? weightUsed : 0 }

    /// How long to wait before sending a request of `weight` (and one order when `isOrder`), ms;
    /// 0 to send now. A ban is not a wait: check `isBanned` first.
    public func delay(weight: Int, isOrder: Bool, nowMs: Int64) -> Int64 {
        var wait: Int64 = max(0, retryNotBeforeMs - nowMs)
        let fraction = nowMs < slowUntilMs ? budget / 2 : budget
        let minute = nowMs / 60_000
        if minute == weightWindow, Double(weightUsed + weight) > fraction * Double(limits.weightPerMinute) {
            wait = max(wait, (minute + 1) * 60_000 - nowMs)
        }
        if isOrder {
            let tenSeconds = nowMs / 10_000
            if tenSeconds == orders10sWindow, Double(orders10s + 1) > fraction * Double(limits.ordersPer10Seconds) {
                wait = max(wait, (tenSeconds + 1) * 10_000 - nowMs)
            }
            if minute == orders1mWindow, Double(orders1m + 1) > fraction * Double(limits.ordersPerMinute) {
                wait = max(wait, (minute + 1) * 60_000 - nowMs)
            }
        }
        return wait
    }

    /// Counts a request about to be sent, so concurrent callers see it before its response
    /// arrives (the response headers then replace the estimate with the venue's count).
    public mutating func reserve(weight: Int, isOrder: Bool, nowMs: Int64) {
        let minute = nowMs / 60_000
        if minute != weightWindow { weightWindow = minute; weightUsed = 0 }
        weightUsed += weight
        guard isOrder else { return }
        let tenSeconds = nowMs / 10_000
        if tenSeconds != orders10sWindow { orders10sWindow = tenSeconds; orders10s = 0 }
        orders10s += 1
        if minute != orders1mWindow { orders1mWindow = minute; orders1m = 0 }
        orders1m += 1
    }

    /// Applies the counters a response reported (header names are case-insensitive; pass them
    /// lowercased).
    public mutating func record(usedWeight1m: Int?, orderCount10s: Int?, orderCount1m: Int?, nowMs: Int64) {
        let minute = nowMs / 60_000
        // Clamped again here (the limiter is public): counts beyond any limit saturate, so the
        // sums in `delay` and `reserve` cannot overflow. A count ten times past its published
        // limit is no count at all (a venue refuses well before): it is ignored, not obeyed with
        // a minute's wait per request.
        let clamp = { (count: Int) in min(max(count, 0), BinanceHeaderValues.maxCount) }
        let usedWeight1m = usedWeight1m.flatMap { $0 > 10 * limits.weightPerMinute ? nil : $0 }
        let orderCount10s = orderCount10s.flatMap { $0 > 10 * limits.ordersPer10Seconds ? nil : $0 }
        let orderCount1m = orderCount1m.flatMap { $0 > 10 * limits.ordersPerMinute ? nil : $0 }
        if let usedWeight1m {
            weightWindow = minute
            weightUsed = clamp(usedWeight1m)
        }
        if let orderCount10s {
            orders10sWindow = nowMs / 10_000
            orders10s = clamp(orderCount10s)
        }
        if let orderCount1m {
            orders1mWindow = minute
            orders1m = clamp(orderCount1m)
        }
    }

    /// A 429: nothing before `Retry-After`, then half the budget for the next minute.
    public mutating func tooManyRequests(retryAfterSeconds: Double, nowMs: Int64) {
        retryNotBeforeMs = max(retryNotBeforeMs, nowMs + BinanceHeaderValues.milliseconds(retryAfterSeconds))
        slowUntilMs = max(slowUntilMs, retryNotBeforeMs + 60_000)
    }

    /// A 418: banned until `untilMs`.
    public mutating func banned(untilMs: Int64) {
        bannedUntilMs = max(bannedUntilMs, untilMs)
        slowUntilMs = max(slowUntilMs, untilMs + 60_000)
    }
}
