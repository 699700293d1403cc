import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeStore
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

    static func stored(_ id: String, run: String, symbol: String = "BTCUSDT") -> StoredOrder {
        StoredOrder(clientOrderId: id, runId: run, intentId: nil, symbol: symbol, side: .buy, positionSide: .long, type: "LIMIT",
                    timeInForce: "GTC", reduceOnly: false, quantity: 1, price: 100, opening: true, route: "maker", fallback: false,
                    strategy: "triggers", createdAtMs: 0, updatedAtMs: 0)
    }

    static func fill(_ tradeId: String, _ side: Side, _ leg: PositionSide?, _ quantity: Decimal, symbol: String = "BTCUSDT") -> StoredFill {
        StoredFill(symbol: symbol, tradeId: tradeId, clientOrderId: "hm-a-1", venueOrderId: nil, side: side, positionSide: leg,
                   quantity: quantity, price: 100, feeUSD: 0, liquidity: "taker", timeMs: 0, runId: "a", foreign: false)
    }

    @Test("the recorded fills build each leg: a fill on the opening side adds, the other side takes away, one-way fills count signed on LONG")
    func legsFromFills() {
        let legs = SoakAudit.legsFromFills([
            Self.fill("1", .buy, .long, 3), Self.fill("2", .sell, .long, 1),
            Self.fill("3", .sell, .short, 2), Self.fill("4", .buy, .short, 2),
            Self.fill("5", .sell, nil, 4, symbol: "ETHUSDT"),
        ])
        #expect(legs == ["BTCUSDT LONG": 2, "BTCUSDT SHORT": 0, "ETHUSDT LONG": -4])
    }

    @Test("an id recorded by another run than it names, naming an unrecorded run, or held on another symbol at the venue is reuse")
    func clientIdReuse() {
        let stored = [
            "hm-a-1": Self.stored("hm-a-1", run: "a"),
            "hm-a-2": Self.stored("hm-a-2", run: "b"),
            "hm-z-1": Self.stored("hm-z-1", run: "z"),
            "hm-a-3": Self.stored("hm-a-3", run: "a"),
            "manual-1": Self.stored("manual-1", run: "b"),
        ]
        let placements = [VenuePlacement(clientOrderId: "hm-a-1", symbol: "BTCUSDT"), VenuePlacement(clientOrderId: "hm-a-3", symbol: "ETHUSDT")]
        #expect(SoakAudit.clientIdReuse(placements: placements, stored: stored, runIds: ["a", "b"]) == [
            "hm-a-2: recorded by run b, names run a",
            "hm-a-3: venue order on ETHUSDT, recorded on BTCUSDT",
            "hm-z-1: names run z, which the store never recorded",
        ])
        #expect(SoakAudit.clientIdReuse(placements: [placements[0]], stored: ["hm-a-1": stored["hm-a-1"]!], runIds: ["a"]).isEmpty)
    }

    @Test("an order of ours the venue created and the store never recorded is unrecorded, once; foreign ids are not ours to record")
    func unrecorded() {
        let placements = ["hm-a-1", "hm-a-2", "hm-a-2", "manual-9"].map { VenuePlacement(clientOrderId: $0, symbol: "BTCUSDT") }
        #expect(SoakAudit.unrecorded(placements: placements, stored: ["hm-a-1": Self.stored("hm-a-1", run: "a")]) == ["hm-a-2"])
    }
}

@Suite("Soak kill schedule")
struct SoakKillScheduleTests {
    @Test("one kill at random in each of the first N of N+1 equal slots, ascending, at millisecond resolution")
    func oneKillPerSlot() {
        for seed in UInt64(0)..<50 {
            let schedule = SoakKillSchedule(kills: 6, durationSeconds: 180, seed: seed)
            #expect(schedule.moments.count == 6)
            for (index, moment) in schedule.moments.enumerated() {
                #expect(moment >= Double(index) * 180 / 7 - 0.0005 && moment <= Double(index + 1) * 180 / 7 + 0.0005, "seed \(seed) kill \(index) at \(moment)")
                #expect(abs((moment * 1000).rounded() - moment * 1000) < 1e-6)
            }
            #expect(schedule.moments == schedule.moments.sorted())
        }
    }

    @Test("the same seed gives the same moments; another seed other moments; no kills is an empty schedule")
    func seeded() {
        let first = SoakKillSchedule(kills: 3, durationSeconds: 60, seed: 7)
        #expect(first == SoakKillSchedule(kills: 3, durationSeconds: 60, seed: 7))
        #expect(first.moments != SoakKillSchedule(kills: 3, durationSeconds: 60, seed: 8).moments)
        #expect(SoakKillSchedule(kills: 0, durationSeconds: 60, seed: 7).moments.isEmpty)
    }

    @Test("SplitMix64 gives the reference sequence for seed 0, so schedules repeat on every machine")
    func splitMixReference() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
