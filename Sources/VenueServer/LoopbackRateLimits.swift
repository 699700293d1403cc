/// The loopback venue's request-weight and order counters, per calendar window of the server's
/// clock (Binance resets `X-MBX-USED-WEIGHT-1M` at each minute, the order counts each 10 s and
/// each minute). A plain value owned by `LoopbackVenueState`.
struct LoopbackRateLimits: Sendable {
    private(set) var weightWindow: Int64 = -1
    private(set) var usedWeight = 0
    private var order10sWindow: Int64 = -1
    private(set) var orders10s = 0
    private var order1mWindow: Int64 = -1
    private(set) var orders1m = 0

    /// Adds `weight` in the minute of `nowMs`; returns the weight used in that minute so far.
    mutating func addWeight(_ weight: Int, nowMs: Int64) -> Int {
        roll(nowMs: nowMs)
        usedWeight += weight
        return usedWeight
    }

    /// The weight used in the minute of `nowMs`.
    mutating func weight(nowMs: Int64) -> Int {
        roll(nowMs: nowMs)
        return usedWeight
    }

    /// The order counts of the windows holding `nowMs`, after adding `added` new orders.
    mutating func addOrders(_ added: Int, nowMs: Int64) -> (tenSeconds: Int, minute: Int) {
        roll(nowMs: nowMs)
        orders10s += added
        orders1m += added
        return (orders10s, orders1m)
    }

    /// Whole seconds until the minute of `nowMs` ends (at least 1): the `Retry-After` of a 429.
    static func secondsToNextMinute(nowMs: Int64) -> Int {
        let remainingMs = 60_000 - nowMs.mod(60_000)
        return max(1, Int((remainingMs + 999) / 1000))
    }

    private mutating func roll(nowMs: Int64) {
        let minute = nowMs.floorDiv(60_000)
        if minute != weightWindow {
            weightWindow = minute
            usedWeight = 0
        }
        if minute != order1mWindow {
            order1mWindow = minute
            orders1m = 0
        }
        let tenSeconds = nowMs.floorDiv(10_000)
        if tenSeconds != order10sWindow {
            order10sWindow = tenSeconds
            orders10s = 0
        }
    }
}

extension Int64 {
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor < 0) ? q - 1 : q
    }

    fileprivate func mod(_ divisor: Int64) -> Int64 {
        let r = self % divisor
        return r < 0 ? r + divisor : r
    }
}
