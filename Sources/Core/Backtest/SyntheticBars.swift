/// Seeded random-walk bars for benchmarks: generated on the fly (constant memory), the same
/// sequence for the same seed on every machine. Symbols interleave in time order, like the
/// time-merged market-data stream.
public struct SyntheticBars: Sequence, IteratorProtocol, Sendable {
    public let symbols: [String]
    public let count: Int
    public let intervalMs: Int64
    private var state: UInt64
    private var produced = 0
    private var prices: [Double]

    /// - Parameters:
    ///   - count: total bars across all symbols.
    public init(symbols: [String], count: Int, intervalMs: Int64 = 60_000, seed: UInt64 = 0x4845_4447_45) {
        self.symbols = symbols.isEmpty ? ["SYNTHUSDT"] : symbols
        self.count = count
        self.intervalMs = intervalMs
        state = seed
        prices = Array(repeating: 100, count: self.symbols.count)
    }

    public mutating func next() -> BarEvent? {
        guard produced < count else { return nil }
        let index = produced % symbols.count
        let time = Int64(produced / symbols.count) * intervalMs + 1_700_000_000_000
        produced += 1
        let open = prices[index]
        // A mild trend-switching walk so strategies see crosses, breakouts and quiet stretches.
        let drift = (Double(produced / (symbols.count * 500)).truncatingRemainder(dividingBy: 2) == 0 ? 1.0 : -1.0) * 0.0002
        let close = Swift.max(0.01, open * (1 + drift + (uniform() - 0.5) * 0.004))
        let high = Swift.max(open, close) * (1 + uniform() * 0.001)
        let low = Swift.min(open, close) * (1 - uniform() * 0.001)
        prices[index] = close
        return BarEvent(symbol: symbols[index],
                        bar: Bar(openTimeMs: time, open: open, high: high, low: low, close: close, volume: 100 + uniform() * 900))
    }

    /// SplitMix64 → [0, 1).
    private mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
