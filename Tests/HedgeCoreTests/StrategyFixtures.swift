@testable import HedgeCore

/// Shared helpers of the indicator, strategy and regime tests.
enum StrategyFixtures {
    /// A deterministic pseudo-random series (64-bit LCG), so tests never depend on a seedless RNG.
    struct Series {
        private var state: UInt64

        init(seed: UInt64) {
            state = seed
        }

        /// The next value, uniform in [0, 1).
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(UInt64(1) << 53)
        }
    }

    /// A bar with the given prices, opening `index` hours after the epoch.
    static func bar(_ index: Int, open: Double, high: Double, low: Double, close: Double, volume: Double = 100) -> Bar {
        Bar(openTimeMs: Int64(index) * 3_600_000, open: open, high: high, low: low, close: close, volume: volume)
    }

    /// Hourly bars from a list of closes: each opens at the previous close (the first at its own
    /// close) and spans exactly open…close, with constant volume.
    static func bars(closes: [Double], volume: Double = 100, firstIndex: Int = 0) -> [Bar] {
        closes.enumerated().map { offset, close in
            let open = offset == 0 ? close : closes[offset - 1]
            return bar(firstIndex + offset, open: open, high: max(open, close), low: min(open, close), close: close, volume: volume)
        }
    }

    /// Approximate equality for computed Doubles (relative tolerance, absolute near zero).
    static func isClose(_ a: Double?, _ b: Double?, tolerance: Double = 1e-9) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (a?, b?): return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
        default: return false
        }
    }
}
