/// What a soak found, printed as JSON (`hedge soak`). The run fails when `duplicates`, `orphans`
/// or `positionDrift` is non-empty, or the daemon crashed.
public struct SoakSummary: Encodable, Sendable {
    public var venue: String
    public var durationSeconds: Double
    /// Orders the daemon sent and orders with at least one fill.
    public var orders: Int
    public var filledOrders: Int
    /// Orders the venue created (loopback journal or allOrders).
    public var venueOrders: Int
    /// Retried requests by cause, from the adapter.
    public var retries: [String: Int]
    /// Stream reconnects by stream.
    public var reconnects: [String: Int]
    /// Client order ids with more than one venue order.
    public var duplicates: [String]
    /// Venue open orders at the end that the daemon does not know.
    public var orphans: [String]
    /// Legs where the daemon's fills and the venue's position disagree: `SYMBOL LEG daemon=… venue=…`.
    public var positionDrift: [String]
    /// The daemon's run ending in an error (it should only end by its drain).
    public var crashes: [String]
    public var alerts: [String]

    public var passed: Bool { duplicates.isEmpty && orphans.isEmpty && positionDrift.isEmpty && crashes.isEmpty }

    enum CodingKeys: String, CodingKey {
        case venue, orders, retries, reconnects, duplicates, orphans, crashes, alerts, passed
        case durationSeconds = "duration_s"
        case filledOrders = "filled_orders"
        case venueOrders = "venue_orders"
        case positionDrift = "position_drift"
    }

    public init(venue: String, durationSeconds: Double, orders: Int, filledOrders: Int, venueOrders: Int, retries: [String: Int],
                reconnects: [String: Int], duplicates: [String], orphans: [String], positionDrift: [String], crashes: [String],
                alerts: [String]) {
        self.venue = venue
        self.durationSeconds = durationSeconds
        self.orders = orders
        self.filledOrders = filledOrders
        self.venueOrders = venueOrders
        self.retries = retries
        self.reconnects = reconnects
        self.duplicates = duplicates
        self.orphans = orphans
        self.positionDrift = positionDrift
        self.crashes = crashes
        self.alerts = alerts
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(venue, forKey: .venue)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(orders, forKey: .orders)
        try container.encode(filledOrders, forKey: .filledOrders)
        try container.encode(venueOrders, forKey: .venueOrders)
        try container.encode(retries, forKey: .retries)
        try container.encode(reconnects, forKey: .reconnects)
        try container.encode(duplicates, forKey: .duplicates)
        try container.encode(orphans, forKey: .orphans)
        try container.encode(positionDrift, forKey: .positionDrift)
        try container.encode(crashes, forKey: .crashes)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(passed, forKey: .passed)
    }
}
