/// The strategies from `config/strategy_config.json`: which built-in strategies run, with which
/// parameters, and the regime detector's thresholds.
///
/// Shape: `{"strategies": {NAME: {"enabled": bool, ...parameters}}, "regime": {...}}`.
public struct StrategyConfig: Sendable, Hashable {
    /// One configured strategy.
    public struct Entry: Sendable, Hashable {
        public var enabled: Bool
        public var parameters: StrategyParameters
        /// The parameter keys as written (without `enabled`), so research overrides
        /// (`hedge backtest --param`) can be layered on top and validated the same way.
        public var rawParameters: [String: JSONValue]
        /// `max_hold_minutes`: a leg the strategy opened is closed at market once it has been held
        /// this long (market time), in the backtest and live alike; nil holds until an exit.
        public var maxHoldMinutes: Double?

        public init(enabled: Bool, parameters: StrategyParameters, rawParameters: [String: JSONValue] = [:], maxHoldMinutes: Double? = nil) {
            self.enabled = enabled
            self.parameters = parameters
            self.rawParameters = rawParameters
            self.maxHoldMinutes = maxHoldMinutes
        }
    }

    public var strategies: [String: Entry]
    public var regime: RegimeParameters

    public init(strategies: [String: Entry], regime: RegimeParameters = .defaults) {
        self.strategies = strategies
        self.regime = regime
    }

    /// Each configured strategy's `max_hold_minutes` in ms, for those that set one.
    public var maxHoldMsByStrategy: [String: Int64] {
        var result: [String: Int64] = [:]
        for (name, entry) in strategies {
            if let minutes = entry.maxHoldMinutes { result[name] = Int64((minutes * 60_000).rounded()) }
        }
        return result
    }

    /// Names of the enabled strategies, sorted.
    public var enabledNames: [String] {
        strategies.filter(\.value.enabled).keys.sorted()
    }

    /// Parameters for strategy `name` from its configured keys (if configured) with `overrides`
    /// on top, validated like the file. Throws every problem, located under `source`.
    public func parameters(for name: String, overrides: [String: JSONValue], source: String) throws(ConfigError) -> StrategyParameters {
        var problems = ConfigProblems()
        guard StrategyParameters.builtInNames.contains(name) else {
            let known = StrategyParameters.builtInNames.joined(separator: ", ")
            throw ConfigError(problems: [ConfigProblem(file: source, keyPath: "strategy", message: "unknown strategy \"\(name)\" (built-in strategies: \(known))")])
        }
        var fields = strategies[name]?.rawParameters ?? [:]
        fields.merge(overrides) { $1 }
        guard var reader = ConfigObjectReader(.object(fields), file: source, path: name, problems: &problems),
              let parameters = StrategyParameters.read(name: name, from: &reader, problems: &problems)
        else { throw ConfigError(problems: problems.all) }
        reader.finish(into: &problems)
        guard problems.isEmpty else { throw ConfigError(problems: problems.all) }
        return parameters
    }

    /// Reads and validates `strategy_config.json` (already parsed); nil when any problem was found.
    public static func read(_ document: JSONValue, file: String, problems: inout ConfigProblems) -> StrategyConfig? {
        let before = problems.all.count
        guard var root = ConfigObjectReader(document, file: file, path: "", problems: &problems) else { return nil }
        var strategies: [String: Entry] = [:]
        if var list = root.object("strategies", problems: &problems) {
            list.acceptAllKeys()
            for name in list.keys {
                guard var entry = list.object(name, problems: &problems) else { continue }
                var raw: [String: JSONValue] = [:]
                if case .object(let fields)? = list.raw(name) {
                    raw = fields.filter { $0.key != "enabled" && $0.key != "max_hold_minutes" }
                }
                guard StrategyParameters.builtInNames.contains(name) else {
                    let known = StrategyParameters.builtInNames.joined(separator: ", ")
                    problems.add(file, list.keyPath(name), "unknown strategy (built-in strategies: \(known))")
                    continue
                }
                let enabled = entry.bool("enabled", problems: &problems)
                let maxHold = entry.number("max_hold_minutes", .positive, required: false, problems: &problems)
                let parameters = StrategyParameters.read(name: name, from: &entry, problems: &problems)
                entry.finish(into: &problems)
                if let enabled, let parameters {
                    strategies[name] = Entry(enabled: enabled, parameters: parameters, rawParameters: raw, maxHoldMinutes: maxHold)
                }
            }
        }
        var regime = RegimeParameters.defaults
        if var regimeReader = root.object("regime", required: false, problems: &problems) {
            regime = RegimeParameters.read(from: &regimeReader, problems: &problems) ?? regime
            regimeReader.finish(into: &problems)
        }
        root.finish(into: &problems)
        guard problems.all.count == before else { return nil }
        return StrategyConfig(strategies: strategies, regime: regime)
    }
}
