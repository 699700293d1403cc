import Foundation
import HedgeExchange

/// What a soak found, printed as JSON. The run fails when `duplicates`, `orphans` or
/// `positionDrift` is above zero, or the daemon crashed.
struct SoakSummary: Encodable {
    var venue: String
    var durationSeconds: Double
    /// Orders the daemon sent and orders with at least one fill.
    var orders: Int
    var filledOrders: Int
    /// Orders the venue created (loopback journal or allOrders).
    var venueOrders: Int
    /// Retried requests by cause, from the adapter.
    var retries: [String: Int]
    /// Stream reconnects by stream.
    var reconnects: [String: Int]
    /// Client order ids with more than one venue order.
    var duplicates: [String]
    /// Venue open orders at the end that the daemon does not know.
    var orphans: [String]
    /// Legs where the daemon's fills and the venue's position disagree: `SYMBOL LEG daemon=… venue=…`.
    var positionDrift: [String]
    /// The daemon's run ending in an error (it should only end by its drain).
    var crashes: [String]
    var alerts: [String]

    var passed: Bool { duplicates.isEmpty && orphans.isEmpty && positionDrift.isEmpty && crashes.isEmpty }

    enum CodingKeys: String, CodingKey {
        case venue, orders, retries, reconnects, duplicates, orphans, crashes, alerts, passed
        case durationSeconds = "duration_s"
        case filledOrders = "filled_orders"
        case venueOrders = "venue_orders"
        case positionDrift = "position_drift"
    }

    func encode(to encoder: any Encoder) throws {
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
