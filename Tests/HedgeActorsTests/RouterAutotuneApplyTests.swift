import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Testing

/// Router auto-tune closed under its flag: with ROUTER_AUTOTUNE_V6_APPLY_ENABLED on, a suggestion
/// that passes RouterAutotuneApplyGate becomes the live policy; off, or outside the allowlist,
/// suggestions only.
@Suite("Intel: router auto-tune applied under its flag")
struct RouterAutotuneApplyTests {
    static let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A router whose BTCUSDT maker orders all filled (60 of them): auto-tune suggests leaning maker.
    static func router(config: HedgeConfig, time: MeshClock, telemetry: TelemetryActor) async throws -> RouterActor {
        let router = RouterActor(exchange: SimExchange(), telemetry: telemetry, time: time, logger: quiet)
        await router.updateFilters(["BTCUSDT": try #require(VenueFilters.simDefault(symbol: "BTCUSDT", referencePrice: 95_000))])
        await router.configurePolicies(config.runtime.router, universe: config.universe)
        let rows = (0..<60).map { index in
            OrderMetricsRecord(symbol: "BTCUSDT", clientOrderId: "hm-\(index)", maker: true, fallback: false, retries: 0, slippageBps: 0,
                               latencyMs: 5, timeMs: MeshFixture.epochMs + Int64(index))
        }
        await router.restore(openLegs: [], metrics: rows)
        return router
    }

    @Test("apply on and BTCUSDT allowed: the bounded step becomes the live policy, source autotune; the verdict is published")
    func appliedUnderTheFlag() async throws {
        let clock = ManualClock()
        var config = try MeshFixture.config(strategiesEnabled: true)
        config.flags = config.flags.setting(.routerAutotuneApply, true)
        config.runtime.router.autotuneAllowlist = ["BTCUSDT"]
        let sink = InMemoryTelemetrySink(flags: config.flags)
        let telemetry = TelemetryActor(sink: sink)
        let time = MeshFixture.meshClock(clock)
        let router = try await Self.router(config: config, time: time, telemetry: telemetry)
        let before = try #require(await router.policies()["BTCUSDT"])
        let intel = IntelActor(telemetry: telemetry, router: router, time: time, flags: config.flags, limits: config.riskLimits,
                               autotuneAllowlist: config.runtime.router.autotuneAllowlist)
        await intel.run(universe: config.universe, navUSD: 100_000)
        let after = try #require(await router.policies()["BTCUSDT"])
        #expect(after != before)
        #expect(after.takerBias < before.takerBias, "all maker orders filled: lean maker")
        #expect(abs(after.takerBias - before.takerBias) <= RouterAutotuneParameters.default.maxTakerBiasStep + 1e-9)
        #expect(after.tier == before.tier)
        #expect(await router.healthPayload().policies["BTCUSDT"]?.source == "autotune")
    }

    @Test("apply off, or the symbol outside the allowlist: suggestions only, the live policy stays")
    func suggestionsOnly() async throws {
        for (applyOn, allowlist) in [(false, Set(["BTCUSDT"])), (true, Set<String>())] {
            let clock = ManualClock()
            var config = try MeshFixture.config(strategiesEnabled: true)
            config.flags = config.flags.setting(.routerAutotuneApply, applyOn)
            let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
            let time = MeshFixture.meshClock(clock)
            let router = try await Self.router(config: config, time: time, telemetry: telemetry)
            let before = await router.policies()["BTCUSDT"]
            let intel = IntelActor(telemetry: telemetry, router: router, time: time, flags: config.flags, limits: config.riskLimits,
                                   autotuneAllowlist: allowlist)
            await intel.run(universe: config.universe, navUSD: 100_000)
            #expect(await router.policies()["BTCUSDT"] == before, "apply \(applyOn), allowlist \(allowlist)")
            #expect(await router.healthPayload().policies["BTCUSDT"]?.source != "autotune")
        }
    }
}

@Suite("Intel: risk auto-tune's burst limits applied under their flag")
struct RiskAutotuneApplyTests {
    @Test("RISK_AUTOTUNE_ENABLED on: low slippage on 60 orders raises the trade-frequency limits within the bound; off: configured limits stay")
    func burstLimitsFollowTheFlag() async throws {
        for on in [true, false] {
            let clock = ManualClock()
            var config = try MeshFixture.config(strategiesEnabled: true)
            config.flags = config.flags.setting(.riskAutotune, on)
            let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
            let time = MeshFixture.meshClock(clock)
            let router = try await RouterAutotuneApplyTests.router(config: config, time: time, telemetry: telemetry)
            let risk = RiskActor(limits: config.riskLimits, universe: config.universe, telemetry: telemetry, time: time,
                                 logger: RouterAutotuneApplyTests.quiet)
            let intel = IntelActor(telemetry: telemetry, router: router, time: time, flags: config.flags, limits: config.riskLimits,
                                   risk: risk)
            await intel.run(universe: config.universe, navUSD: 100_000)
            let limits = await risk.burstLimits
            let configured = config.riskLimits.global
            let expected = suggestBurstLimits(limits: configured, slippageBps: 0, confidence: 1)
            if on {
                #expect(limits.perHour == expected.maxTradesPerHour.proposed && limits.perHour > configured.maxTradesPerHour)
                #expect(limits.perDay == expected.maxTradesPerDay.proposed)
                #expect(Double(limits.perHour) <= Double(configured.maxTradesPerHour) * RiskAutotuneParameters.default.maxFactor)
            } else {
                #expect(limits.perHour == configured.maxTradesPerHour && limits.perDay == configured.maxTradesPerDay)
            }
        }
    }
}
