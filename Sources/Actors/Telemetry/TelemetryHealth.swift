/// How telemetry is doing, as `v6_runtime_probe.json` `telemetry` reports it: writes done,
/// failed and dropped, per target where it matters, and whether an alert is raised.
///
/// `alert` is true while some target's last write failed (a full disk, a removed directory,
/// a failed rotation) or when messages were dropped since the previous probe; `failing` names
/// the failing targets (a state file's name or a log's path).
public struct TelemetryHealth: Sendable, Encodable, Equatable {
    public var written = 0
    public var failed = 0
    /// Messages refused because the queue was full (the disk could not keep up).
    public var dropped = 0
    public var failedByTarget: [String: Int] = [:]
    public var droppedByTarget: [String: Int] = [:]
    /// Targets whose last write failed.
    public var failing: [String] = []
    public var alert = false
    public var lastError: String?
    /// The queue's capacity (messages).
    public var queueCapacity: Int

    public init(queueCapacity: Int) {
        self.queueCapacity = queueCapacity
    }

    enum CodingKeys: String, CodingKey {
        case written, failed, dropped, failing, alert
        case failedByTarget = "failed_by_target"
        case droppedByTarget = "dropped_by_target"
        case lastError = "last_error"
        case queueCapacity = "queue_capacity"
    }
}

extension TelemetryMessage {
    /// Where the message goes: a state file's name (`nav`) or a log's path
    /// (`execution/orders_executed.jsonl`).
    var target: String {
        switch self {
        case .state(let name, _, _): name.rawValue
        case .line(let log, _): log.relativePath
        }
    }
}
