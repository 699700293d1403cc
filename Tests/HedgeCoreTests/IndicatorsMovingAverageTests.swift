import Testing
@testable import HedgeCore

@Suite("EMA, ATR and rolling mean")
struct IndicatorsMovingAverageTests {
    /// Period 3, α = 2 / 4 = 0.5. Seed = SMA(10, 11, 12) = 11;
    /// then 11 + 0.5 × (14 − 11) = 12.5; then 12.5 + 0.5 × (13 − 12.5) = 12.75.
    /// Period 1, α = 1: the EMA is its input.
    @Test("the EMA is seeded by the SMA of the first N values and then smoothed with α = 2/(N+1)",
          arguments: [
              (3, [10.0, 11, 12, 14, 13], [nil, nil, 11, 12.5, 12.75]),
              (1, [7.0, 9, 8], [7, 9, 8]),
              (2, [4.0, 8, 2], [nil, 6, 10.0 / 3]),  // α = 2/3: 6 + 2/3 × (2 − 6) = 10/3
          ] as [(Int, [Double], [Double?])])
    func emaValues(period: Int, inputs: [Double], expected: [Double?]) {
        var ema = EMA(period: period)
        let outputs = inputs.map { ema.update($0) }
        #expect(zip(outputs, expected).allSatisfy { StrategyFixtures.isClose($0, $1) }, "got \(outputs)")
        #expect(ema.isReady)
        #expect(StrategyFixtures.isClose(ema.value, expected.last ?? nil))
    }

    @Test("the EMA is not ready before N values")
    func emaWarmUp() {
        var ema = EMA(period: 4)
        for x in [1.0, 2, 3] { ema.update(x) }
        #expect(!ema.isReady)
        #expect(ema.value == nil)
        #expect(ema.update(4) == 2.5)
    }

    /// Period 3.
    /// bar 1 H10 L9 C9.5: no previous close, TR = H − L = 1
    /// bar 2 H12 L11 C11.5 (gap up): TR = max(1, |12 − 9.5|, |11 − 9.5|) = 2.5
    /// bar 3 H11.8 L11.2 C11.4: TR = max(0.6, 0.3, 0.3) = 0.6; seed ATR = (1 + 2.5 + 0.6) / 3 = 41/30
    /// bar 4 H10.5 L10 C10.2 (gap down): TR = max(0.5, |10.5 − 11.4|, |10 − 11.4|) = 1.4;
    ///   ATR = (41/30 × 2 + 1.4) / 3 = 62/45 ≈ 1.37778
    /// bar 5 H10.6 L10.1 C10.5: TR = max(0.5, 0.4, 0.1) = 0.5; ATR = (62/45 × 2 + 0.5) / 3 = 146.5/135 ≈ 1.08519
    @Test("Wilder ATR counts gaps through the previous close and is seeded by the mean true range")
    func atrWithGaps() {
        let bars = [
            StrategyFixtures.bar(0, open: 9.2, high: 10, low: 9, close: 9.5),
            StrategyFixtures.bar(1, open: 11.2, high: 12, low: 11, close: 11.5),
            StrategyFixtures.bar(2, open: 11.5, high: 11.8, low: 11.2, close: 11.4),
            StrategyFixtures.bar(3, open: 10.4, high: 10.5, low: 10, close: 10.2),
            StrategyFixtures.bar(4, open: 10.2, high: 10.6, low: 10.1, close: 10.5),
        ]
        var atr = ATR(period: 3)
        let outputs = bars.map { atr.update($0) }
        let expected: [Double?] = [nil, nil, 41.0 / 30, 62.0 / 45, 146.5 / 135]
        #expect(zip(outputs, expected).allSatisfy { StrategyFixtures.isClose($0, $1) }, "got \(outputs)")
    }

    @Test("the true range reaches to the previous close when the bar gaps", arguments: [
        (10.0, 9.0, nil, 1.0),
        (10.0, 9.0, 9.5, 1.0),
        (10.0, 9.0, 12.0, 3.0),  // gap down from 12: |9 − 12|
        (10.0, 9.0, 7.0, 3.0),  // gap up from 7: |10 − 7|
    ] as [(Double, Double, Double?, Double)])
    func trueRange(high: Double, low: Double, previousClose: Double?, expected: Double) {
        #expect(ATR.trueRange(high: high, low: low, previousClose: previousClose) == expected)
    }

    /// Period 3 over 1, 2, 3, 4, 10: windows (1,2,3) → 2, (2,3,4) → 3, (3,4,10) → 17/3.
    @Test("the rolling mean slides over its window")
    func rollingMean() {
        var mean = RollingMean(period: 3)
        let outputs = [1.0, 2, 3, 4, 10].map { mean.update($0) }
        let expected: [Double?] = [nil, nil, 2, 3, 17.0 / 3]
        #expect(zip(outputs, expected).allSatisfy { StrategyFixtures.isClose($0, $1) }, "got \(outputs)")
    }

    @Test("the rolling mean agrees with a direct mean over a long series")
    func rollingMeanLongSeries() {
        var series = StrategyFixtures.Series(seed: 7)
        var mean = RollingMean(period: 20)
        var values: [Double] = []
        for _ in 0..<2_000 {
            let x = 1_000 + series.next() * 50
            values.append(x)
            mean.update(x)
        }
        let direct = values.suffix(20).reduce(0, +) / 20
        #expect(StrategyFixtures.isClose(mean.value, direct, tolerance: 1e-12))
    }
}
