/// What a soak found, printed as JSON (`hedge soak`). The run fails when any finding list is
/// non-empty (`duplicates`, `orphans`, `position_drift`, `client_id_reuse`, `unrecorded_orders`)
/// or a daemon crashed.
public struct SoakSummary: Encodable, Sendable {
    public var venue: String
    public var durationSeconds: Double
    /// The store against the venue after the last daemon stopped.
    public var findings: SoakFindings
    /// Daemons killed (SIGKILL) and started again on the same state directory, and when (seconds
    /// into the soak), with the seed that chose the moments.
    public var restarts: Int
    public var killsAtSeconds: [Double]
    public var seed: UInt64?
    /// Retried requests by cause and stream reconnects, from the adapter; only known when the
    /// daemon ran inside the soak (without `--kill`), nil otherwise.
    public var retries: [String: Int]?
    public var reconnects: [String: Int]?
    public var alerts: [String]?
    /// A daemon that ended other than by the soak's signal, or whose drain was forced.
    public var crashes: [String]
    /// What stopped the soak before its audit could finish (the venue unreachable, a ban), if
    /// anything did; the findings are then empty and the soak failed.
    public var failure: String?

    public var passed: Bool { failure == nil && findings.clean && crashes.isEmpty }

    /// Why the soak failed, in one line; nil when it passed.
    public var reason: String? {
        if let failure { return failure }
        var parts: [String] = []
        for (name, list) in [("duplicates", findings.duplicates), ("orphans", findings.orphans), ("position drift", findings.positionDrift),
                             ("client id reuse", findings.clientIdReuse), ("unrecorded orders", findings.unrecordedOrders),
                             ("crashes", crashes)] where !list.isEmpty {
            parts.append("\(name): \(list.count)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The report of a soak that could not finish: `passed: false` with `reason`.
    public static func failed(venue: String, durationSeconds: Double, reason: String, crashes: [String] = []) -> SoakSummary {
        var summary = SoakSummary(venue: venue, durationSeconds: durationSeconds, findings: .none, crashes: crashes)
        summary.failure = reason
        return summary
    }

    public init(venue: String, durationSeconds: Double, findings: SoakFindings, restarts: Int = 0, killsAtSeconds: [Double] = [],
                seed: UInt64? = nil, crashes: [String]) {
        self.venue = venue
        self.durationSeconds = durationSeconds
        self.findings = findings
        self.restarts = restarts
        self.killsAtSeconds = killsAtSeconds
        self.seed = seed
        self.crashes = crashes
    }

    enum CodingKeys: String, CodingKey {
        case venue, orders, runs, restarts, seed, retries, reconnects, duplicates, orphans, crashes, alerts, passed, reason
        case durationSeconds = "duration_s"
        case filledOrders = "filled_orders"
        case venueOrders = "venue_orders"
        case killsAtSeconds = "kills_at_s"
        case positionDrift = "position_drift"
        case clientIdReuse = "client_id_reuse"
        case unrecordedOrders = "unrecorded_orders"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(venue, forKey: .venue)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(findings.orders, forKey: .orders)
        try container.encode(findings.filledOrders, forKey: .filledOrders)
        try container.encode(findings.venueOrders, forKey: .venueOrders)
        try container.encode(findings.runs, forKey: .runs)
        try container.encode(restarts, forKey: .restarts)
        try container.encode(killsAtSeconds, forKey: .killsAtSeconds)
        try container.encodeIfPresent(seed, forKey: .seed)
        try container.encodeIfPresent(retries, forKey: .retries)
        try container.encodeIfPresent(reconnects, forKey: .reconnects)
        try container.encode(findings.duplicates, forKey: .duplicates)
        try container.encode(findings.orphans, forKey: .orphans)
        try container.encode(findings.positionDrift, forKey: .positionDrift)
        try container.encode(findings.clientIdReuse, forKey: .clientIdReuse)
        try container.encode(findings.unrecordedOrders, forKey: .unrecordedOrders)
        try container.encode(crashes, forKey: .crashes)
        try container.encodeIfPresent(alerts, forKey: .alerts)
        try container.encode(passed, forKey: .passed)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}
