import Testing
@testable import HedgeCore

@Suite("Regime detector")
struct RegimeDetectorTests {
    /// Defaults except a 5-bar lookback: bull ≥ +3 % with vol < 2 %, bear ≤ −3 %, crash ≤ −10 % or vol ≥ 4 %.
    static let parameters = RegimeParameters(lookbackBars: 5)

    /// Closes starting at 100, each bar moving by the given percent.
    static func closes(returnsPct: [Double]) -> [Double] {
        returnsPct.reduce(into: [100.0]) { closes, r in closes.append((closes.last ?? 100) * (1 + r / 100)) }
    }

    private func regimes(returnsPct: [Double]) -> [Regime] {
        var detector = RegimeDetector(parameters: Self.parameters)
        return StrategyFixtures.bars(closes: Self.closes(returnsPct: returnsPct)).map { detector.update($0) }
    }

    /// Each row is five bar returns after the first close, so the sixth bar is the first that fills the lookback.
    /// - +1 % × 5: lookback return 1.01⁵ − 1 = +5.10 %, vol 0 → bull
    /// - −1 % × 5: 0.99⁵ − 1 = −4.90 %, vol 0 → bear
    /// - −3 % × 5: 0.97⁵ − 1 = −14.13 % → crash by the drop
    /// - +6 %, −5.66 % alternating (100 ↔ 106): return +6 %, vol ≈ 6.4 % → crash by volatility
    /// - +1 %, −0.99 % alternating (100 ↔ 101): return +1 %, vol ≈ 1.1 % → chop
    /// - +5, −2, +5, −2, +5: return 1.05³ × 0.98² − 1 = +11.18 %, vol = √(58.8 / 4) = 3.83 % ≥ 2 → chop
    ///   (rising, but too wild to call a bull)
    static let series: [([Double], Regime)] = {
        let back106: Double = -6.0 / 1.06  // 106 → 100
        let back101: Double = -1.0 / 1.01  // 101 → 100
        return [
            ([1, 1, 1, 1, 1], .bull),
            ([-1, -1, -1, -1, -1], .bear),
            ([-3, -3, -3, -3, -3], .crash),
            ([6, back106, 6, back106, 6], .crash),
            ([1, back101, 1, back101, 1], .chop),
            ([5, -2, 5, -2, 5], .chop),
        ]
    }()

    @Test("the detector classifies constructed series into each regime", arguments: series)
    func classifiesSeries(returnsPct: [Double], expected: Regime) {
        let result = regimes(returnsPct: returnsPct)
        #expect(result.dropLast() == Array(repeating: .chop, count: 5), "chop while warming up")
        #expect(result.last == expected)
    }

    @Test("the detector reports the lookback return and volatility it classified")
    func reportsMeasures() throws {
        var detector = RegimeDetector(parameters: Self.parameters)
        for bar in StrategyFixtures.bars(closes: Self.closes(returnsPct: [5, -2, 5, -2, 5])) {
            detector.update(bar)
        }
        #expect(detector.isReady)
        let growth: Double = 1.05 * 1.05 * 1.05 * 0.98 * 0.98
        #expect(StrategyFixtures.isClose(detector.lookbackReturnPct, (growth - 1) * 100))
        #expect(StrategyFixtures.isClose(detector.volatilityPct, (58.8 / 4).squareRoot(), tolerance: 1e-9))
    }

    @Test("the regime follows the market as the lookback slides")
    func transitions() {
        let result = regimes(returnsPct: [1, 1, 1, 1, 1, -3, -3, -3, -3, -3])
        // Bar 5 is the first full lookback (bull); the falls then push it through chop and bear to crash.
        #expect(result[5] == .bull)
        #expect(result[10] == .crash)
        #expect(result.contains(.bear))
    }

    @Test("a bar with a non-finite close keeps the current regime")
    func unusableBar() {
        var detector = RegimeDetector(parameters: Self.parameters)
        for bar in StrategyFixtures.bars(closes: Self.closes(returnsPct: [1, 1, 1, 1, 1])) {
            detector.update(bar)
        }
        let broken = Bar(openTimeMs: 6 * 3_600_000, open: 105, high: 106, low: 104, close: .infinity, volume: 1)
        #expect(detector.update(broken) == .bull)
    }

    @Test("classification checks crash first, then bear, then bull, with inclusive thresholds", arguments: [
        (-10.0, 0.0, Regime.crash),
        (-9.9, 0.0, Regime.bear),
        (-3.0, 0.0, Regime.bear),
        (-2.9, 0.0, Regime.chop),
        (0.0, 0.0, Regime.chop),
        (3.0, 1.9, Regime.bull),
        (3.0, 2.0, Regime.chop),
        (20.0, 4.0, Regime.crash),
        (-5.0, 4.0, Regime.crash),
    ] as [(Double, Double, Regime)])
    func classify(returnPct: Double, volatilityPct: Double, expected: Regime) {
        #expect(RegimeParameters.defaults.classify(returnPct: returnPct, volatilityPct: volatilityPct) == expected)
    }
}
