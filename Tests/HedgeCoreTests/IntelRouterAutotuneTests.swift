import Testing
@testable import HedgeCore

private typealias F = IntelFixtures

@Suite("Intel: router auto-tune and apply gate")
struct IntelRouterAutotuneTests {
    static let policy = RouterPolicy(makerFirst: true, takerBias: 0.3, offsetBps: 1, tier: .t1)

    static func suggest(_ health: RouterHealth, current: RouterPolicy = policy, score: Double = 0.6) -> RouterPolicySuggestion {
        let symbolScore = SymbolScore(symbol: "BTCUSDT", score: score, sampleCount: 40, components: SymbolScore(
            symbol: "BTCUSDT", inputs: SymbolScoreInputs(sampleCount: 40)).components)
        return suggestRouterPolicy(symbol: "BTCUSDT", current: current, health: health, score: symbolScore)
    }

    @Test("inside the dead band nothing changes, however the fill ratio moves within it",
          arguments: [0.4, 0.45, 0.55, 0.7, 0.75])
    func deadBand(fill: Double) {
        let suggestion = Self.suggest(F.health(makerFill: fill))
        #expect(!suggestion.changed)
        #expect(suggestion.suggested == Self.policy)
    }

    @Test("a small move across the band edge moves the policy by a small step only")
    func smallStep() {
        let suggestion = Self.suggest(F.health(makerFill: 0.39))
        #expect(suggestion.changed)
        #expect(abs(suggestion.suggested.takerBias - 0.305) < 1e-12)   // 0.5 × 0.01
        #expect(abs(suggestion.suggested.offsetBps - 0.975) < 1e-12)   // −2.5 × 0.01
    }

    @Test("a big move changes taker bias and offset by at most their per-run bounds", arguments: [0.0, 0.05, 0.2, 0.95, 1.0])
    func boundedStep(fill: Double) {
        let suggestion = Self.suggest(F.health(makerFill: fill, slippage: 30))
        #expect(abs(suggestion.suggested.takerBias - Self.policy.takerBias) <= 0.1 + 1e-12)
        #expect(abs(suggestion.suggested.offsetBps - Self.policy.offsetBps) <= 0.5 + 1e-12)
        #expect(suggestion.suggested.tier == Self.policy.tier)
    }

    @Test("poor maker fills lean taker and rest closer; good fills lean maker; costly taking leans maker")
    func directions() {
        let poor = Self.suggest(F.health(makerFill: 0.1, slippage: 5))
        #expect(poor.suggested.takerBias == 0.4)
        #expect(poor.suggested.offsetBps == 0.5)
        let good = Self.suggest(F.health(makerFill: 0.95))
        #expect(good.suggested.takerBias == 0.2)
        #expect(good.suggested.offsetBps == 1.5)
        let costly = Self.suggest(F.health(makerFill: 0.5, slippage: 13))
        #expect(abs(costly.suggested.takerBias - 0.25) < 1e-12)   // −0.01 × 5
        #expect(costly.suggested.offsetBps == 1)
    }

    @Test("fewer orders than the minimum suggest nothing (warm-up)")
    func warmup() {
        let suggestion = Self.suggest(F.health(orders: 19, makerFill: 0))
        #expect(!suggestion.changed)
        #expect(suggestion.reasons == ["warm-up: order_count 19 < min_orders 20"])
    }

    @Test("a weak score never raises the taker bias")
    func weakScore() {
        let suggestion = Self.suggest(F.health(makerFill: 0.1, slippage: 5), score: 0.2)
        #expect(suggestion.suggested.takerBias == Self.policy.takerBias)
        #expect(suggestion.suggested.offsetBps == 0.5)
    }

    @Test("maker-first switches off and back on only past separate thresholds (hysteresis)")
    func makerFirstHysteresis() {
        #expect(Self.suggest(F.health(makerFill: 0.1, slippage: 2)).suggested.makerFirst == false)
        #expect(Self.suggest(F.health(makerFill: 0.1, slippage: 5)).suggested.makerFirst == true)
        var off = Self.policy
        off.makerFirst = false
        #expect(Self.suggest(F.health(makerFill: 0.2, slippage: 5), current: off).suggested.makerFirst == false)
        #expect(Self.suggest(F.health(makerFill: 0.2, slippage: 8), current: off).suggested.makerFirst == true)
        #expect(Self.suggest(F.health(makerFill: 0.4, slippage: 1), current: off).suggested.makerFirst == true)
    }

    @Test("bounds are respected at the edges and an out-of-range offset is never pushed further out")
    func edges() {
        let high = RouterPolicy(makerFirst: true, takerBias: 0.95, offsetBps: 0.2, tier: .t2)
        let suggestion = Self.suggest(F.health(makerFill: 0, slippage: 5), current: high)
        #expect(suggestion.suggested.takerBias == 1)
        #expect(suggestion.suggested.offsetBps == 0)
        let wide = RouterPolicy(makerFirst: true, takerBias: 0.3, offsetBps: 9, tier: .t2)
        #expect(Self.suggest(F.health(makerFill: 0.99), current: wide).suggested.offsetBps == 9)
        #expect(Self.suggest(F.health(makerFill: 0.1, slippage: 5), current: wide).suggested.offsetBps == 8.5)
    }

    // MARK: apply gate

    static func changed() -> RouterPolicySuggestion {
        Self.suggest(F.health(orders: 100, makerFill: 0.1, slippage: 5), score: 0.7)
    }

    @Test("the gate applies a bounded change for an allowed, high-quality symbol when the flag is on")
    func applies() {
        let gate = RouterAutotuneApplyGate(flags: FlagSnapshot().setting(.routerAutotuneApply, true), allowlist: ["BTCUSDT"])
        let decision = gate.evaluate(Self.changed())
        #expect(decision.applied)
        #expect(decision.policy == Self.changed().suggested)
    }

    @Test("each refusal names its reason and keeps the current policy",
          arguments: [ApplyRefusal.applyFlagOff, .symbolNotAllowed, .sampleBelowMinimum, .scoreBelowMinimum, .noChange, .stepOutOfBounds])
    func refusals(reason: ApplyRefusal) {
        var gate = RouterAutotuneApplyGate(applyEnabled: true, allowlist: ["BTCUSDT"])
        var suggestion = Self.changed()
        switch reason {
        case .applyFlagOff: gate = RouterAutotuneApplyGate(flags: FlagSnapshot(), allowlist: ["BTCUSDT"])
        case .symbolNotAllowed: gate.allowlist = ["ETHUSDT"]
        case .sampleBelowMinimum: suggestion.orderCount = 49
        case .scoreBelowMinimum: suggestion.score = 0.49
        case .noChange: suggestion.suggested = suggestion.current
        case .stepOutOfBounds: suggestion.suggested.takerBias = suggestion.current.takerBias + 0.25
        }
        let decision = gate.evaluate(suggestion)
        #expect(!decision.applied)
        #expect(decision.refusals.map(\.code) == [reason])
        #expect(decision.policy == suggestion.current)
        #expect(!(decision.refusals.first?.message.isEmpty ?? true))
    }
}
