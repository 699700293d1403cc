extension Bar {
    /// True when the bar's prices are finite, positive and consistent (low ≤ open, close ≤ high)
    /// and its volume is finite and non-negative. Strategies skip other bars rather than let one
    /// bad print poison an indicator for the rest of the session.
    var isUsable: Bool {
        let prices = [open, high, low, close]
        return prices.allSatisfy { $0.isFinite && $0 > 0 }
            && low <= min(open, close) && high >= max(open, close)
            && volume.isFinite && volume >= 0
    }

    /// The UTC hour of day (0–23) of the bar's open time.
    var openHourUTC: Int {
        let millisecondsPerHour: Int64 = 3_600_000
        let hours = openTimeMs >= 0 ? openTimeMs / millisecondsPerHour : (openTimeMs + 1) / millisecondsPerHour - 1
        let hourOfDay = hours % 24
        return Int(hourOfDay < 0 ? hourOfDay + 24 : hourOfDay)
    }
}
