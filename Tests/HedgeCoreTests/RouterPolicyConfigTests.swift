import HedgeCore
import Testing

@Suite("Router policy from config")
struct RouterPolicyConfigTests {
    @Test("a symbol's policy: the default, then its tier's keys, then its own; its tier always its own")
    func resolution() {
        let config = RouterPolicyConfig(
            tiers: [.t1: .init(makerFirst: true, takerBias: 0.1, offsetBps: 1)],
            symbols: ["BTCUSDT": .init(offsetBps: 0.2), "SOLUSDT": .init(makerFirst: false)])
        let btc = config.policy(for: "BTCUSDT", tier: .t1)
        #expect(btc.policy == RouterPolicy(makerFirst: true, takerBias: 0.1, offsetBps: 0.2, tier: .t1) && btc.source == .symbol)
        let eth = config.policy(for: "ETHUSDT", tier: .t1)
        #expect(eth.policy == RouterPolicy(makerFirst: true, takerBias: 0.1, offsetBps: 1, tier: .t1) && eth.source == .tier)
        let sol = config.policy(for: "SOLUSDT", tier: .t2)
        #expect(sol.policy == RouterPolicy(makerFirst: false, takerBias: RouterPolicy.default.takerBias,
                                           offsetBps: RouterPolicy.default.offsetBps, tier: .t2) && sol.source == .symbol)
        let xrp = config.policy(for: "XRPUSDT", tier: .t2)
        #expect(xrp.policy.tier == .t2 && xrp.source == .default)
    }
}
