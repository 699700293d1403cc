/// The v6 flags, resolved once at start and then immutable. Every component and every state
/// file gets this one value, so no two parts of the daemon can disagree about a flag (the
/// Python system parsed them in three places and drifted).
public struct FlagSnapshot: Sendable, Hashable {
    /// Where a flag's value came from, for `hedge flags` and the start-up log line.
    public enum Source: String, Sendable, Hashable, Codable {
        case `default`
        case runtimeYAML = "runtime.yaml"
        case environment
    }

    /// One resolved flag.
    public struct Entry: Sendable, Hashable, Codable {
        public var value: Bool
        public var source: Source
    }

    private var entries: [FeatureFlag: Entry]

    /// A snapshot with every flag at `value` from `source` (tests and defaults).
    public init(allEnabled value: Bool = false, source: Source = .default) {
        entries = Dictionary(uniqueKeysWithValues: FeatureFlag.allCases.map { ($0, Entry(value: value, source: source)) })
    }

    public func isEnabled(_ flag: FeatureFlag) -> Bool {
        entries[flag]?.value ?? false
    }

    public func entry(_ flag: FeatureFlag) -> Entry {
        entries[flag] ?? Entry(value: false, source: .default)
    }

    /// Returns a copy with `flag` set (tests; the daemon never mutates its snapshot).
    public func setting(_ flag: FeatureFlag, _ value: Bool, source: Source = .default) -> FlagSnapshot {
        var copy = self
        copy.entries[flag] = Entry(value: value, source: source)
        return copy
    }

    /// `{"INTEL_V6_ENABLED": true, …}`: the form every state file carries as `v6_flags`.
    public var values: [String: Bool] {
        Dictionary(uniqueKeysWithValues: FeatureFlag.allCases.map { ($0.name, isEnabled($0)) })
    }

    /// Resolves the snapshot: defaults (off), then runtime.yaml `flags:`, then the environment.
    /// Every bad value or unknown flag name is recorded in `problems`, naming the variable.
    public static func resolve(
        yamlFlags: JSONValue?,
        runtimeFile: String,
        environment: [String: String],
        problems: inout ConfigProblems
    ) -> FlagSnapshot {
        var snapshot = FlagSnapshot()
        if let yamlFlags, yamlFlags != .null,
           var reader = ConfigObjectReader(yamlFlags, file: runtimeFile, path: "flags", problems: &problems) {
            for flag in FeatureFlag.allCases {
                guard let raw = reader.raw(flag.name) else { continue }
                if let value = yamlValue(raw) {
                    snapshot.entries[flag] = Entry(value: value, source: .runtimeYAML)
                } else {
                    problems.add(runtimeFile, reader.keyPath(flag.name),
                                 "must be one of \(FeatureFlag.accepted), got \(raw.shortDescription)")
                }
            }
            reader.finish(into: &problems)
        }
        for flag in FeatureFlag.allCases {
            guard let text = environment[flag.name] else { continue }
            if let value = FeatureFlag.parseValue(text) {
                snapshot.entries[flag] = Entry(value: value, source: .environment)
            } else {
                problems.add("environment", flag.name, "must be one of \(FeatureFlag.accepted), got \"\(text)\"")
            }
        }
        return snapshot
    }

    /// YAML may give a boolean (`true`, `yes`), a number (`1`) or a string (`"on"`).
    private static func yamlValue(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .number(let n) where n == 0 || n == 1: return n == 1
        case .string(let s): return FeatureFlag.parseValue(s)
        default: return nil
        }
    }
}

extension FlagSnapshot: Codable {
    /// Encodes as `{"FLAG": {"value": true, "source": "environment"}, …}` (the `hedge flags` report).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: FeatureFlag.allCases.map { ($0.name, entry($0)) }))
    }

    public init(from decoder: any Decoder) throws {
        let decoded = try decoder.singleValueContainer().decode([String: Entry].self)
        self.init()
        for flag in FeatureFlag.allCases {
            if let entry = decoded[flag.name] { entries[flag] = entry }
        }
    }
}
