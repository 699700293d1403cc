import HedgeTestKit
import Testing
@testable import HedgeCore

private typealias F = IntelFixtures

@Suite("Intel: symbol score")
struct IntelScoreTests {
    /// Random inputs over wide ranges, some components missing.
    private static func randomInputs(_ rng: inout SplitMix64) -> SymbolScoreInputs {
        func maybe(_ range: ClosedRange<Double>) -> Double? {
            Int.random(in: 0..<5, using: &rng) == 0 ? nil : Double.random(in: range, using: &rng)
        }
        return SymbolScoreInputs(sampleCount: Int.random(in: 0...500, using: &rng),
                                 expectancyBps: maybe(-100...100), sharpe: maybe(-3...3), feeDragBps: maybe(0...60),
                                 slippageBps: maybe(-5...40), makerFillRatio: maybe(0...1), fallbackRate: maybe(0...1))
    }

    private static func score(_ inputs: SymbolScoreInputs) -> Double {
        SymbolScore(symbol: "BTCUSDT", inputs: inputs).score
    }

    @Test("no trades and no router metrics score the neutral 0.5 with sample_count 0")
    func neutral() {
        let empty = SymbolScoreReport(trades: [], health: [:])
        #expect(empty.sampleCount == 0)
        #expect(empty.scores.isEmpty)
        let score = SymbolScore(symbol: "BTCUSDT", inputs: SymbolScoreInputs(trades: [], health: nil))
        #expect(score.score == 0.5)
        #expect(score.sampleCount == 0)
        #expect(score.components.all.allSatisfy { $0.value == nil && $0.score == 0.5 })
    }

    @Test("components and score by hand: 10 bps expectancy, 2 bps fees, 5 bps slippage, 60 % maker, 10 % fallback")
    func handComputed() throws {
        let inputs = SymbolScoreInputs(sampleCount: 30, expectancyBps: 10, sharpe: 0.25, feeDragBps: 2, slippageBps: 5,
                                       makerFillRatio: 0.6, fallbackRate: 0.1)
        let score = SymbolScore(symbol: "BTCUSDT", inputs: inputs)
        #expect(score.components.expectancy.score == 0.7)     // 0.5 + 10 / 50
        #expect(score.components.sharpe.score == 0.75)        // 0.5 + 0.25 / 1
        #expect(score.components.feeDrag.score == 0.9)        // 1 − 2 / 20
        #expect(score.components.slippage.score == 0.5)       // 1 − 5 / 10
        #expect(score.components.makerFill.score == 0.6)
        #expect(score.components.fallback.score == 0.9)
        let expected = 0.35 * 0.7 + 0.2 * 0.75 + 0.15 * 0.9 + 0.15 * 0.5 + 0.075 * 0.6 + 0.075 * 0.9
        #expect(abs(score.score - expected) < 1e-12)
    }

    @Test("trade metrics: expectancy and fee drag per notional, Sharpe of per-trade net returns")
    func fromTrades() throws {
        // Each trade has 1 000 USD notional: net returns 0.02, −0.01, 0.005.
        let trades = [F.trade(pnl: 21, fees: 1), F.trade(pnl: -9, fees: 1), F.trade(pnl: 6, fees: 1)]
        let inputs = SymbolScoreInputs(trades: trades, health: nil)
        #expect(inputs.sampleCount == 3)
        #expect(abs((inputs.expectancyBps ?? 0) - 50) < 1e-9)   // 15 / 3 000 × 10 000
        #expect(abs((inputs.feeDragBps ?? 0) - 10) < 1e-9)      // 3 / 3 000 × 10 000
        let mean = 0.015 / 3
        let deviation = ((0.015 * 0.015 + 0.015 * 0.015 + 0) / 2).squareRoot()
        #expect(abs((inputs.sharpe ?? 0) - mean / deviation) < 1e-9)
        #expect(inputs.slippageBps == nil)
        #expect(SymbolScoreInputs(trades: [F.trade(pnl: 5)], health: nil).sharpe == nil)
    }

    @Test("property: the score is always in [0, 1], whatever the inputs and weights")
    func bounded() {
        var rng = SplitMix64(seed: 0x5C0_4E)
        for _ in 0..<5_000 {
            var parameters = SymbolScoreParameters.default
            parameters.expectancyWeight = Double.random(in: -1...3, using: &rng)
            parameters.slippageWeight = Double.random(in: 0...3, using: &rng)
            parameters.sharpeScale = Double.random(in: 0...2, using: &rng)
            let score = SymbolScore(symbol: "X", inputs: Self.randomInputs(&rng), parameters: parameters).score
            #expect(score >= 0 && score <= 1)
        }
        let extreme = SymbolScoreInputs(sampleCount: 1, expectancyBps: .infinity, sharpe: .nan, feeDragBps: -1e300,
                                        slippageBps: 1e300, makerFillRatio: 7, fallbackRate: -3)
        #expect((0...1).contains(Self.score(extreme)))
    }

    @Test("property: higher expectancy, Sharpe or maker fill never lowers a score")
    func monotoneUp() {
        var rng = SplitMix64(seed: 0xE4_9EC7)
        for _ in 0..<3_000 {
            let base = Self.randomInputs(&rng)
            let up = Double.random(in: 0...50, using: &rng)
            var better = base
            better.expectancyBps = (base.expectancyBps ?? 0) + up
            var withBase = base
            withBase.expectancyBps = base.expectancyBps ?? 0
            #expect(Self.score(better) >= Self.score(withBase))
            better = base
            better.sharpe = (base.sharpe ?? 0) + up / 10
            withBase = base
            withBase.sharpe = base.sharpe ?? 0
            #expect(Self.score(better) >= Self.score(withBase))
            better = base
            better.makerFillRatio = min(1, (base.makerFillRatio ?? 0) + up / 100)
            withBase = base
            withBase.makerFillRatio = base.makerFillRatio ?? 0
            #expect(Self.score(better) >= Self.score(withBase))
        }
    }

    @Test("property: more slippage, fee drag or fallback never raises a score")
    func monotoneDown() {
        var rng = SplitMix64(seed: 0xD0_3E)
        for _ in 0..<3_000 {
            let base = Self.randomInputs(&rng)
            let more = Double.random(in: 0...30, using: &rng)
            var worse = base
            worse.slippageBps = (base.slippageBps ?? 0) + more
            var withBase = base
            withBase.slippageBps = base.slippageBps ?? 0
            #expect(Self.score(worse) <= Self.score(withBase))
            worse = base
            worse.feeDragBps = (base.feeDragBps ?? 0) + more
            withBase = base
            withBase.feeDragBps = base.feeDragBps ?? 0
            #expect(Self.score(worse) <= Self.score(withBase))
            worse = base
            worse.fallbackRate = (base.fallbackRate ?? 0) + more / 30
            withBase = base
            withBase.fallbackRate = base.fallbackRate ?? 0
            #expect(Self.score(worse) <= Self.score(withBase))
        }
    }

    @Test("the report scores every symbol with trades or router metrics")
    func report() throws {
        let health = RouterHealth.bySymbol([F.metrics("SOLUSDT", maker: true, slippage: 0)])
        let report = SymbolScoreReport(trades: [F.trade(pnl: 10), F.trade("ETHUSDT", pnl: -10)], health: health)
        #expect(report.sampleCount == 2)
        #expect(report.scores.keys.sorted() == ["BTCUSDT", "ETHUSDT", "SOLUSDT"])
        let btc = try #require(report.scores["BTCUSDT"]?.score)
        let eth = try #require(report.scores["ETHUSDT"]?.score)
        #expect(btc > eth)
        #expect(report.scores["SOLUSDT"]?.sampleCount == 0)
        #expect(report.scores["SOLUSDT"]?.components.makerFill.value == 1)
    }
}
