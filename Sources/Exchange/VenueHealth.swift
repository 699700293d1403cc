/// What a venue connection reports about itself for state files and `doctor`: alerts an operator
/// must see (an IP ban), the clock offset, rate-limit use, retries by cause and stream reconnects.
public struct VenueHealth: Sendable, Hashable, Codable {
    /// Active alerts, e.g. `ip_banned until 2026-11-22T06:00:00Z: …`.
    public var alerts: [String]
    /// Venue time minus local time, ms, as last measured.
    public var clockOffsetMs: Int64
    /// Request weight used in the current minute, as the venue last reported it.
    public var weightUsed1m: Int
    /// The venue's request-weight limit per minute.
    public var weightLimit1m: Int
    /// Retried requests by cause (`timestamp`, `rate_limited`, `transport`, `server`, `unknown_outcome`).
    public var retries: [String: Int]
    /// Stream reconnects by stream (`market`, `user`).
    public var reconnects: [String: Int]
    /// Requests sent.
    public var requests: Int
    /// Stream messages that could not be read and were skipped (market data; an unreadable
    /// user-stream message triggers a resync instead).
    public var unreadableMessages: Int

    public init(alerts: [String] = [], clockOffsetMs: Int64 = 0, weightUsed1m: Int = 0, weightLimit1m: Int = 0,
                retries: [String: Int] = [:], reconnects: [String: Int] = [:], requests: Int = 0, unreadableMessages: Int = 0) {
        self.alerts = alerts
        self.clockOffsetMs = clockOffsetMs
        self.weightUsed1m = weightUsed1m
        self.weightLimit1m = weightLimit1m
        self.retries = retries
        self.reconnects = reconnects
        self.requests = requests
        self.unreadableMessages = unreadableMessages
    }

    enum CodingKeys: String, CodingKey {
        case alerts, requests, retries, reconnects
        case clockOffsetMs = "clock_offset_ms"
        case weightUsed1m = "weight_used_1m"
        case weightLimit1m = "weight_limit_1m"
        case unreadableMessages = "unreadable_messages"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        alerts = try c.decode([String].self, forKey: .alerts)
        clockOffsetMs = try c.decode(Int64.self, forKey: .clockOffsetMs)
        weightUsed1m = try c.decode(Int.self, forKey: .weightUsed1m)
        weightLimit1m = try c.decode(Int.self, forKey: .weightLimit1m)
        retries = try c.decode([String: Int].self, forKey: .retries)
        reconnects = try c.decode([String: Int].self, forKey: .reconnects)
        requests = try c.decode(Int.self, forKey: .requests)
        // Absent from what earlier versions wrote.
        unreadableMessages = try c.decodeIfPresent(Int.self, forKey: .unreadableMessages) ?? 0
    }
}
