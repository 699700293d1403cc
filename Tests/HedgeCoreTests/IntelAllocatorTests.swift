import HedgeTestKit
import Testing
@testable import HedgeCore

private typealias F = IntelFixtures
private typealias R = RiskFixtures

@Suite("Intel: feedback allocator and risk auto-tune")
struct IntelAllocatorTests {
    static func score(_ symbol: String, _ value: Double) -> SymbolScore {
        SymbolScore(symbol: symbol, score: value, sampleCount: 50,
                    components: SymbolScore(symbol: symbol, inputs: SymbolScoreInputs(sampleCount: 50)).components)
    }

    /// An expectancy table with `count` trades for each of `symbols`.
    static func expectancy(_ symbols: [String], count: Int = 50) -> ExpectancySnapshot {
        var trades: [ClosedTrade] = []
        for symbol in symbols { trades += (0..<count).map { _ in F.trade(symbol, pnl: 1) } }
        return ExpectancySnapshot.build(trades: trades)
    }

    static func propose(_ scores: [String: Double], parameters: AllocatorParameters = .default,
                        limits: RiskLimits = R.limits) -> AllocationProposal {
        proposeAllocation(scores: scores.reduce(into: [:]) { $0[$1.key] = score($1.key, $1.value) },
                          expectancy: expectancy(Array(scores.keys)), limits: limits, universe: R.universe,
                          navUSD: 100_000, parameters: parameters)
    }

    @Test("current caps are the tightest applicable limit; proposed shows the multiplier; USD at the NAV")
    func currentVersusProposed() throws {
        let proposal = Self.propose(["BTCUSDT": 0.25, "SOLUSDT": 0.9])
        let btc = try #require(proposal.symbols["BTCUSDT"])
        #expect(btc.current.maxNavPct == 30)          // per-symbol 30 < tier 60, cluster 60, gross 150
        #expect(btc.current.maxTradeNavPct == 5)
        #expect(btc.multiplier == 0.625)              // 0.25 + 0.75 × 0.25 / 0.5
        #expect(btc.proposed.maxNavPct == 18.75)
        #expect(btc.proposed.maxTradeNavPct == 3.125)
        #expect(btc.proposed.maxNavUSD == 18_750)
        let sol = try #require(proposal.symbols["SOLUSDT"])
        #expect(sol.current.maxNavPct == 40)          // tier T2 40 = cluster L1 40
        #expect(sol.proposed == sol.current)
        // Enabled universe symbols without a score are listed at the neutral score; disabled ones are not.
        #expect(proposal.symbols["ETHUSDT"]?.multiplier == 1)
        #expect(proposal.symbols["DOGEUSDT"] == nil)
        #expect(proposal.maxConcurrentPositions.current == 4)
    }

    @Test("property: a higher score never gets a lower cap, and no cap exceeds the current limit")
    func monotoneAndBounded() throws {
        var rng = SplitMix64(seed: 0xA110_C8)
        for _ in 0..<2_000 {
            var parameters = AllocatorParameters.default
            parameters.allowZero = Bool.random(using: &rng)
            parameters.minMultiplier = Double.random(in: 0...1, using: &rng)
            parameters.fullCapScore = Double.random(in: 0.1...1, using: &rng)
            let low = Double.random(in: 0...1, using: &rng)
            let high = Double.random(in: low...1, using: &rng)
            let a = Self.propose(["BTCUSDT": low, "SOLUSDT": 0.5], parameters: parameters)
            let b = Self.propose(["BTCUSDT": high, "SOLUSDT": 0.5], parameters: parameters)
            let capA = try #require(a.symbols["BTCUSDT"]?.proposed)
            let capB = try #require(b.symbols["BTCUSDT"]?.proposed)
            #expect(capB.maxNavPct >= capA.maxNavPct)
            #expect(capB.maxTradeNavPct >= capA.maxTradeNavPct)
            #expect(b.maxConcurrentPositions.proposed >= a.maxConcurrentPositions.proposed)
            for proposal in [a, b] {
                #expect(proposal.maxConcurrentPositions.proposed <= R.limits.global.maxConcurrentPositions)
                for allocation in proposal.symbols.values {
                    #expect(allocation.proposed.maxNavPct <= allocation.current.maxNavPct)
                    #expect(allocation.proposed.maxTradeNavPct <= R.limits.global.maxTradeNavPct)
                    #expect(allocation.proposed.maxNavPct <= R.limits.global.maxGrossExposureXNav * 100)
                    if !parameters.allowZero {
                        #expect(allocation.proposed.maxNavPct > 0)
                        #expect(proposal.maxConcurrentPositions.proposed >= 1)
                    }
                }
            }
        }
    }

    @Test("a zero score shrinks caps but zeroes them only when allowed", arguments: [false, true])
    func allowZero(allowed: Bool) throws {
        let proposal = Self.propose(["BTCUSDT": 0], parameters: AllocatorParameters(allowZero: allowed))
        let btc = try #require(proposal.symbols["BTCUSDT"])
        #expect(btc.proposed.maxNavPct == (allowed ? 0 : 7.5))
    }

    @Test("few trades pull a score towards neutral")
    func confidence() {
        let parameters = AllocatorParameters.default
        #expect(parameters.effectiveScore(0, sampleCount: 0) == 0.5)
        #expect(parameters.effectiveScore(0, sampleCount: 10) == 0.25)
        #expect(parameters.effectiveScore(0, sampleCount: 40) == 0)
    }

    // MARK: risk auto-tune

    @Test("burst limits by hand: clean execution loosens with confidence, bad execution tightens in full",
          arguments: [(1.0, 1.0, 6, 30), (1.0, 0.0, 4, 20), (1.0, 0.5, 5, 25), (6.0, 1.0, 3, 17), (10.0, 0.0, 1, 5), (40.0, 1.0, 1, 5)])
    func burstLimits(slippage: Double, confidence: Double, perHour: Int, perDay: Int) {
        let suggestion = suggestBurstLimits(limits: R.limits.global, slippageBps: slippage, confidence: confidence)
        #expect(suggestion.maxTradesPerHour == .init(current: 4, proposed: perHour))
        #expect(suggestion.maxTradesPerDay == .init(current: 20, proposed: perDay))
    }

    @Test("property: burst limits stay within [floor, limit × max factor], never rise with slippage, never fall with confidence")
    func burstProperties() {
        var rng = SplitMix64(seed: 0xB0_457)
        for _ in 0..<5_000 {
            var global = R.limits.global
            global.maxTradesPerHour = Int.random(in: 1...200, using: &rng)
            global.maxTradesPerDay = Int.random(in: 1...2_000, using: &rng)
            let parameters = RiskAutotuneParameters(slippageGoodBps: Double.random(in: 0...5, using: &rng),
                                                    slippageBadBps: Double.random(in: 5.5...30, using: &rng),
                                                    floorFraction: Double.random(in: 0.05...1, using: &rng),
                                                    maxFactor: Double.random(in: 1...3, using: &rng))
            let slip = Double.random(in: -5...40, using: &rng)
            let confidence = Double.random(in: 0...1, using: &rng)
            let base = suggestBurstLimits(limits: global, slippageBps: slip, confidence: confidence, parameters: parameters)
            let worse = suggestBurstLimits(limits: global, slippageBps: slip + Double.random(in: 0...20, using: &rng),
                                           confidence: confidence, parameters: parameters)
            let surer = suggestBurstLimits(limits: global, slippageBps: slip, confidence: min(1, confidence + 0.3), parameters: parameters)
            #expect(worse.maxTradesPerHour.proposed <= base.maxTradesPerHour.proposed)
            #expect(worse.maxTradesPerDay.proposed <= base.maxTradesPerDay.proposed)
            #expect(surer.maxTradesPerHour.proposed >= base.maxTradesPerHour.proposed)
            for (limit, configured) in [(base.maxTradesPerHour.proposed, global.maxTradesPerHour),
                                        (base.maxTradesPerDay.proposed, global.maxTradesPerDay)] {
                #expect(Double(limit) <= Double(configured) * parameters.maxFactor)
                #expect(limit >= max(1, Int((Double(configured) * parameters.floorFraction).rounded(.up))))
            }
        }
    }
}
