import Testing
@testable import HedgeCore

@Suite("Rolling standard deviation, high and low")
struct IndicatorsRollingWindowTests {
    /// The two-pass sample standard deviation: mean first, then Σ(x − mean)² / (n − 1).
    private func twoPassStdev(_ values: ArraySlice<Double>) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// Window (2, 4, 6): mean 4, Σd² = 4 + 0 + 4 = 8, sample variance 8/2 = 4, stdev 2.
    /// Window (4, 6, 9): mean 19/3, Σd² = 49/9 + 1/9 + 64/9 = 114/9, variance 57/9, stdev √(57/9) ≈ 2.5166.
    @Test("the rolling stdev is the sample standard deviation of its window")
    func sampleStdev() {
        var stdev = RollingStdev(period: 3)
        let outputs = [2.0, 4, 6, 9].map { stdev.update($0) }
        let expected: [Double?] = [nil, nil, 2, (57.0 / 9).squareRoot()]
        #expect(zip(outputs, expected).allSatisfy { StrategyFixtures.isClose($0, $1) }, "got \(outputs)")
        #expect(StrategyFixtures.isClose(stdev.windowMean, 19.0 / 3))
    }

    @Test("the rolling stdev matches the two-pass formula on every window of a long series, even far from zero",
          arguments: [0.0, 1e6, 1e9])
    func stdevAgainstTwoPass(offset: Double) {
        var series = StrategyFixtures.Series(seed: 42)
        var stdev = RollingStdev(period: 10)
        var values: [Double] = []
        for _ in 0..<1_000 {
            let x = offset + series.next() * 3
            values.append(x)
            guard let streamed = stdev.update(x) else { continue }
            let exact = twoPassStdev(values.suffix(10))
            #expect(abs(streamed - exact) <= 1e-6 * max(1, exact), "streamed \(streamed), two-pass \(exact)")
        }
    }

    @Test("a constant series has a stdev of exactly zero, never NaN from a negative variance")
    func constantSeries() {
        var stdev = RollingStdev(period: 5)
        for _ in 0..<50 { stdev.update(123_456_789.123) }
        #expect(stdev.value == 0)
    }

    /// Period 3 over 5, 3, 4, 2, 1, 6: windows (5,3,4) → 5, (3,4,2) → 4 after 5 expires,
    /// (4,2,1) → 4, (2,1,6) → 6.
    @Test("the rolling high forgets a high once it leaves the window")
    func rollingHighExpiry() {
        var high = RollingHigh(period: 3)
        let outputs = [5.0, 3, 4, 2, 1, 6].map { high.update($0) }
        #expect(outputs == [nil, nil, 5, 4, 4, 6])
        #expect(high.updatesSinceHigh == 0)
    }

    /// Period 3 over 1, 4, 5, 6, 3: windows (1,4,5) → 1, (4,5,6) → 4 after 1 expires, (5,6,3) → 3.
    @Test("the rolling low forgets a low once it leaves the window")
    func rollingLowExpiry() {
        var low = RollingLow(period: 3)
        let outputs = [1.0, 4, 5, 6, 3].map { low.update($0) }
        #expect(outputs == [nil, nil, 1, 4, 3])
    }

    @Test("the age of the extreme counts updates since it was seen, the newest of equal values")
    func extremeAge() {
        var high = RollingHigh(period: 4)
        var low = RollingLow(period: 4)
        for x in [7.0, 9, 2, 9, 3] {
            high.update(x)
            low.update(x)
        }
        // Window (9, 2, 9, 3): the newer 9 is one update before the latest; the 2 is two before.
        #expect(high.updatesSinceHigh == 1)
        #expect(low.updatesSinceLow == 2)
    }

    @Test("rolling high and low agree with a brute-force scan over a long series", arguments: [1, 2, 7, 30])
    func bruteForce(period: Int) {
        var series = StrategyFixtures.Series(seed: UInt64(period))
        var high = RollingHigh(period: period)
        var low = RollingLow(period: period)
        var values: [Double] = []
        for _ in 0..<500 {
            // Rounded so that ties are common.
            let x = (series.next() * 20).rounded()
            values.append(x)
            let h = high.update(x)
            let l = low.update(x)
            if values.count < period {
                #expect(h == nil && l == nil)
            } else {
                #expect(h == values.suffix(period).max())
                #expect(l == values.suffix(period).min())
            }
        }
    }
}
