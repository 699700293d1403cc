/// The strategies from `config/strategy_config.json`: which built-in strategies run, with which
/// parameters, and the regime detector's thresholds.
///
/// Shape: `{"strategies": {NAME: {"enabled": bool, ...parameters}}, "regime": {...}}`.
public struct StrategyConfig: Sendable, Hashable {
    /// One configured strategy.
    public struct Entry: Sendable, Hashable {
        public var enabled: Bool
        public var parameters: StrategyParameters

        public init(enabled: Bool, parameters: StrategyParameters) {
            self.enabled = enabled
            self.parameters = parameters
        }
    }

    public var strategies: [String: Entry]
    public var regime: RegimeParameters

    public init(strategies: [String: Entry], regime: RegimeParameters = .defaults) {
        self.strategies = strategies
        self.regime = regime
    }

    /// Names of the enabled strategies, sorted.
    public var enabledNames: [String] {
        strategies.filter(\.value.enabled).keys.sorted()
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
                guard StrategyParameters.builtInNames.contains(name) else {
                    let known = StrategyParameters.builtInNames.joined(separator: ", ")
                    problems.add(file, list.keyPath(name), "unknown strategy (built-in strategies: \(known))")
                    continue
                }
                let enabled = entry.bool("enabled", problems: &problems)
                let parameters = StrategyParameters.read(name: name, from: &entry, problems: &problems)
                entry.finish(into: &problems)
                if let enabled, let parameters {
                    strategies[name] = Entry(enabled: enabled, parameters: parameters)
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
