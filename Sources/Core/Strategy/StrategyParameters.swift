/// The parameters of one built-in strategy, as read from `config/strategy_config.json`
/// (`{"strategies": {NAME: {"enabled": bool, ...parameters}}, "regime": {...}}`).
public enum StrategyParameters: Sendable, Hashable {
    case trend(TrendParameters)
    case triggers(TriggersParameters)
    case emaCross(EmaCrossParameters)
}

extension StrategyParameters {
    /// The names of the built-in strategies, the keys allowed under `strategies`.
    public static let builtInNames: [String] = ["trend", "triggers", "ema_cross"]

    /// The strategy's name.
    public var name: String {
        switch self {
        case .trend: return "trend"
        case .triggers: return "triggers"
        case .emaCross: return "ema_cross"
        }
    }

    /// Reads built-in strategy `name`'s parameters from `reader` (the caller has already read
    /// "enabled" and calls `finish` afterwards, which reports unknown keys). Missing parameters
    /// take the documented defaults; wrong types and out-of-range values are recorded in
    /// `problems` with the key path. Returns nil if `name` is not built in (the caller reports
    /// that) or any problem was found.
    public static func read(name: String, from reader: inout ConfigObjectReader, problems: inout ConfigProblems) -> StrategyParameters? {
        switch name {
        case "trend": return TrendParameters.read(from: &reader, problems: &problems).map(StrategyParameters.trend)
        case "triggers": return TriggersParameters.read(from: &reader, problems: &problems).map(StrategyParameters.triggers)
        case "ema_cross": return EmaCrossParameters.read(from: &reader, problems: &problems).map(StrategyParameters.emaCross)
        default: return nil
        }
    }

    /// A fresh strategy instance for these parameters, with no per-symbol state. `tiers` (symbol
    /// → tier) sizes `triggers` signals; `gate` is the expectancy veto both strategies consult.
    public func makeStrategy(tiers: [String: Tier], gate: ExpectancyGate) -> any Strategy {
        switch self {
        case .trend(let parameters):
            return TrendStrategy(parameters: parameters, gate: gate, name: name)
        case .triggers(let parameters):
            return TriggersStrategy(parameters: parameters, tiers: tiers, gate: gate, name: name)
        case .emaCross(let parameters):
            return EmaCrossStrategy(parameters: parameters, name: name)
        }
    }
}
