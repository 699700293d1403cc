/// One change of the kill switch: on or off, why, by whom (`cli`, `http`, `file`), when.
public struct KillSwitchChange: Sendable, Hashable, Codable {
    public var timeMs: Int64
    public var engaged: Bool
    public var reason: String
    public var source: String

    public init(timeMs: Int64, engaged: Bool, reason: String, source: String) {
        self.timeMs = timeMs
        self.engaged = engaged
        self.reason = reason
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case engaged, reason, source
        case timeMs = "time_ms"
    }
}
