import Testing
@testable import HedgeCore

@Suite("Strategy and regime config reading")
struct StrategyConfigTests {
    static let file = "config/strategy_config.json"

    /// Reads `fields` as `strategies.<name>` the way the config loader does: "enabled" first,
    /// then the parameters, then `finish` for unknown keys.
    private func read(_ name: String, _ fields: [String: JSONValue]) throws -> (StrategyParameters?, [String]) {
        var problems = ConfigProblems()
        var reader = try #require(ConfigObjectReader(
            .object(fields), file: Self.file, path: "strategies.\(name)", problems: &problems))
        _ = reader.bool("enabled", required: false, problems: &problems)
        let parameters = StrategyParameters.read(name: name, from: &reader, problems: &problems)
        reader.finish(into: &problems)
        return (parameters, problems.all.map(\.description))
    }

    private func readRegime(_ fields: [String: JSONValue]) throws -> (RegimeParameters?, [String]) {
        var problems = ConfigProblems()
        var reader = try #require(ConfigObjectReader(.object(fields), file: Self.file, path: "regime", problems: &problems))
        let parameters = RegimeParameters.read(from: &reader, problems: &problems)
        reader.finish(into: &problems)
        return (parameters, problems.all.map(\.description))
    }

    @Test("missing parameters take the documented defaults", arguments: [
        ("trend", StrategyParameters.trend(.defaults)),
        ("triggers", StrategyParameters.triggers(.defaults)),
    ])
    func defaults(name: String, expected: StrategyParameters) throws {
        let (parameters, problems) = try read(name, ["enabled": .bool(true)])
        #expect(problems.isEmpty)
        #expect(parameters == expected)
        #expect(StrategyParameters.builtInNames.contains(name))
    }

    @Test("the documented default values")
    func defaultValues() {
        let trend = TrendParameters.defaults
        #expect([trend.fastPeriod, trend.slowPeriod, trend.atrPeriod] == [12, 26, 14])
        #expect(trend.allowShort)
        let triggers = TriggersParameters.defaults
        #expect(triggers.volumeSpikeRatio == 1.9 && triggers.minConviction == 0.34)
        #expect([triggers.t1SizeNavPct, triggers.t2SizeNavPct, triggers.t3SizeNavPct] == [2, 1, 0.5])
        #expect(triggers.breakoutExit == TriggerExit(stopPct: 6, takeProfitPct: 20))
        #expect(triggers.reversalExit == TriggerExit(stopPct: 12, takeProfitPct: 25))
        #expect(triggers.momentumExit == TriggerExit(stopPct: 8, takeProfitPct: 15))
    }

    @Test("given parameters are read, including per-rule exits")
    func givenValues() throws {
        let (trend, trendProblems) = try read("trend", [
            "fast_period": .number(5), "slow_period": .number(20), "allow_short": .bool(false), "size_nav_pct": .number(2.5),
        ])
        #expect(trendProblems.isEmpty)
        #expect(trend == .trend(TrendParameters(fastPeriod: 5, slowPeriod: 20, sizeNavPct: 2.5, allowShort: false)))

        let (triggers, triggersProblems) = try read("triggers", [
            "breakout_stop_pct": .number(5), "reversal_take_profit_pct": .number(30), "cooldown_bars": .number(0),
        ])
        #expect(triggersProblems.isEmpty)
        guard case .triggers(let parameters)? = triggers else {
            Issue.record("expected triggers parameters, got \(String(describing: triggers))")
            return
        }
        #expect(parameters.breakoutExit == TriggerExit(stopPct: 5, takeProfitPct: 20))
        #expect(parameters.reversalExit == TriggerExit(stopPct: 12, takeProfitPct: 30))
        #expect(parameters.cooldownBars == 0)
    }

    @Test("wrong types and out-of-range values are reported with their key path", arguments: [
        ("trend", "fast_period", JSONValue.string("12"), "must be a whole number, got a string (\"12\")"),
        ("trend", "atr_period", .number(0), "must be ≥ 1, got 0"),
        ("trend", "allow_short", .string("yes"), "must be true or false, got a string (\"yes\")"),
        ("triggers", "breakout_stop_pct", .number(100), "must be in (0, 100), got 100"),
        ("triggers", "volume_spike_ratio", .number(1), "must be > 1, got 1"),
        ("triggers", "min_conviction", .number(1.5), "must be in [0, 1], got 1.5"),
    ])
    func fieldProblems(name: String, key: String, value: JSONValue, message: String) throws {
        let (parameters, problems) = try read(name, [key: value])
        #expect(parameters == nil)
        #expect(problems == ["\(Self.file): strategies.\(name).\(key): \(message)"])
    }

    @Test("cross-field problems name both fields", arguments: [
        ("trend", ["fast_period": JSONValue.number(30)], "fast_period: must be less than slow_period (26), got 30"),
        ("trend", ["min_atr_pct": .number(6)], "min_atr_pct: must be ≤ max_atr_pct (5), got 6"),
        ("triggers", ["momentum_bars": .number(30)], "momentum_bars: must be ≤ lookback_bars (24), got 30"),
    ])
    func crossFieldProblems(name: String, fields: [String: JSONValue], message: String) throws {
        let (parameters, problems) = try read(name, fields)
        #expect(parameters == nil)
        #expect(problems == ["\(Self.file): strategies.\(name).\(message)"])
    }

    @Test("a cross-field check is skipped when one of its fields is already wrong")
    func crossFieldAfterFieldProblem() throws {
        let (_, problems) = try read("trend", ["fast_period": .number(30), "slow_period": .number(0)])
        #expect(problems == ["\(Self.file): strategies.trend.slow_period: must be ≥ 1, got 0"])
    }

    @Test("an unknown strategy name reads as nil without a problem; the caller reports it")
    func unknownName() throws {
        let (parameters, problems) = try read("grid", ["enabled": .bool(true)])
        #expect(parameters == nil)
        // Only "enabled" was asked for, so finish reports nothing else.
        #expect(problems.isEmpty)
    }

    @Test("a misspelt parameter is left for finish to report as unknown")
    func misspeltKey() throws {
        let (parameters, problems) = try read("trend", ["fast_perod": .number(5)])
        #expect(parameters == .trend(.defaults))
        #expect(problems == ["\(Self.file): strategies.trend.fast_perod: unknown key (did you mean \"fast_period\"?)"])
    }

    @Test("regime parameters default, read and cross-check", arguments: [
        ([String: JSONValue](), RegimeParameters?.some(.defaults), [String]()),
        (["lookback_bars": .number(48), "crash_vol_pct": .number(6)], RegimeParameters(lookbackBars: 48, crashVolPct: 6), []),
        (["bull_return_pct": .bool(true)], nil, ["regime.bull_return_pct: must be a number, got a boolean (true)"]),
        (["crash_drop_pct": .number(2)], nil, ["regime.crash_drop_pct: must be greater than bear_return_pct (3), got 2"]),
        (["bull_max_vol_pct": .number(5)], nil, ["regime.bull_max_vol_pct: must be ≤ crash_vol_pct (4), got 5"]),
    ])
    func regime(fields: [String: JSONValue], expected: RegimeParameters?, messages: [String]) throws {
        let (parameters, problems) = try readRegime(fields)
        #expect(parameters == expected)
        #expect(problems == messages.map { "\(Self.file): \($0)" })
    }

    @Test("makeStrategy builds a fresh strategy that carries the tiers and the gate")
    func makeStrategy() {
        var triggers = StrategyParameters.triggers(TriggersParameters(lookbackBars: 5))
            .makeStrategy(tiers: ["SOLUSDT": .t2], gate: .allowAll)
        var gated = StrategyParameters.triggers(TriggersParameters(lookbackBars: 5)).makeStrategy(
            tiers: [:], gate: ExpectancyGate(blocked: [ExpectancyKey(symbol: "SOLUSDT", hourUTC: 5, regime: .bull)]))
        #expect(triggers.name == "triggers")
        #expect(StrategyParameters.trend(.defaults).makeStrategy(tiers: [:], gate: .allowAll).name == "trend")
        var signals: [StrategySignal] = []
        for bar in StrategyTriggersTests.breakoutBars {
            signals += triggers.onBar(bar, symbol: "SOLUSDT", regime: .bull)
            #expect(gated.onBar(bar, symbol: "SOLUSDT", regime: .bull).isEmpty)
        }
        #expect(signals.map(\.reason) == ["triggers.breakout"])
        // T2 base 1 % × 8 / 6.
        #expect(signals.map(\.sizeNavPct) == [8.0 / 6])
        #expect(signals.map(\.regime) == [.bull])
    }
}
