import HedgeTestKit
import Testing
@testable import HedgeCore

private typealias F = RiskFixtures

@Suite("Sizer: suggestGrossUSD")
struct PositionSizerTests {
    @Test("an intent within every cap keeps its size")
    func withinCaps() {
        let sized = suggestGrossUSD(F.intent, state: F.state, limits: F.limits, universe: F.universe)
        #expect(sized.grossUSD == 1_000)
        #expect(sized.bindingCap == nil)
    }

    @Test("the tightest cap binds and the sized intent passes checkOrder")
    func tightestCapBinds() {
        var state = F.state
        state.positions = [F.position("BTCUSDT", .long, 27_500)]
        var intent = F.intent
        intent.grossUSD = 4_000  // trade cap 5 000, symbol cap leaves 2 500
        let sized = suggestGrossUSD(intent, state: state, limits: F.limits, universe: F.universe)
        #expect(sized.grossUSD == 2_500)
        #expect(sized.bindingCap == .maxSymbolNavPct)
        intent.grossUSD = sized.grossUSD
        #expect(F.check(intent, state).allowed)
    }

    @Test("less room than the minimum notional sizes to zero", arguments: [9.99, 0])
    func belowMinimum(room: Double) {
        var state = F.state
        state.positions = [F.position("BTCUSDT", .long, 30_000 - room)]
        let sized = suggestGrossUSD(F.intent, state: state, limits: F.limits, universe: F.universe)
        #expect(sized.grossUSD == 0)
        #expect(sized.bindingCap == .maxSymbolNavPct)
    }

    @Test("a blocked regime sizes to zero; a reduce-only intent is clamped to its leg")
    func regimeAndReduceOnly() {
        var state = F.state
        state.regime = .crash
        #expect(suggestGrossUSD(F.intent, state: state, limits: F.limits, universe: F.universe).grossUSD == 0)
        state.regime = .chop
        state.positions = [F.position("BTCUSDT", .short, 700)]
        let reduce = OrderIntent(symbol: "BTCUSDT", side: .buy, grossUSD: 1_000, leverage: 1, strategy: "trend", reduceOnly: true)
        #expect(suggestGrossUSD(reduce, state: state, limits: F.limits, universe: F.universe).grossUSD == 700)
    }

    @Test("property: over random states and limits, a sized intent is never vetoed for size or exposure")
    func neverVetoedForSize() {
        var rng = SplitMix64(seed: 0x4845_4447_45)
        let symbols = F.universe.symbols.keys.sorted() + ["UNKNOWNUSDT"]
        var sizedCount = 0
        for _ in 0..<3_000 {
            var limits = F.limits
            limits.global.maxTradeNavPct = Double.random(in: 0.1...100, using: &rng)
            limits.global.maxGrossExposureXNav = Double.random(in: 0.05...5, using: &rng)
            limits.global.minNotionalUSD = Double.random(in: 0...50, using: &rng)
            for tier in Tier.allCases {
                limits.tiers[tier] = TierLimits(maxNavPct: Double.random(in: 0.1...100, using: &rng), maxConcurrentPositions: 5)
            }
            for cluster in ["MAJOR", "L1", "MEME"] {
                limits.clusters[cluster] = ClusterLimits(maxNavPct: Double.random(in: 0.1...100, using: &rng))
            }
            limits.perSymbol["BTCUSDT"]?.maxNavPct = Double.random(in: 0.1...100, using: &rng)
            limits.regimeMultipliers = Dictionary(uniqueKeysWithValues: Regime.allCases.map {
                ($0, Bool.random(using: &rng) ? 0 : Double.random(in: 0.1...2, using: &rng))
            })

            var state = RiskState(navUSD: Double.random(in: 50...5_000_000, using: &rng), navAgeSeconds: 1)
            state.regime = Regime.allCases.randomElement(using: &rng) ?? .chop
            state.positions = (0..<Int.random(in: 0...6, using: &rng)).map { _ in
                F.position(symbols.randomElement(using: &rng) ?? "BTCUSDT",
                           Bool.random(using: &rng) ? .long : .short,
                           Double.random(in: 0...state.navUSD * 0.6, using: &rng))
            }
            var intent = OrderIntent(
                symbol: symbols.randomElement(using: &rng) ?? "BTCUSDT",
                side: Bool.random(using: &rng) ? .buy : .sell,
                grossUSD: Double.random(in: 0...state.navUSD, using: &rng), leverage: 1, strategy: "trend")

            let sized = suggestGrossUSD(intent, state: state, limits: limits, universe: F.universe)
            #expect(sized.grossUSD <= intent.grossUSD)
            guard sized.grossUSD > 0 else { continue }
            sizedCount += 1
            intent.grossUSD = sized.grossUSD
            let decision = checkOrder(intent, state: state, limits: limits, universe: F.universe)
            let sizeFailures = decision.detail.checks.filter { !$0.passed && $0.measure.isSizeMeasure }
            #expect(sizeFailures.isEmpty, "sized \(sized.grossUSD) for \(intent.symbol) failed \(sizeFailures)")
            #expect(!decision.vetoes.contains(.regimeBlocked))
        }
        #expect(sizedCount > 500, "the generator must exercise many sized intents, got \(sizedCount)")
    }
}
