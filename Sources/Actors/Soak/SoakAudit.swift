import HedgeCore
import HedgeExchange

/// What a soak finds when it compares the daemon's record with the venue after the drain: the
/// checks are pure functions of what both sides report, so each is tested on its own
/// (`SoakAudit.compare` reads both sides and runs them all).
public enum SoakAudit {
    /// Client order ids the venue created more than one order for, sorted.
    public static func duplicates(venueClientOrderIds: [String]) -> [String] {
        Dictionary(grouping: venueClientOrderIds, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }

    /// Venue open orders the daemon never recorded, as `SYMBOL clientOrderId`, sorted.
    public static func orphans(openOrders: [VenueOrder], known: Set<String>) -> [String] {
        openOrders.filter { !known.contains($0.clientOrderId) }.map { "\($0.symbol) \($0.clientOrderId)" }.sorted()
    }

    /// Legs where the daemon's position (from the fills it applied) and the venue's disagree
    /// beyond float residue, as `SYMBOL LEG daemon=… venue=…`, over `symbols` and every symbol the
    /// venue holds, sorted.
    public static func positionDrift(symbols: [String], venue positions: [VenuePosition],
                                     daemon: (_ symbol: String, _ leg: PositionSide) -> Double) -> [String] {
        var venueLegs: [String: Double] = [:]
        for position in positions { venueLegs["\(position.symbol) \(position.side.rawValue)"] = position.quantity.analyticsDouble }
        var drift: [String] = []
        for symbol in Set(symbols).union(positions.map(\.symbol)).sorted() {
            for leg in PositionSide.allCases {
                let held = daemon(symbol, leg)
                let venue = venueLegs["\(symbol) \(leg.rawValue)"] ?? 0
                if abs(held - venue) > 1e-9 * max(1, abs(venue)) {
                    drift.append("\(symbol) \(leg.rawValue) daemon=\(held) venue=\(venue)")
                }
            }
        }
        return drift
    }
}
