import Foundation

/// The whole configuration of one daemon: the four files of the config directory plus the flag
/// snapshot, loaded and validated together. Immutable once loaded; every component gets it.
public struct HedgeConfig: Sendable {
    /// The directory the files came from, as the operator named it.
    public var directory: String
    public var runtime: RuntimeConfig
    public var flags: FlagSnapshot
    public var riskLimits: RiskLimits
    public var universe: PairsUniverse
    public var strategies: StrategyConfig

    public init(directory: String, runtime: RuntimeConfig, flags: FlagSnapshot, riskLimits: RiskLimits,
                universe: PairsUniverse, strategies: StrategyConfig) {
        self.directory = directory
        self.runtime = runtime
        self.flags = flags
        self.riskLimits = riskLimits
        self.universe = universe
        self.strategies = strategies
    }

    /// The config files, in report order.
    public enum File: String, CaseIterable, Sendable {
        case runtime = "runtime.yaml"
        case riskLimits = "risk_limits.json"
        case pairsUniverse = "pairs_universe.json"
        case strategyConfig = "strategy_config.json"
    }

    /// Loads and validates every file of `directory`, then the cross-file rules. Throws one
    /// `ConfigError` listing every problem found (all files are always read). Writes nothing.
    ///
    /// - Parameter environment: the process environment, for flag overrides.
    public static func load(directory: String, environment: [String: String]) throws(ConfigError) -> HedgeConfig {
        let directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var problems = ConfigProblems()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            problems.add(directory, "", "config directory not found")
            throw ConfigError(problems: problems.all)
        }
        func name(_ file: File) -> String { "\(directory)/\(file.rawValue)" }
        func document(_ file: File, _ format: ConfigDocument.Format) -> JSONValue? {
            ConfigDocument.load(path: name(file), displayName: name(file), format: format, problems: &problems)
        }

        let runtimeDocument = document(.runtime, .yaml)
        let runtime = runtimeDocument.flatMap { RuntimeConfig.read($0, file: name(.runtime), problems: &problems) }
        var flagsNode: JSONValue?
        if case .object(let fields)? = runtimeDocument { flagsNode = fields["flags"] }
        let flags = FlagSnapshot.resolve(yamlFlags: flagsNode, runtimeFile: name(.runtime),
                                         environment: environment, problems: &problems)
        let limits = document(.riskLimits, .json).flatMap { RiskLimits.read($0, file: name(.riskLimits), problems: &problems) }
        let universe = document(.pairsUniverse, .json).flatMap { PairsUniverse.read($0, file: name(.pairsUniverse), problems: &problems) }
        let strategies = document(.strategyConfig, .json).flatMap { StrategyConfig.read($0, file: name(.strategyConfig), problems: &problems) }

        if let limits, let universe {
            crossCheck(limits: limits, universe: universe, strategies: strategies, router: runtime?.router ?? RouterPolicyConfig(),
                       limitsFile: name(.riskLimits), universeFile: name(.pairsUniverse), runtimeFile: name(.runtime), problems: &problems)
        }
        guard problems.isEmpty, let runtime, var limits, let universe, let strategies else {
            throw ConfigError(problems: problems.all)
        }
        // Relative to the config directory, so a daemon started from another working directory
        // watches the same file the operator touches.
        limits.global.killSwitchFile = resolve(limits.global.killSwitchFile, against: directory)
        return HedgeConfig(directory: directory, runtime: runtime, flags: flags, riskLimits: limits,
                           universe: universe, strategies: strategies)
    }

    /// `path` when absolute, else `directory/path`.
    static func resolve(_ path: String, against directory: String) -> String {
        path.hasPrefix("/") ? path : (directory == "." ? path : "\(directory)/\(path)")
    }

    /// Rules that span files: every name a limit refers to must exist, and every enabled symbol
    /// must fall under a tier cap and a cluster cap (a missing cap would silently mean "no cap").
    static func crossCheck(limits: RiskLimits, universe: PairsUniverse, strategies: StrategyConfig?, router: RouterPolicyConfig,
                           limitsFile: String, universeFile: String, runtimeFile: String, problems: inout ConfigProblems) {
        for symbol in limits.perSymbol.keys.sorted() where universe.symbols[symbol] == nil {
            problems.add(limitsFile, "per_symbol.\(symbol)", "unknown symbol (not in \(universeFile))")
        }
        for name in universe.enabledSymbols {
            guard let entry = universe.symbols[name] else { continue }
            if limits.tiers[entry.tier] == nil {
                problems.add(limitsFile, "tiers.\(entry.tier.rawValue)",
                             "is required: enabled symbol \(name) is in tier \(entry.tier.rawValue)")
            }
            if limits.clusters[entry.cluster] == nil {
                problems.add(limitsFile, "clusters.\(entry.cluster)",
                             "is required: enabled symbol \(name) is in cluster \(entry.cluster)")
            }
            // The leverage set on the venue must pass the check every intent gets: else every
            // entry on the symbol would be vetoed max_leverage.
            let cap = min(limits.global.maxLeverage, limits.perSymbol[name]?.maxLeverage ?? .infinity)
            if Double(entry.leverage) > cap {
                problems.add(universeFile, "symbols.\(name).leverage",
                             "\(entry.leverage) is above max_leverage \(cap == cap.rounded() ? String(Int(cap)) : String(cap)) in \(limitsFile)")
            }
        }
        for symbol in router.symbols.keys.sorted() where universe.symbols[symbol] == nil {
            problems.add(runtimeFile, "router.symbols.\(symbol)", "unknown symbol (not in \(universeFile))")
        }
        for symbol in router.autotuneAllowlist.sorted() where universe.symbols[symbol] == nil {
            problems.add(runtimeFile, "router.autotune_allowlist", "unknown symbol \(symbol) (not in \(universeFile))")
        }
        if let strategies {
            for name in limits.perStrategy.keys.sorted() where strategies.strategies[name] == nil {
                problems.add(limitsFile, "per_strategy.\(name)", "unknown strategy (not in strategy_config.json)")
            }
        }
        // One line per missing cap, however many symbols share it.
        problems = deduplicated(problems)
    }

    private static func deduplicated(_ problems: ConfigProblems) -> ConfigProblems {
        var seen: Set<String> = []
        var result = ConfigProblems()
        for p in problems.all where seen.insert("\(p.file)|\(p.keyPath)").inserted || p.keyPath.isEmpty {
            result.add(p.file, p.keyPath, p.message)
        }
        return result
    }
}
