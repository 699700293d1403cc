import Foundation
import Testing
@testable import HedgeCore

/// A way to break the bundled config and the problem lines the doctor must print for it.
struct BrokenConfigCase: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var old: String?
    var new: String
    /// Expected problems, with `DIR` standing for the fixture directory.
    var expected: [String]
    var testDescription: String { name }
}

@Suite("Config loading and validation")
struct ConfigLoadingTests {
    @Test("the bundled config is valid and loads what the files say")
    func bundledConfigLoads() throws {
        let config = try HedgeConfig.load(directory: ConfigFixture.bundledDirectory, environment: [:])
        #expect(config.runtime.mode == .paper)
        #expect(config.runtime.venue == .sim)
        #expect(config.runtime.intervals.intel == .seconds(60))
        #expect(config.runtime.drain.onShutdown == .cancel)
        #expect(config.riskLimits.global.maxTradeNavPct == 5)
        #expect(config.riskLimits.global.lossCooldown == LossCooldown(consecutiveLosses: 3, minutes: 60))
        #expect(config.riskLimits.multiplier(for: .crash) == 0)
        #expect(config.universe.tradable("BTCUSDT")?.tier == .t1)
        #expect(config.universe.tradable("DOGEUSDT") == nil)
        #expect(config.flags.isEnabled(.intel))
        #expect(config.flags.entry(.intel).source == .runtimeYAML)
        #expect(!config.summaryLines.isEmpty)
    }

    static let brokenCases: [BrokenConfigCase] = [
        .init(name: "wrong type", file: "risk_limits.json", old: "\"max_leverage\": 3,\n    \"min_notional_usd\"", new: "\"max_leverage\": \"3\",\n    \"min_notional_usd\"",
              expected: [#"DIR/risk_limits.json: global.max_leverage: must be a number, got a string ("3")"#]),
        .init(name: "out of range", file: "risk_limits.json", old: #""max_trade_nav_pct": 5"#, new: #""max_trade_nav_pct": 140"#,
              expected: ["DIR/risk_limits.json: global.max_trade_nav_pct: must be in (0, 100], got 140"]),
        .init(name: "tier cap above the gross exposure allowed", file: "risk_limits.json", old: #""T1": { "max_nav_pct": 60"#,
              new: #""T1": { "max_nav_pct": 160"#,
              expected: ["DIR/risk_limits.json: tiers.T1.max_nav_pct: must be in (0, 150], got 160"]),
        .init(name: "unknown key", file: "risk_limits.json", old: #""min_notional_usd": 10"#, new: #""min_notional_usd": 10, "max_trades_per_hr": 4"#,
              expected: [#"DIR/risk_limits.json: global.max_trades_per_hr: unknown key (did you mean "max_trades_per_hour"?)"#]),
        .init(name: "missing required key", file: "risk_limits.json", old: #""daily_loss_stop_pct": 3,"#, new: "",
              expected: ["DIR/risk_limits.json: global.daily_loss_stop_pct: is required"]),
        .init(name: "missing file", file: "pairs_universe.json", old: nil, new: "",
              expected: ["DIR/pairs_universe.json: file not found"]),
        .init(name: "bad JSON syntax", file: "strategy_config.json", old: nil, new: #"{"strategies": {"trend": {"enabled": true}"#,
              expected: ["DIR/strategy_config.json: invalid JSON: Unexpected end of file during JSON parse."]),
        .init(name: "bad YAML syntax", file: "runtime.yaml", old: "  level: info", new: "  level: [info",
              expected: ["DIR/runtime.yaml: invalid YAML: 22:3: error: parser: while parsing a flow sequence in line 21, column 10 did not find expected ',' or ']':"]),
        .init(name: "unknown symbol in per_symbol", file: "risk_limits.json", old: #""DOGEUSDT": { "max_nav_pct""#, new: #""DOGUSDT": { "max_nav_pct""#,
              expected: ["DIR/risk_limits.json: per_symbol.DOGUSDT: unknown symbol (not in DIR/pairs_universe.json)"]),
        .init(name: "bad flag value", file: "runtime.yaml", old: "RISK_AUTOTUNE_ENABLED: false", new: "RISK_AUTOTUNE_ENABLED: maybe",
              expected: [#"DIR/runtime.yaml: flags.RISK_AUTOTUNE_ENABLED: must be one of 1/0/true/false/yes/no/on/off, got "maybe""#]),
        .init(name: "unknown flag name", file: "runtime.yaml", old: "RISK_AUTOTUNE_ENABLED: false", new: "RISK_AUTOTUNE_V6_ENABLED: false",
              expected: [#"DIR/runtime.yaml: flags.RISK_AUTOTUNE_V6_ENABLED: unknown key (did you mean "RISK_AUTOTUNE_ENABLED"?)"#]),
        .init(name: "an interval that would overflow a duration", file: "runtime.yaml", old: "  nav: 15", new: "  nav: 1e300",
              expected: ["DIR/runtime.yaml: intervals.nav: must be in (0, 31536000], got 1e+300"]),
        .init(name: "a drain deadline that would overflow a duration", file: "runtime.yaml", old: "deadline_s: 20", new: "deadline_s: 1e10",
              expected: ["DIR/runtime.yaml: drain.deadline_s: must be in (0, 31536000], got 10000000000"]),
        .init(name: "a request timeout that would overflow a duration", file: "runtime.yaml", old: "request_timeout_s: 10", new: "request_timeout_s: 1e10",
              expected: ["DIR/runtime.yaml: binance.request_timeout_s: must be in (0, 31536000], got 10000000000"]),
        .init(name: "bad enum value", file: "runtime.yaml", old: "mode: paper", new: "mode: papper",
              expected: [#"DIR/runtime.yaml: mode: must be one of dry-run | paper | testnet | live, got "papper""#]),
        .init(name: "cluster without a cap", file: "pairs_universe.json", old: #""BNBUSDT": { "tier": "T2", "cluster": "L1""#, new: #""BNBUSDT": { "tier": "T2", "cluster": "DEFI""#,
              expected: ["DIR/risk_limits.json: clusters.DEFI: is required: enabled symbol BNBUSDT is in cluster DEFI"]),
        .init(name: "leverage above max_leverage", file: "pairs_universe.json", old: #""BTCUSDT": { "tier": "T1", "cluster": "MAJOR", "enabled": true }"#,
              new: #""BTCUSDT": { "tier": "T1", "cluster": "MAJOR", "enabled": true, "leverage": 5 }"#,
              expected: ["DIR/pairs_universe.json: symbols.BTCUSDT.leverage: 5 is above max_leverage 3 in DIR/risk_limits.json"]),
        .init(name: "leverage out of the venue's range", file: "pairs_universe.json", old: #""ETHUSDT": { "tier": "T1", "cluster": "MAJOR", "enabled": true }"#,
              new: #""ETHUSDT": { "tier": "T1", "cluster": "MAJOR", "enabled": true, "leverage": 200 }"#,
              expected: ["DIR/pairs_universe.json: symbols.ETHUSDT.leverage: must be in [1, 125], got 200"]),
        .init(name: "router taker bias out of range", file: "runtime.yaml", old: "T1: { maker_first: true, taker_bias: 0.25, offset_bps: 0.5 }",
              new: "T1: { taker_bias: 2 }",
              expected: ["DIR/runtime.yaml: router.tiers.T1.taker_bias: must be in [0, 1], got 2"]),
        .init(name: "router policy for an unknown symbol", file: "runtime.yaml", old: "router:\n  tiers:",
              new: "router:\n  symbols:\n    ADAUSDT: { offset_bps: 1 }\n  tiers:",
              expected: ["DIR/runtime.yaml: router.symbols.ADAUSDT: unknown symbol (not in DIR/pairs_universe.json)"]),
        .init(name: "an auto-tune allowlist with an unknown symbol", file: "runtime.yaml", old: "router:\n  tiers:",
              new: "router:\n  autotune_allowlist: [BTCUSDT, ADAUSDT]\n  tiers:",
              expected: ["DIR/runtime.yaml: router.autotune_allowlist: unknown symbol ADAUSDT (not in DIR/pairs_universe.json)"]),
        .init(name: "unknown strategy", file: "strategy_config.json", old: #""strategies": {"#, new: #""strategies": { "grid": { "enabled": false },"#,
              expected: ["DIR/strategy_config.json: strategies.grid: unknown strategy (built-in strategies: trend, triggers, ema_cross)"]),
        .init(name: "strategy parameter of the wrong type", file: "strategy_config.json", old: #""atr_period": 14"#, new: #""atr_period": 14.5"#,
              expected: ["DIR/strategy_config.json: strategies.trend.atr_period: must be a whole number, got a number (14.5)"]),
        .init(name: "a max hold that is not positive", file: "strategy_config.json", old: #""atr_period": 14"#,
              new: #""atr_period": 14, "max_hold_minutes": 0"#,
              expected: ["DIR/strategy_config.json: strategies.trend.max_hold_minutes: must be > 0, got 0"]),
        .init(name: "strategy parameters that contradict each other", file: "strategy_config.json", old: #""slow_period": 26"#, new: #""slow_period": 10"#,
              expected: ["DIR/strategy_config.json: strategies.trend.fast_period: must be less than slow_period (10), got 12"]),
    ]

    @Test("a broken config names the file, the key and the problem", arguments: brokenCases)
    func brokenConfig(_ c: BrokenConfigCase) throws {
        let fixture = try ConfigFixture()
        defer { fixture.cleanUp() }
        if let old = c.old {
            try fixture.replace(c.file, old, with: c.new)
        } else if c.new.isEmpty {
            try fixture.remove(c.file)
        } else {
            try fixture.write(c.file, c.new)
        }
        let before = try fixture.snapshot()
        let error = try #require(throws: ConfigError.self) {
            try HedgeConfig.load(directory: fixture.directory, environment: [:])
        }
        let lines = error.problems.map { $0.description.replacingOccurrences(of: fixture.directory, with: "DIR") }
        #expect(lines == c.expected)
        #expect(try fixture.snapshot() == before, "loading must write nothing")
    }

    @Test("tier, cluster and symbol caps above 100 % of NAV are valid while gross exposure allows them")
    func capsAboveNavWithinGross() throws {
        let fixture = try ConfigFixture()
        defer { fixture.cleanUp() }
        try fixture.replace("risk_limits.json", #""max_gross_exposure_x_nav": 1.5"#, with: #""max_gross_exposure_x_nav": 2"#)
        try fixture.replace("risk_limits.json", #""T1": { "max_nav_pct": 60"#, with: #""T1": { "max_nav_pct": 150"#)
        try fixture.replace("risk_limits.json", #""MAJOR": { "max_nav_pct": 60 }"#, with: #""MAJOR": { "max_nav_pct": 200 }"#)
        try fixture.replace("risk_limits.json", #""BTCUSDT": { "max_nav_pct": 30"#, with: #""BTCUSDT": { "max_nav_pct": 120"#)
        let config = try HedgeConfig.load(directory: fixture.directory, environment: [:])
        #expect(config.riskLimits.tiers[.t1]?.maxNavPct == 150)
        #expect(config.riskLimits.clusters["MAJOR"]?.maxNavPct == 200)
        #expect(config.riskLimits.perSymbol["BTCUSDT"]?.maxNavPct == 120)
    }

    @Test("two problems in two files are both reported, not only the first")
    func twoProblemsAtOnce() throws {
        let fixture = try ConfigFixture()
        defer { fixture.cleanUp() }
        try fixture.replace("risk_limits.json", #""max_drawdown_pct": 10"#, with: #""max_drawdown_pct": -1"#)
        try fixture.replace("runtime.yaml", "  port: 8787", with: "  port: 70000")
        let error = try #require(throws: ConfigError.self) {
            try HedgeConfig.load(directory: fixture.directory, environment: [:])
        }
        let lines = error.problems.map { $0.description.replacingOccurrences(of: fixture.directory, with: "DIR") }
        #expect(lines == [
            "DIR/runtime.yaml: http.port: must be in [0, 65535], got 70000",
            "DIR/risk_limits.json: global.max_drawdown_pct: must be in (0, 100], got -1",
        ])
    }

    @Test("a missing config directory is one clear problem")
    func missingDirectory() throws {
        let error = try #require(throws: ConfigError.self) {
            try HedgeConfig.load(directory: "/nonexistent/hedge-config", environment: [:])
        }
        #expect(error.description == "/nonexistent/hedge-config: config directory not found")
    }

    @Test("an empty runtime.yaml is valid and means the documented defaults")
    func emptyRuntimeIsDefaults() throws {
        let fixture = try ConfigFixture()
        defer { fixture.cleanUp() }
        try fixture.write("runtime.yaml", "# nothing set\n")
        let config = try HedgeConfig.load(directory: fixture.directory, environment: [:])
        #expect(config.runtime == RuntimeConfig.defaults)
        #expect(config.runtime.mode == .dryRun)
        #expect(!config.flags.isEnabled(.intel))
    }
}
