import Testing
@testable import HedgeCore

/// One intent/state/limits combination that should trip exactly one veto code.
struct VetoCase: Sendable, CustomTestStringConvertible {
    var code: VetoCode
    var intent = RiskFixtures.intent
    var state = RiskFixtures.state
    var limits = RiskFixtures.limits
    var universe = RiskFixtures.universe
    var testDescription: String { code.rawValue }

    static func make(_ code: VetoCode, _ edit: (inout VetoCase) -> Void) -> VetoCase {
        var c = VetoCase(code: code)
        edit(&c)
        return c
    }
}

private typealias F = RiskFixtures

@Suite("Risk engine: checkOrder")
struct RiskEngineTests {
    static let vetoCases: [VetoCase] = [
        .make(.navStale) { $0.state.navAgeSeconds = 91 },
        .make(.killSwitch) { $0.state.killSwitch = true },
        .make(.reconciliationPending) { $0.state.reconciliationPending = true },
        .make(.orderLogUnwritable) { $0.state.orderLogUnwritable = true },
        .make(.symbolHalted) { $0.state.haltedSymbols = ["BTCUSDT"] },
        .make(.symbolNotTradable) { $0.intent.symbol = "DOGEUSDT" },
        .make(.spotNoShort) { c in
            c.universe.spot = true
            c.intent.side = .sell
        },
        .make(.reduceOnlyWithoutPosition) { $0.intent.reduceOnly = true },
        .make(.regimeBlocked) { $0.state.regime = .crash },
        .make(.minNotional) { $0.intent.grossUSD = 9.99 },
        .make(.maxTradeNavPct) { $0.intent.grossUSD = 5_001 },
        .make(.maxSymbolNavPct) { c in
            c.state.positions = [F.position("BTCUSDT", .long, 27_000)]
            c.intent.grossUSD = 3_001
        },
        .make(.maxGrossExposure) { c in
            c.limits.global.maxGrossExposureXNav = 0.3
            c.state.positions = [F.position("ETHUSDT", .long, 20_000, strategy: "triggers"), F.position("SOLUSDT", .short, 9_000)]
            c.intent.grossUSD = 1_001
        },
        .make(.maxLeverage) { $0.intent.leverage = 3.5 },
        .make(.maxConcurrentPositions) { c in
            c.state.positions = ["ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT"].map { F.position($0, .long, 1_000) }
        },
        .make(.tierCap) { c in
            c.limits.tiers[.t1] = TierLimits(maxNavPct: 20, maxConcurrentPositions: 2)
            c.state.positions = [F.position("ETHUSDT", .long, 18_000)]
            c.intent.grossUSD = 2_001
        },
        .make(.clusterCap) { c in
            c.limits.clusters["L1"] = ClusterLimits(maxNavPct: 10)
            c.state.positions = [F.position("BNBUSDT", .long, 9_000)]
            c.intent.symbol = "SOLUSDT"
            c.intent.grossUSD = 1_001
        },
        .make(.strategyConcurrency) { c in
            c.limits.perStrategy["trend"] = StrategyLimits(maxConcurrentPositions: 1)
            c.state.positions = [F.position("ETHUSDT", .long, 1_000, strategy: "trend")]
        },
        .make(.symbolDrawdown) { $0.state.symbolDrawdownPct = ["BTCUSDT": 6] },
        .make(.dailyLossStop) { $0.state.dailyPnlPct = -3 },
        .make(.maxDrawdown) { $0.state.drawdownPct = 10 },
        .make(.tradesPerHour) { $0.state.tradesLastHour = 4 },
        .make(.tradesPerDay) { $0.state.tradesToday = 20 },
        .make(.lossCooldown) { c in
            c.state.consecutiveLosses = 3
            c.state.minutesSinceLastLoss = 59
        },
    ]

    @Test("the base intent is allowed (control for the veto table)")
    func baseIsAllowed() {
        let decision = F.check()
        #expect(decision.allowed)
        #expect(decision.vetoes.isEmpty)
        #expect(decision.detail.navFresh)
        #expect(decision.detail.checks.allSatisfy { $0.passed })
    }

    @Test("every veto code has a case that triggers it and nothing else", arguments: vetoCases)
    func eachVetoAlone(_ c: VetoCase) {
        let decision = checkOrder(c.intent, state: c.state, limits: c.limits, universe: c.universe)
        #expect(decision.vetoes == [c.code])
        #expect(!decision.allowed)
    }

    @Test("on a spot universe a long entry and selling what is held pass; only a short entry is vetoed")
    func spotAllowsLongsAndExits() {
        var universe = F.universe
        universe.spot = true
        #expect(checkOrder(F.intent, state: F.state, limits: F.limits, universe: universe).allowed)
        var exit = F.intent
        exit.side = .sell
        exit.reduceOnly = true
        var state = F.state
        state.positions = [F.position("BTCUSDT", .long, 2_000)]
        #expect(checkOrder(exit, state: state, limits: F.limits, universe: universe).allowed)
    }

    @Test("the veto table covers every code")
    func tableCoversAllCodes() {
        #expect(Set(Self.vetoCases.map(\.code)) == Set(VetoCode.allCases))
    }

    @Test("a cap exactly at its limit passes; loss stops trigger at the limit")
    func boundaries() {
        var intent = F.intent
        intent.grossUSD = 5_000  // exactly 5 % of NAV
        #expect(F.check(intent).allowed)
        var state = F.state
        state.navAgeSeconds = 90  // exactly nav_max_age_s
        #expect(F.check(F.intent, state).allowed)
        state.dailyPnlPct = -2.99
        #expect(F.check(F.intent, state).allowed)
    }

    @Test("several failing rules are all listed, in code order, with their numbers")
    func severalAtOnce() throws {
        var state = F.state
        state.navAgeSeconds = 600
        state.killSwitch = true
        state.tradesLastHour = 9
        var intent = F.intent
        intent.leverage = 10
        intent.grossUSD = 7_000
        let decision = F.check(intent, state)
        #expect(decision.vetoes == [.navStale, .killSwitch, .maxTradeNavPct, .maxLeverage, .tradesPerHour])
        #expect(decision.detail.navAgeSeconds == 600)
        #expect(decision.detail.navFresh == false)
        let trade = try #require(decision.detail.checks.first { $0.code == .maxTradeNavPct })
        #expect(trade.limit == 5)
        #expect(trade.value == 7)
        #expect(trade.measure == .navPct)
        let leverage = try #require(decision.detail.checks.first { $0.code == .maxLeverage })
        #expect(leverage.limit == 3 && leverage.value == 10)
    }

    @Test("hedge mode: an opening order adds to its own leg and exposure sums both legs, for both sides",
          arguments: [(Side.buy, PositionSide.short), (Side.sell, PositionSide.long)])
    func legsDoNotNet(side: Side, existingLeg: PositionSide) {
        // 28 000 on the other leg + 3 000 new = 31 000 > the 30 % symbol cap. Netting would
        // wrongly give 25 000 and allow it.
        var state = F.state
        state.positions = [F.position("BTCUSDT", existingLeg, 28_000)]
        var intent = F.intent
        intent.side = side
        intent.grossUSD = 3_000
        #expect(F.check(intent, state).vetoes == [.maxSymbolNavPct])
        intent.grossUSD = 2_000
        #expect(F.check(intent, state).allowed)
    }

    @Test("a symbol with both legs open counts once toward max_concurrent_positions")
    func bothLegsCountOnce() {
        var state = F.state
        state.positions = [
            F.position("BTCUSDT", .long, 1_000), F.position("BTCUSDT", .short, 1_000),
            F.position("SOLUSDT", .long, 1_000), F.position("BNBUSDT", .long, 1_000), F.position("XRPUSDT", .long, 1_000),
        ]
        #expect(F.check(F.intent, state).allowed, "growing BTC keeps the count at 4")
        var intent = F.intent
        intent.symbol = "ETHUSDT"
        #expect(F.check(intent, state).vetoes == [.maxConcurrentPositions])
    }

    @Test("reduce-only shrinks the opposite leg and is allowed even when every other rule fails",
          arguments: [(Side.buy, PositionSide.short), (Side.sell, PositionSide.long)])
    func reduceOnlyAlwaysAllowed(side: Side, leg: PositionSide) {
        var state = F.state
        state.positions = [F.position("BTCUSDT", leg, 5_000)]
        state.navAgeSeconds = 10_000
        state.killSwitch = true
        state.reconciliationPending = true
        state.orderLogUnwritable = true
        state.haltedSymbols = ["BTCUSDT"]
        state.dailyPnlPct = -50
        state.regime = .crash
        let intent = OrderIntent(symbol: "BTCUSDT", side: side, grossUSD: 50_000, leverage: 20, strategy: "trend", reduceOnly: true)
        let decision = F.check(intent, state)
        #expect(decision.allowed)
        #expect(decision.detail.riskReducing)
    }

    @Test("reduce-only with only the same-direction leg open has nothing to shrink",
          arguments: [(Side.buy, PositionSide.long), (Side.sell, PositionSide.short)])
    func reduceOnlyWrongLeg(side: Side, heldLeg: PositionSide) {
        var state = F.state
        state.positions = [F.position("BTCUSDT", heldLeg, 5_000)]
        let intent = OrderIntent(symbol: "BTCUSDT", side: side, grossUSD: 1_000, leverage: 1, strategy: "trend", reduceOnly: true)
        #expect(F.check(intent, state).vetoes == [.reduceOnlyWithoutPosition])
    }

    @Test("a reduction on a disabled symbol is allowed; an opening order on it is not")
    func disabledSymbolReduction() {
        var state = F.state
        state.positions = [F.position("DOGEUSDT", .long, 500)]
        var intent = OrderIntent(symbol: "DOGEUSDT", side: .sell, grossUSD: 500, leverage: 1, strategy: "trend", reduceOnly: true)
        #expect(F.check(intent, state).allowed)
        intent.reduceOnly = false
        #expect(F.check(intent, state).vetoes.contains(.symbolNotTradable))
        intent.reduceOnly = true
        #expect(F.check(intent, F.state).vetoes == [.symbolNotTradable, .reduceOnlyWithoutPosition])
    }

    @Test("the regime multiplier scales NAV-percent caps up in bull and down in bear")
    func regimeScaling() throws {
        var intent = F.intent
        intent.grossUSD = 5_500  // 5.5 % of NAV
        var state = F.state
        #expect(F.check(intent, state).vetoes == [.maxTradeNavPct], "chop: cap 5 %")
        state.regime = .bull
        let bull = F.check(intent, state)
        #expect(bull.allowed, "bull: cap 5 × 1.2 = 6 %")
        let bullCap = try #require(bull.detail.checks.first { $0.code == .maxTradeNavPct })
        #expect(bullCap.limit == 6)

        intent.grossUSD = 3_000
        state.regime = .chop
        #expect(F.check(intent, state).allowed)
        state.regime = .bear
        let bear = F.check(intent, state)
        #expect(bear.vetoes == [.maxTradeNavPct], "bear: cap 5 × 0.5 = 2.5 %")
        let bearCap = try #require(bear.detail.checks.first { $0.code == .maxTradeNavPct })
        #expect(bearCap.limit == 2.5)
        #expect(bear.detail.regimeMultiplier == 0.5)
    }

    @Test("the per-symbol leverage cap overrides a looser global one")
    func perSymbolLeverage() {
        var limits = F.limits
        limits.global.maxLeverage = 10
        limits.perSymbol["BTCUSDT"]?.maxLeverage = 2
        var intent = F.intent
        intent.leverage = 2.5
        #expect(F.check(intent, limits: limits).vetoes == [.maxLeverage])
        intent.symbol = "ETHUSDT"
        #expect(F.check(intent, limits: limits).allowed)
    }

    @Test("the decision encodes as {allowed, vetoes, detail} with snake_case detail keys")
    func decisionJSON() throws {
        var state = F.state
        state.killSwitch = true
        let json = try JSONOutput.encode(F.check(F.intent, state), pretty: false)
        #expect(json.hasPrefix(#"{"allowed":false,"detail":{"checks":["#))
        #expect(json.contains(#""nav_age_s":5"#))
        #expect(json.contains(#""nav_fresh":true"#))
        #expect(json.contains(#""nav_usd":100000"#))
        #expect(json.hasSuffix(#""vetoes":["kill_switch"]}"#))
    }
}
