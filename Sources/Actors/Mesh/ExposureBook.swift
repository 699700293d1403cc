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
struct ExposureBook {
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
        var deltaUSD: Double
        var atMonotonicMs: Int64
    }

    static let recentFillLimit = 4_096

    /// Notional held per leg (USD, ≥ 0).
    private(set) var legs: [LegKey: Double] = [:]
    private var reservations: [String: Reservation] = [:]
    /// Fills applied since the oldest venue read that may not include them.
    private var recentFills: [AppliedFill] = []

    /// The venue's legs, read from a request made at `requestedAtMs` (monotonic): they replace
    /// what was held, and the fills that arrived after the request are applied again on top.
    mutating func replaceVenueLegs(_ positions: [VenuePosition], requestedAtMs: Int64) {
        var fresh: [LegKey: Double] = [:]
        for position in positions where position.quantity > 0 {
            fresh[LegKey(symbol: position.symbol, side: position.side), default: 0] += position.notionalUSD
        }
        recentFills.removeAll { $0.atMonotonicMs < requestedAtMs }
        for fill in recentFills { Self.move(&fresh, fill.key, by: fill.deltaUSD) }
        legs = fresh
    }

    /// Holds `notionalUSD` for an approved entry on `symbol`'s `side` leg until it settles.
    mutating func reserve(intentId: String, symbol: String, side: PositionSide, notionalUSD: Double) {
        guard notionalUSD > 0, notionalUSD.isFinite else { return }
        reservations[intentId] = Reservation(key: LegKey(symbol: symbol, side: side), notionalUSD: notionalUSD)
    }

    /// A fill on `symbol`'s `side` leg: an opening fill adds to the leg (and uses up the
    /// intent's reservation), a reducing one takes from it.
    mutating func applyFill(intentId: String?, symbol: String, side: PositionSide, opening: Bool, notionalUSD: Double, atMonotonicMs: Int64) {
        guard notionalUSD > 0, notionalUSD.isFinite else { return }
        let key = LegKey(symbol: symbol, side: side)
        let delta = opening ? notionalUSD : -notionalUSD
        Self.move(&legs, key, by: delta)
        recentFills.append(AppliedFill(key: key, deltaUSD: delta, atMonotonicMs: atMonotonicMs))
        // Bounded when the venue is not read for long: only a read requested before the oldest
        // kept fill and answered after could miss the dropped ones, until the next read.
        if recentFills.count > Self.recentFillLimit { recentFills.removeFirst(recentFills.count - Self.recentFillLimit) }
        if opening, let intentId, var reservation = reservations[intentId] {
            reservation.notionalUSD -= notionalUSD
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
        legs[LegKey(symbol: symbol, side: side)]
    }

    /// Whether the leg is held or an entry on it is on its way.
    func isOpenOrPending(_ symbol: String, _ side: PositionSide) -> Bool {
        let key = LegKey(symbol: symbol, side: side)
        return legs[key] != nil || reservations.values.contains { $0.key == key }
    }

    /// Held plus reserved notional per leg, as risk checks it.
    func exposures(strategy: (LegKey) -> String) -> [PositionExposure] {
        var total = legs
        for reservation in reservations.values { total[reservation.key, default: 0] += reservation.notionalUSD }
        return total.sorted { ($0.key.symbol, $0.key.side.rawValue) < ($1.key.symbol, $1.key.side.rawValue) }.map { key, notional in
            PositionExposure(symbol: key.symbol, side: key.side, notionalUSD: notional, strategy: strategy(key))
        }
    }

    /// Reservations outstanding (for the snapshot).
    var reservedUSD: Double { reservations.values.reduce(0) { $0 + $1.notionalUSD } }

    private static func move(_ legs: inout [LegKey: Double], _ key: LegKey, by delta: Double) {
        let next = (legs[key] ?? 0) + delta
        // Rounding of notional at fill prices vs the mark: a leg within a cent of zero is flat.
        legs[key] = next > 0.01 ? next : nil
    }
}
