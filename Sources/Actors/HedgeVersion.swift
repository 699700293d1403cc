/// The engine's version, written into every state file as `engine_version` so a dashboard or an
/// operator can tell which build produced a file.
public enum HedgeVersion {
    /// Semantic version of this build of Hedge.
    public static let current = "0.1.0"
}
