/// A bounded sample of the equity curve for charts: keeps at most `capacity` points by doubling
/// its stride (dropping every other point) whenever it fills, so memory stays constant however
/// long the run. The first point is always kept; the last one is added at the end.
public struct EquityChart: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var timeMs: Int64
        public var equityUSD: Double
        public var drawdownPct: Double
    }

    public private(set) var points: [Point] = []
    public private(set) var last: Point?
    private let capacity: Int
    private var stride = 1
    private var seen = 0

    public init(capacity: Int) {
        self.capacity = max(4, capacity)
        points.reserveCapacity(self.capacity)
    }

    mutating func add(timeMs: Int64, equityUSD: Double, drawdownPct: Double) {
        let point = Point(timeMs: timeMs, equityUSD: equityUSD, drawdownPct: drawdownPct)
        last = point
        defer { seen += 1 }
        guard seen % stride == 0 else { return }
        if points.count == capacity {
            points = points.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            stride *= 2
            guard seen % stride == 0 else { return }
        }
        points.append(point)
    }

    /// The sampled points plus the final point when it was not sampled.
    public var allPoints: [Point] {
        guard let last, points.last != last else { return points }
        return points + [last]
    }
}
