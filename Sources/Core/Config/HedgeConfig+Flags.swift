extension HedgeConfig {
    /// Resolves only the flag snapshot (runtime.yaml `flags:` then the environment), for
    /// `hedge flags`, which must work even when another file is broken.
    public static func loadFlags(directory: String, environment: [String: String]) throws(ConfigError) -> FlagSnapshot {
        var problems = ConfigProblems()
        let file = "\(directory.hasSuffix("/") ? String(directory.dropLast()) : directory)/\(File.runtime.rawValue)"
        let document = ConfigDocument.load(path: file, displayName: file, format: .yaml, problems: &problems)
        var flagsNode: JSONValue?
        if case .object(let fields)? = document { flagsNode = fields["flags"] }
        let snapshot = FlagSnapshot.resolve(yamlFlags: flagsNode, runtimeFile: file, environment: environment, problems: &problems)
        guard problems.isEmpty else { throw ConfigError(problems: problems.all) }
        return snapshot
    }
}
