import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Testing

/// Risk follows fills as they arrive and reserves what it approved until it settles, so entries
/// approved on one bar can never add up past a cap (issue 13, fresh exposure).
@Suite("Risk: fresh exposure and reservations")
struct FreshExposureTests {
    static let nav = 100_000.0
    static let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT"]
    static let strategies = ["trend", "triggers", "regime", "ema_cross"]

    static func makeRisk(_ edit: (inout RiskLimits) -> Void = { _ in }) throws -> (RiskActor, HedgeConfig, MeshClock) {
        let config = try MeshFixture.config(strategiesEnabled: true)
        var limits = config.riskLimits
        // Frequency limits out of the way: the caps on exposure are what is tested.
        limits.global.maxTradesPerHour = 10_000
        limits.global.maxTradesPerDay = 10_000
        edit(&limits)
        let time = MeshFixture.meshClock(ManualClock())
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let risk = RiskActor(limits: limits, universe: config.universe, telemetry: TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags)),
                             time: time, logger: quiet)
        var effective = config
        effective.riskLimits = limits
        return (risk, effective, time)
    }

    static func signal(_ symbol: String, _ side: Side, strategy: String, navPct: Double) -> StrategySignal {
        StrategySignal(symbol: symbol, side: side, timeMs: MeshFixture.epochMs, referencePrice: 100, conviction: 1, stopPrice: nil,
                       takeProfitPrice: nil, sizeNavPct: navPct, reason: "property", strategy: strategy, regime: .chop)
    }

    static func start(_ risk: RiskActor, time: MeshClock) async {
        let sample = NavSample(navUSD: nav, walletUSD: nav, unrealizedPnlUSD: 0, marginUSD: 0, availableUSD: nav, sampledAtMs: MeshFixture.epochMs)
        await risk.updateAccount(nav: NavReading(sample, monotonicMs: time.monotonicMs()), positions: [])
    }

    @Test("two strategies on one bar: the second entry sees the first's reservation and is sized or vetoed by the cap it would break")
    func secondEntrySeesTheFirst() async throws {
        let (risk, _, time) = try Self.makeRisk { $0.global.maxTradeNavPct = 100; $0.global.maxConcurrentPositions = 1 }
        await Self.start(risk, time: time)
        let first = try #require(await risk.process(signal: Self.signal("BTCUSDT", .buy, strategy: "trend", navPct: 10)).first)
        #expect(first.decision.allowed)
        let second = try #require(await risk.process(signal: Self.signal("ETHUSDT", .buy, strategy: "triggers", navPct: 10)).first)
        #expect(second.decision.vetoes.contains(.maxConcurrentPositions), "\(second.decision.vetoes)")
        // The first entry is canceled unfilled: its reservation goes, and the next entry passes.
        await risk.apply(.settled(intentId: first.envelope.id))
        let third = try #require(await risk.process(signal: Self.signal("ETHUSDT", .buy, strategy: "triggers", navPct: 10)).first)
        #expect(third.decision.allowed, "\(third.decision.vetoes)")
    }

    @Test("a second signal on a leg whose entry is on its way is not another entry (no pyramiding before the fill)")
    func noPyramidingWhilePending() async throws {
        let (risk, _, time) = try Self.makeRisk()
        await Self.start(risk, time: time)
        let first = try #require(await risk.process(signal: Self.signal("BTCUSDT", .buy, strategy: "trend", navPct: 2)).first)
        #expect(first.decision.allowed)
        #expect(await risk.process(signal: Self.signal("BTCUSDT", .buy, strategy: "triggers", navPct: 2)).isEmpty)
    }

    @Test("a fill moves the leg at once; a venue read requested before the fill does not erase it")
    func fillsCountBeforeTheNextRead() async throws {
        let (risk, _, time) = try Self.makeRisk { $0.global.maxConcurrentPositions = 1 }
        await Self.start(risk, time: time)
        let requestedBeforeFill = time.monotonicMs()
        let entry = try #require(await risk.process(signal: Self.signal("BTCUSDT", .buy, strategy: "trend", navPct: 2)).first)
        await risk.apply(.fill(intentId: entry.envelope.id, symbol: "BTCUSDT", leg: .long, opening: true, quantity: 0.02, price: 100_000))
        await risk.apply(.settled(intentId: entry.envelope.id))
        // A NAV read that was asked for before the fill answers without the leg.
        let sample = NavSample(navUSD: Self.nav, walletUSD: Self.nav, unrealizedPnlUSD: 0, marginUSD: 0, availableUSD: Self.nav,
                               sampledAtMs: MeshFixture.epochMs)
        await risk.updateAccount(nav: NavReading(sample, monotonicMs: time.monotonicMs(), requestedAtMs: requestedBeforeFill - 1), positions: [])
        let state = await risk.snapshotPayload(symbol: nil).state
        #expect(state.positions.map(\.symbol) == ["BTCUSDT"])
        #expect(state.positions.first?.notionalUSD == 2_000)
        let next = try #require(await risk.process(signal: Self.signal("ETHUSDT", .buy, strategy: "triggers", navPct: 2)).first)
        #expect(next.decision.vetoes.contains(.maxConcurrentPositions))
        // A reducing fill of the same quantity closes it, at whatever price.
        await risk.apply(.fill(intentId: nil, symbol: "BTCUSDT", leg: .long, opening: false, quantity: 0.02, price: 90_000))
        #expect(await risk.snapshotPayload(symbol: nil).state.positions.isEmpty)
    }

    @Test("property: any sequence of same-bar entry signals, all filled whole, never ends past a cap", arguments: 0..<40)
    func noCapExceededAfterTheFills(seed: Int) async throws {
        var generator = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 7)
        // Loose trade size, so the exposure caps are what binds.
        let (risk, config, time) = try Self.makeRisk { $0.global.maxTradeNavPct = 60 }
        await Self.start(risk, time: time)
        var filled: [(symbol: String, leg: PositionSide, strategy: String, notional: Double)] = []
        for _ in 0..<Int.random(in: 2...12, using: &generator) {
            let symbol = Self.symbols[Int.random(in: 0..<Self.symbols.count, using: &generator)]
            let side: Side = Bool.random(using: &generator) ? .buy : .sell
            let strategy = Self.strategies[Int.random(in: 0..<Self.strategies.count, using: &generator)]
            let navPct = Double(Int.random(in: 1...60, using: &generator))
            for verdict in await risk.process(signal: Self.signal(symbol, side, strategy: strategy, navPct: navPct))
            where verdict.decision.allowed && !verdict.envelope.intent.reduceOnly {
                let intent = verdict.envelope.intent
                filled.append((intent.symbol, intent.leg, intent.strategy, intent.grossUSD))
            }
        }
        // Same bar: nothing filled while the signals came in. Now every approved entry fills whole.
        let limits = config.riskLimits
        let multiplier = limits.regimeMultipliers[.chop] ?? 1
        let gross = filled.reduce(0) { $0 + $1.notional }
        #expect(gross <= limits.global.maxGrossExposureXNav * Self.nav * multiplier + 0.01, "gross \(gross)")
        let heldSymbols = Set(filled.map(\.symbol))
        #expect(heldSymbols.count <= limits.global.maxConcurrentPositions, "\(heldSymbols)")
        for (symbol, legs) in Dictionary(grouping: filled, by: \.symbol) {
            let notional = legs.reduce(0) { $0 + $1.notional }
            if let cap = limits.perSymbol[symbol]?.maxNavPct {
                #expect(notional <= cap / 100 * Self.nav * multiplier + 0.01, "\(symbol): \(notional)")
            }
        }
        let universe = config.universe
        for (tier, entries) in Dictionary(grouping: filled, by: { universe.tradable($0.symbol)?.tier }) {
            guard let tier, let tierLimits = limits.tiers[tier] else { continue }
            #expect(entries.reduce(0) { $0 + $1.notional } <= tierLimits.maxNavPct / 100 * Self.nav * multiplier + 0.01, "tier \(tier)")
            #expect(Set(entries.map(\.symbol)).count <= tierLimits.maxConcurrentPositions, "tier \(tier) symbols")
        }
        for (cluster, entries) in Dictionary(grouping: filled, by: { universe.tradable($0.symbol)?.cluster }) {
            guard let cluster, let clusterLimits = limits.clusters[cluster] else { continue }
            #expect(entries.reduce(0) { $0 + $1.notional } <= clusterLimits.maxNavPct / 100 * Self.nav * multiplier + 0.01, "cluster \(cluster)")
        }
        for (strategy, entries) in Dictionary(grouping: filled, by: \.strategy) {
            guard let cap = limits.perStrategy[strategy]?.maxConcurrentPositions else { continue }
            #expect(Set(entries.map(\.symbol)).count <= cap, "strategy \(strategy)")
        }
    }
}
