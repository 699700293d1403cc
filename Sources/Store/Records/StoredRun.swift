/// One run of the daemon: when it started and ended, with what, and how it ended. A run that
/// never recorded its end was killed (or the host went down).
public struct StoredRun: Sendable, Hashable, Codable {
    /// Short, unique forever (base 36 of the start in ms): the middle of every client order id
    /// the run sends (`hm-<run>-<seq>`).
    public var runId: String
    public var startedAtMs: Int64
    public var endedAtMs: Int64?
    public var engineVersion: String
    /// The fingerprint of the config files the run loaded (`HedgeConfig.fingerprint`).
    public var configHash: String
    public var flags: [String: Bool]
    public var mode: String
    public var venue: String
    /// `clean` (drained), `forced` (drain deadline passed), or nil when the end was never recorded.
    public var exitStatus: String?
    public var exitCode: Int?

    public init(runId: String, startedAtMs: Int64, endedAtMs: Int64? = nil, engineVersion: String, configHash: String,
                flags: [String: Bool], mode: String, venue: String, exitStatus: String? = nil, exitCode: Int? = nil) {
        self.runId = runId
        self.startedAtMs = startedAtMs
        self.endedAtMs = endedAtMs
        self.engineVersion = engineVersion
        self.configHash = configHash
        self.flags = flags
        self.mode = mode
        self.venue = venue
        self.exitStatus = exitStatus
        self.exitCode = exitCode
    }

    enum CodingKeys: String, CodingKey {
        case flags, mode, venue
        case runId = "run_id"
        case startedAtMs = "started_at_ms"
        case endedAtMs = "ended_at_ms"
        case engineVersion = "engine_version"
        case configHash = "config_hash"
        case exitStatus = "exit_status"
        case exitCode = "exit_code"
    }
}
