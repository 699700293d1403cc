/// Where one daemon's files go: state files in `state`; the JSONL logs (`execution/…`,
/// `pipeline_v6_*.jsonl`) in `logs`, the parent of `state`, or the working directory when `state`
/// has no parent (`--state-dir state` writes `./execution/…`, never `/execution/…`).
public struct DaemonDirectories: Sendable, Hashable {
    /// The state directory as configured (`runtime.yaml` `state_dir` or `--state-dir`).
    public let state: String
    /// The logs directory derived from it.
    public let logs: String

    public init(stateDirectory: String) {
        state = stateDirectory
        logs = Self.parent(of: stateDirectory)
    }

    /// `logs/state` → `logs`, `state` → `.`, `/state` → `/`, `a/b/` → `a`; spelled relative when
    /// the input is.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }
}
