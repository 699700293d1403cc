import Foundation
import HedgeCore
import HedgeExchange
import HedgeStore

/// An order as the venue created it: what the soak audits the store's records against.
public struct VenuePlacement: Sendable, Hashable {
    public var clientOrderId: String
    public var symbol: String

    public init(clientOrderId: String, symbol: String) {
        self.clientOrderId = clientOrderId
        self.symbol = symbol
    }
}

/// What a soak finds when it compares the daemon's durable record (the store, over every run of
/// the soak) with the venue, once the last daemon has stopped.
public struct SoakFindings: Sendable, Hashable {
    /// Client order ids the venue created more than one order for.
    public var duplicates: [String]
    /// Venue open orders the store does not know.
    public var orphans: [String]
    /// Legs where the store's fills and the venue's position disagree.
    public var positionDrift: [String]
    /// Client order ids used for more than one order or by another run than the one they name.
    public var clientIdReuse: [String]
    /// Orders with our prefix the venue created but the store never recorded (write-ahead broken).
    public var unrecordedOrders: [String]
    /// Runs the store recorded, orders it holds and orders with at least one fill.
    public var runs: Int
    public var orders: Int
    public var filledOrders: Int
    /// Orders the venue created.
    public var venueOrders: Int

    /// Nothing found and nothing counted: the findings of a soak that could not audit.
    public static let none = SoakFindings(duplicates: [], orphans: [], positionDrift: [], clientIdReuse: [], unrecordedOrders: [],
                                          runs: 0, orders: 0, filledOrders: 0, venueOrders: 0)

    public var clean: Bool {
        duplicates.isEmpty && orphans.isEmpty && positionDrift.isEmpty && clientIdReuse.isEmpty && unrecordedOrders.isEmpty
    }
}

extension SoakAudit {
    /// Reads the store and the venue now and compares them. `placements` is every order the venue
    /// created (the loopback journal, or what a real venue lists per symbol).
    public static func compare(store: any TradingStore, exchange: any ExchangeClient, placements: [VenuePlacement],
                               symbols: [String]) async throws -> SoakFindings {
        let everything = AuditFilter(limit: Int.max)
        let runs = try await store.runs(everything)
        let orders = try await store.orders(everything)
        let fills = try await store.fills(everything)
        let open = try await exchange.openOrders(symbol: nil)
        let positions = try await exchange.positions()
        let held = legsFromFills(fills)
        let stored = Dictionary(orders.map { ($0.clientOrderId, $0) }, uniquingKeysWith: { first, _ in first })
        return SoakFindings(
            duplicates: duplicates(venueClientOrderIds: placements.map(\.clientOrderId)),
            orphans: orphans(openOrders: open, known: Set(stored.keys)),
            positionDrift: positionDrift(symbols: symbols, venue: positions, daemon: { held["\($0) \($1.rawValue)"] ?? 0 }),
            clientIdReuse: clientIdReuse(placements: placements, stored: stored, runIds: Set(runs.map(\.runId))),
            unrecordedOrders: unrecorded(placements: placements, stored: stored),
            runs: runs.count, orders: orders.count, filledOrders: orders.count { $0.filledQuantity > 0 },
            venueOrders: placements.count)
    }

    /// Each leg's position as the recorded fills build it (`SYMBOL LEG` → quantity): a fill on
    /// the side that opens its leg adds, one on the other side takes away. A fill without a
    /// position side (one-way mode) counts on LONG, signed.
    public static func legsFromFills(_ fills: [StoredFill]) -> [String: Double] {
        var legs: [String: Double] = [:]
        for fill in fills {
            let leg = fill.positionSide ?? .long
            let opens = fill.side.leg(reduceOnly: false) == leg
            legs["\(fill.symbol) \(leg.rawValue)", default: 0] += (opens ? 1 : -1) * fill.quantity.analyticsDouble
        }
        return legs
    }

    /// Our client order ids used for more than one order, as `ID: why`, sorted: the store
    /// recorded it under another run than the one its id names, it names a run the store never
    /// recorded, or the venue holds it on another symbol than the store.
    public static func clientIdReuse(placements: [VenuePlacement], stored: [String: StoredOrder], runIds: Set<String>) -> [String] {
        var findings: Set<String> = []
        for order in stored.values where ClientOrderIdSequence.isOurs(order.clientOrderId) {
            let named = ClientOrderIdSequence.runId(of: order.clientOrderId) ?? ""
            if named != order.runId {
                findings.insert("\(order.clientOrderId): recorded by run \(order.runId), names run \(named)")
            } else if !runIds.contains(named) {
                findings.insert("\(order.clientOrderId): names run \(named), which the store never recorded")
            }
        }
        for placement in placements {
            guard let order = stored[placement.clientOrderId], order.symbol != placement.symbol else { continue }
            findings.insert("\(placement.clientOrderId): venue order on \(placement.symbol), recorded on \(order.symbol)")
        }
        return findings.sorted()
    }

    /// Our client order ids the venue created an order for that the store has no record of, sorted.
    public static func unrecorded(placements: [VenuePlacement], stored: [String: StoredOrder]) -> [String] {
        Set(placements.map(\.clientOrderId).filter { ClientOrderIdSequence.isOurs($0) && stored[$0] == nil }).sorted()
    }
}
