import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import Testing

@Suite("Soak audit")
struct SoakAuditTests {
    static func order(_ id: String, symbol: String = "BTCUSDT") -> VenueOrder {
        VenueOrder(orderId: id, clientOrderId: id, symbol: symbol, side: .buy, positionSide: .long, type: .limit, status: .new,
                   quantity: 1, price: 100, filledQuantity: 0, averagePrice: nil, updateTimeMs: 0)
    }

    static func position(_ symbol: String, _ side: PositionSide, _ quantity: Decimal) -> VenuePosition {
        VenuePosition(symbol: symbol, side: side, quantity: quantity, entryPrice: 100, markPrice: 100, unrealizedPnlUSD: 0, leverage: 1)
    }

    @Test("a client order id the venue created twice is a duplicate; once is not")
    func duplicates() {
        #expect(SoakAudit.duplicates(venueClientOrderIds: ["hm-1", "hm-2", "hm-1", "hm-3", "hm-3", "hm-3"]) == ["hm-1", "hm-3"])
        #expect(SoakAudit.duplicates(venueClientOrderIds: ["hm-1", "hm-2"]).isEmpty)
    }

    @Test("an open venue order the daemon does not know is an orphan")
    func orphans() {
        let open = [Self.order("hm-known"), Self.order("manual-7", symbol: "ETHUSDT")]
        #expect(SoakAudit.orphans(openOrders: open, known: ["hm-known"]) == ["ETHUSDT manual-7"])
    }

    @Test("a leg where the daemon's fills and the venue's position differ is drift, in both directions; float residue is not")
    func drift() {
        let venue = [Self.position("BTCUSDT", .long, 2), Self.position("SOLUSDT", .short, 5)]
        let daemon: [String: Double] = ["BTCUSDT LONG": 2.000_000_000_000_1, "ETHUSDT SHORT": 1]
        let drift = SoakAudit.positionDrift(symbols: ["BTCUSDT", "ETHUSDT"], venue: venue) { daemon["\($0) \($1.rawValue)"] ?? 0 }
        #expect(drift == ["ETHUSDT SHORT daemon=1.0 venue=0.0", "SOLUSDT SHORT daemon=0.0 venue=5.0"])
    }
}
