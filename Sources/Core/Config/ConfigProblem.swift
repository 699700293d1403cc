/// One thing wrong with the configuration, located by file and key path.
///
/// Rendered as `FILE: KEY.PATH: problem`, e.g.
/// `config/risk_limits.json: global.max_trade_nav_pct: must be in (0, 100], got 140`.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as the operator named it (relative to where they pointed `--config`).
    public var file: String
    /// Dotted key path inside the file; empty for whole-file problems (missing, syntax).
    public var keyPath: String
    public var message: String

    public init(file: String, keyPath: String, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        keyPath.isEmpty ? "\(file): \(message)" : "\(file): \(keyPath): \(message)"
    }
}

/// Every problem found while loading a configuration. Thrown only after validation has looked
/// at everything it could, so the operator fixes all of them in one pass.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// The collector validation code appends to. A plain value passed `inout`, so validation stays
/// pure and can run in parallel on different files.
public struct ConfigProblems: Sendable {
    public private(set) var all: [ConfigProblem] = []

    public init() {}

    public mutating func add(_ file: String, _ keyPath: String, _ message: String) {
        all.append(ConfigProblem(file: file, keyPath: keyPath, message: message))
    }

    public mutating func append(contentsOf other: ConfigProblems) {
        all.append(contentsOf: other.all)
    }

    public var isEmpty: Bool { all.isEmpty }
}
