import Foundation
import HedgeCore
import HedgeExchange

/// What the risk actor counts as held, kept fresh between venue reads:
///
/// - the venue's legs as last read (`replaceVenueLegs`, every NAV interval and after a resync),
/// - moved by every fill since, as the router reports them (`applyFill`), so a leg opened a
///   second ago counts now, not at the next read;
/// - plus the reservations of approved entries not yet settled (`reserve` … `settle`): an entry
///   approved on this bar holds its notional against every cap until it fills (the reservation
///   turns into the leg), is canceled, rejected or never sent. So two strategies on one bar
///   cannot both pass the same concurrency, gross, tier or cluster cap.
///
/// A venue read replaces the legs, then re-applies the fills that arrived after the read was
/// requested (the read may not include them yet).
struct LiveExposure {
    struct LegKey: Hashable {
        var symbol: String
        var side: PositionSide
    }

    private struct Reservation {
        var key: LegKey
        var notionalUSD: Double
    }

    private struct AppliedFill {
        var key: LegKey
        var quantityDelta: Double
        var price: Double
        var atMonotonicMs: Int64
    }

    /// A held leg: its quantity (base asset) and the latest price seen for it, so its notional
    /// follows the market and a leg closed by quantity is flat whatever the prices were.
    struct Leg {
        var quantity: Double
        var price: Double
        var notionalUSD: Double { quantity * price }
    }

    static let recentFillLimit = 4_096
    /// A leg with less than this quantity left is flat (what Double sums of fills leave behind).
    static let flatQuantity = 1e-9

    /// Held legs.
    private(set) var legs: [LegKey: Leg] = [:]
    private var reservations: [String: Reservation] = [:]
    /// Fills applied since the oldest venue read that may not include them.
    private var recentFills: [AppliedFill] = []

    /// The venue's legs, read from a request made at `requestedAtMs` (monotonic): they replace
    /// what was held, and the fills that arrived after the request are applied again on top.
    mutating func replaceVenueLegs(_ positions: [VenuePosition], requestedAtMs: Int64) {
        var fresh: [LegKey: Leg] = [:]
        for position in positions where position.quantity > 0 {
            let quantity = NSDecimalNumber(decimal: position.quantity).doubleValue
            let mark = NSDecimalNumber(decimal: position.markPrice).doubleValue
            fresh[LegKey(symbol: position.symbol, side: position.side)] = Leg(quantity: quantity, price: mark)
        }
        recentFills.removeAll { $0.atMonotonicMs < requestedAtMs }
        for fill in recentFills { Self.move(&fresh, fill.key, by: fill.quantityDelta, at: fill.price) }
        legs = fresh
    }

    /// Holds `notionalUSD` for an approved entry on `symbol`'s `side` leg until it settles.
    mutating func reserve(intentId: String, symbol: String, side: PositionSide, notionalUSD: Double) {
        guard notionalUSD > 0, notionalUSD.isFinite else { return }
        reservations[intentId] = Reservation(key: LegKey(symbol: symbol, side: side), notionalUSD: notionalUSD)
    }

    /// A fill of `quantity` at `price` on `symbol`'s `side` leg: an opening fill adds to the leg
    /// (and uses up the intent's reservation by its notional), a reducing one takes from it.
    mutating func applyFill(intentId: String?, symbol: String, side: PositionSide, opening: Bool, quantity: Double, price: Double,
                            atMonotonicMs: Int64) {
        guard quantity > 0, quantity.isFinite, price > 0, price.isFinite else { return }
        let key = LegKey(symbol: symbol, side: side)
        let delta = opening ? quantity : -quantity
        Self.move(&legs, key, by: delta, at: price)
        recentFills.append(AppliedFill(key: key, quantityDelta: delta, price: price, atMonotonicMs: atMonotonicMs))
        // Bounded when the venue is not read for long: only a read requested before the oldest
        // kept fill and answered after could miss the dropped ones, until the next read.
        if recentFills.count > Self.recentFillLimit { recentFills.removeFirst(recentFills.count - Self.recentFillLimit) }
        if opening, let intentId, var reservation = reservations[intentId] {
            reservation.notionalUSD -= quantity * price
            reservations[intentId] = reservation.notionalUSD > 0 ? reservation : nil
        }
    }

    /// The intent's orders are all finished (filled, canceled, rejected, never sent): what is
    /// left of its reservation is released.
    mutating func settle(intentId: String) {
        reservations[intentId] = nil
    }

    /// Notional held on the leg (fills only, no reservation), nil when flat.
    func held(_ symbol: String, _ side: PositionSide) -> Double? {
        legs[LegKey(symbol: symbol, side: side)]?.notionalUSD
    }

    /// Whether the leg is held or an entry on it is on its way.
    func isOpenOrPending(_ symbol: String, _ side: PositionSide) -> Bool {
        let key = LegKey(symbol: symbol, side: side)
        return legs[key] != nil || reservations.values.contains { $0.key == key }
    }

    /// Held plus reserved notional per leg, as risk checks it.
    func exposures(strategy: (LegKey) -> String) -> [PositionExposure] {
        var total = legs.mapValues(\.notionalUSD)
        for reservation in reservations.values { total[reservation.key, default: 0] += reservation.notionalUSD }
        return total.sorted { ($0.key.symbol, $0.key.side.rawValue) < ($1.key.symbol, $1.key.side.rawValue) }.map { key, notional in
            PositionExposure(symbol: key.symbol, side: key.side, notionalUSD: notional, strategy: strategy(key))
        }
    }

    /// Reservations outstanding (for the snapshot).
    var reservedUSD: Double { reservations.values.reduce(0) { $0 + $1.notionalUSD } }

    private static func move(_ legs: inout [LegKey: Leg], _ key: LegKey, by delta: Double, at price: Double) {
        let quantity = (legs[key]?.quantity ?? 0) + delta
        legs[key] = quantity > flatQuantity ? Leg(quantity: quantity, price: price) : nil
    }
}
