import DequeModule

/// A symbol's traded value over the last 24 h of bars and its mean bar volume over the last
/// hour, kept as the bars arrive (each bar added once, each expired one subtracted once), so a
/// reading costs nothing however often the universe asks. The sim venue and the backtest keep one
/// per symbol and add the same bars in the same order, so their readings are the same numbers.
public struct RollingLiquidityWindow: Sendable {
    private struct Entry: Sendable {
        var openTimeMs: Int64
        var value: Double
    }

    public private(set) var barIntervalMs: Int64 = 60_000
    private var day: Deque<Entry> = []
    private var dayValue = 0.0
    private var hourVolumes: Deque<Double> = []
    private var hourVolume = 0.0

    public init() {}

    /// Adds the newest bar (`barIntervalMs` long) and drops what left the windows.
    public mutating func add(_ bar: Bar, barIntervalMs: Int64) {
        self.barIntervalMs = max(1, barIntervalMs)
        let value = bar.volume * bar.close
        day.append(Entry(openTimeMs: bar.openTimeMs, value: value))
        dayValue += value
        let dayStart = bar.openTimeMs + self.barIntervalMs - 86_400_000
        while let oldest = day.first, oldest.openTimeMs < dayStart {
            dayValue -= oldest.value
            day.removeFirst()
        }
        hourVolumes.append(bar.volume)
        hourVolume += bar.volume
        let hourBars = max(1, Int(3_600_000 / self.barIntervalMs))
        while hourVolumes.count > hourBars { hourVolume -= hourVolumes.removeFirst() }
    }

    /// The traded value (close × volume) of the bars of the last 24 h of market time; less than
    /// a day of bars is extrapolated to a day (a rolling 24 h window on a real venue always covers
    /// one). Nil before the first bar.
    public var quoteVolume24h: Double? {
        guard !day.isEmpty else { return nil }
        let coveredMs = Double(day.count) * Double(barIntervalMs)
        return coveredMs >= 86_400_000 ? dayValue : dayValue * 86_400_000 / coveredMs
    }

    /// The mean volume of the last hour's bars (0 before the first bar).
    public var meanHourVolume: Double {
        hourVolumes.isEmpty ? 0 : hourVolume / Double(hourVolumes.count)
    }
}
