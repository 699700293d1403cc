import Testing
@testable import HedgeCore

@Suite("Triggers strategy")
struct StrategyTriggersTests {
    /// A quiet bar: open and close 100, range 99.5–100.5, volume 100.
    static func flat(_ index: Int, high: Double = 100.5) -> Bar {
        StrategyFixtures.bar(index, open: 100, high: high, low: 99.5, close: 100, volume: 100)
    }

    /// Feeds `bars` of one symbol and returns the signals by bar index.
    private func run(
        _ bars: [Bar], _ parameters: TriggersParameters, tiers: [String: Tier] = ["SOLUSDT": .t1],
        symbol: String = "SOLUSDT", gate: ExpectancyGate = .allowAll
    ) -> [Int: StrategySignal] {
        var strategy = TriggersStrategy(parameters: parameters, tiers: tiers, gate: gate)
        var signals: [Int: StrategySignal] = [:]
        for (index, bar) in bars.enumerated() {
            let emitted = strategy.onBar(bar, symbol: symbol, regime: .chop)
            #expect(emitted.count <= 1, "at most one signal per bar")
            if let signal = emitted.first { signals[index] = signal }
        }
        return signals
    }

    /// Five quiet bars, then bar 5 closes at 103 (high 103.5) on volume 190.
    /// Breakout: prior high 100.5, (103 / 100.5 − 1) × 100 = 2.49 % ≥ 0.5 → strength min(1, 2.49 / 1) = 1;
    /// confidence min(1, (190 / 100) / 1.9) = 1 → conviction 1.
    /// Volume spike also fires: ratio 1.9 → strength 0.5, lower conviction, so the breakout wins.
    /// Size T1: 2 × 8 / 6 = 2.667 % NAV; stop 103 × 0.94 = 96.82; take-profit 103 × 1.2 = 123.6.
    static let breakoutBars = (0..<5).map { flat($0) }
        + [StrategyFixtures.bar(5, open: 100, high: 103.5, low: 100, close: 103, volume: 190)]

    @Test("a close above the preceding window's high emits one breakout BUY, the strongest of the triggers")
    func breakout() throws {
        let signals = run(Self.breakoutBars, TriggersParameters(lookbackBars: 5))
        #expect(Set(signals.keys) == [5])
        let signal = try #require(signals[5])
        #expect(signal.side == .buy)
        #expect(signal.reason == "triggers.breakout")
        #expect(signal.strategy == "triggers")
        #expect(signal.conviction == 1)
        #expect(StrategyFixtures.isClose(signal.sizeNavPct, 16.0 / 6))
        #expect(StrategyFixtures.isClose(signal.stopPrice, 96.82))
        #expect(StrategyFixtures.isClose(signal.takeProfitPrice, 123.6))
    }

    /// Breakout stop 6 %: size = tier base × 8 / 6, clamped to max_size_nav_pct 3.
    @Test("size is the tier base scaled by target risk over the stop distance, clamped to the maximum",
          arguments: [
              ("SOLUSDT", Tier.t1, 2.0, 16.0 / 6),
              ("SOLUSDT", Tier.t2, 2.0, 8.0 / 6),
              ("SOLUSDT", Tier.t3, 2.0, 4.0 / 6),
              ("SOLUSDT", nil, 2.0, 4.0 / 6),  // a symbol missing from the map is sized as T3
              ("SOLUSDT", Tier.t1, 5.0, 3.0),  // 5 × 8 / 6 = 6.67 → clamped to 3
          ] as [(String, Tier?, Double, Double)])
    func tierSizing(symbol: String, tier: Tier?, t1SizeNavPct: Double, expected: Double) throws {
        let tiers = tier.map { [symbol: $0] } ?? [:]
        let parameters = TriggersParameters(lookbackBars: 5, t1SizeNavPct: t1SizeNavPct)
        let signal = try #require(run(Self.breakoutBars, parameters, tiers: tiers)[5])
        #expect(StrategyFixtures.isClose(signal.sizeNavPct, expected))
    }

    /// Bar 5 closes at 100.5 × 1.006 = 101.103 on ordinary volume: 0.6 % above the prior high →
    /// strength 0.6 / (2 × 0.5) = 0.6; confidence (100 / 100) / 1.9 = 0.5263 → conviction 0.3158.
    @Test("a proposal below min_conviction is dropped", arguments: [(0.34, false), (0.31, true)])
    func minConviction(minConviction: Double, signals: Bool) {
        let bars = (0..<5).map { Self.flat($0) }
            + [StrategyFixtures.bar(5, open: 100, high: 101.2, low: 100, close: 100.5 * 1.006, volume: 100)]
        let signal = run(bars, TriggersParameters(lookbackBars: 5, minConviction: minConviction))[5]
        #expect((signal != nil) == signals)
        if let signal {
            #expect(signal.reason == "triggers.breakout")
            #expect(StrategyFixtures.isClose(signal.conviction, 0.6 / 1.9))
        }
    }

    /// Eight quiet bars (bar 6 with a wick to 115 that keeps every later close below the prior
    /// high, so no breakout), then closes 102, 104, 106, 108 on ordinary volume. Momentum over
    /// 4 bars: bar 9 +4 % → 0.5 × 0.5263 = 0.263 (dropped); bar 10 +6 % → 0.75 × 0.5263 = 0.3947;
    /// bar 11 +8 % → 1 × 0.5263 = 0.5263.
    static let momentumBars = (0..<8).map { flat($0, high: $0 == 6 ? 115 : 100.5) }
        + StrategyFixtures.bars(closes: [100, 102, 104, 106, 108], firstIndex: 7).dropFirst()

    @Test("a return over momentum_bars past the threshold emits a momentum BUY, and cooldown quiets the next bars",
          arguments: [(3, [10]), (0, [10, 11])])
    func momentum(cooldownBars: Int, expectedBars: [Int]) throws {
        let parameters = TriggersParameters(lookbackBars: 8, cooldownBars: cooldownBars)
        let signals = run(Self.momentumBars, parameters)
        #expect(signals.keys.sorted() == expectedBars)
        let first = try #require(signals[10])
        #expect(first.reason == "triggers.momentum")
        #expect(StrategyFixtures.isClose(first.conviction, 0.75 / 1.9))
        #expect(StrategyFixtures.isClose(first.stopPrice, 106 * 0.92))
        #expect(StrategyFixtures.isClose(first.takeProfitPrice, 106 * 1.15))
        if let second = signals[11] {
            #expect(StrategyFixtures.isClose(second.conviction, 1 / 1.9))
        }
    }

    /// Bar 5 trades 400 against a mean of 100: ratio 4 → strength min(1, 4 / 3.8) = 1. Body 0.4 of a
    /// 0.6 range → confidence 0.667. The close (100.4 or 99.6) stays inside the prior range, so
    /// no breakout. Size T1 2 × 8 / 5 = 3.2 → clamped to 3.
    @Test("a volume spike trades in the direction of the bar's body; a red spike needs shorts",
          arguments: [
              (100.4, false, Side?.some(.buy)),
              (99.6, false, nil),
              (99.6, true, Side?.some(.sell)),
          ])
    func volumeSpike(close: Double, allowShort: Bool, expected: Side?) {
        let spike = StrategyFixtures.bar(
            5, open: 100, high: max(100, close) + 0.1, low: min(100, close) - 0.1, close: close, volume: 400)
        let bars = (0..<5).map { Self.flat($0) } + [spike]
        let signal = run(bars, TriggersParameters(lookbackBars: 5, allowShort: allowShort))[5]
        #expect(signal?.side == expected)
        if let signal {
            #expect(signal.reason == "triggers.volume_spike")
            #expect(StrategyFixtures.isClose(signal.conviction, 0.4 / 0.6))
            #expect(signal.sizeNavPct == 3)
        }
    }

    /// Ten bars at 100, then closes 96, 92, 90 (the low), 91, 92, 95.4. At bar 15 the window of
    /// closes (bars 6–15) peaks at 100 (bar 9, 6 bars ago) before its low 90 (bar 12, 3 bars ago):
    /// drop 10 % ≥ 6, recovery 95.4 / 90 − 1 = 6 % ≥ 3 → strength 6 / 6 = 1, confidence 1 / 1.9
    /// → conviction 0.5263. Momentum over 4 bars is 95.4 / 92 − 1 = 3.7 % < 4; the prior high 100
    /// is not broken. Size T2: 1 × 8 / 12 = 0.667; stop 95.4 × 0.88; take-profit 95.4 × 1.25.
    @Test("a V-shaped drop and recovery emits a reversal BUY")
    func reversal() throws {
        let bars = StrategyFixtures.bars(closes: Array(repeating: 100, count: 10) + [96, 92, 90, 91, 92, 95.4])
        let signals = run(bars, TriggersParameters(lookbackBars: 10), tiers: ["SOLUSDT": .t2])
        #expect(Set(signals.keys) == [15])
        let signal = try #require(signals[15])
        #expect(signal.reason == "triggers.reversal")
        #expect(signal.side == .buy)
        #expect(StrategyFixtures.isClose(signal.conviction, 1 / 1.9))
        #expect(StrategyFixtures.isClose(signal.sizeNavPct, 8.0 / 12))
        #expect(StrategyFixtures.isClose(signal.stopPrice, 95.4 * 0.88))
        #expect(StrategyFixtures.isClose(signal.takeProfitPrice, 95.4 * 1.25))
    }

    @Test("nothing fires before the lookback window is full, however violent the bars")
    func warmUp() {
        let bars = StrategyFixtures.bars(closes: [100, 130, 90, 140, 80], volume: 1_000)
        #expect(run(bars, TriggersParameters(lookbackBars: 5)).isEmpty)
    }

    @Test("a bucket blocked by the expectancy gate suppresses the signal")
    func expectancyGate() {
        let gate = ExpectancyGate(blocked: [ExpectancyKey(symbol: "SOLUSDT", hourUTC: 5, regime: .chop)])
        #expect(run(Self.breakoutBars, TriggersParameters(lookbackBars: 5), gate: gate).isEmpty)
    }
}
