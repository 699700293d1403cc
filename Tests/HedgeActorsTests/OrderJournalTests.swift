import Foundation
import HedgeActors
import HedgeCore
import HedgeStore
import HedgeTestKit
import Testing

@Suite("Order journal: the write-ahead log of orders")
struct OrderJournalTests {
    static func order(_ id: String, quantity: String = "0.031", price: String? = "94551.2") -> StoredOrder {
        StoredOrder(clientOrderId: id, runId: "r1", intentId: "trend-BTCUSDT-1", symbol: "BTCUSDT", side: .buy, positionSide: .long,
                    type: price == nil ? "MARKET" : "LIMIT", timeInForce: price == nil ? nil : "GTX", reduceOnly: false,
                    quantity: Decimal(venueString: quantity) ?? 0, price: price.flatMap { Decimal(venueString: $0) }, opening: true,
                    route: price == nil ? "taker" : "maker", fallback: false, strategy: "trend", createdAtMs: 1_000, updatedAtMs: 1_000)
    }

    @Test("a journal line is the same bytes as the generic encoder's, on 2 000 seeded orders")
    func linesMatchTheEncoder() throws {
        var generator = SplitMix64(seed: 0x0DE1)
        let texts = ["hm-m3x-1", "BTCUSDT", "trend", "quote\"d", "back\\slash", "é ü 日本", "line\nbreak"]
        func text() -> String { texts[Int(generator.next() % UInt64(texts.count))] }
        func decimal() -> Decimal {
            Decimal(sign: generator.next() % 5 == 0 ? .minus : .plus, exponent: Int(generator.next() % 16) - 10,
                    significand: Decimal(generator.next() % 10_000_000_000))
        }
        for _ in 0..<2_000 {
            var order = StoredOrder(
                clientOrderId: text(), runId: text(), intentId: generator.next() % 3 == 0 ? nil : text(), symbol: text(),
                side: generator.next() % 2 == 0 ? .buy : .sell, positionSide: generator.next() % 3 == 0 ? nil : .short, type: text(),
                timeInForce: generator.next() % 2 == 0 ? nil : "GTX", reduceOnly: generator.next() % 2 == 0, quantity: decimal(),
                price: generator.next() % 2 == 0 ? nil : decimal(), stopPrice: generator.next() % 2 == 0 ? nil : decimal(),
                opening: generator.next() % 2 == 0, route: text(), fallback: generator.next() % 2 == 0, strategy: text(),
                createdAtMs: Int64(bitPattern: generator.next()) >> 8, updatedAtMs: Int64(generator.next() % 1_000_000))
            order.reason = generator.next() % 2 == 0 ? nil : text()
            order.venueOrderId = generator.next() % 2 == 0 ? nil : text()
            #expect(order.jsonLine == (try JSONOutput.encode(order, pretty: false)))
            #expect(try JSONDecoder().decode(StoredOrder.self, from: Data(order.jsonLine.utf8)) == order)
        }
    }

    @Test("what was appended is there for the next process; confirmed lines are dropped")
    func appendSurvivesAndConfirmTruncates() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/state/orders.journal"
        do {
            let journal = try OrderJournal(path: path)
            try journal.append(Self.order("hm-r1-1"))
            try journal.append(Self.order("hm-r1-2", price: nil))
            // The process dies here: nothing was confirmed.
        }
        let next = try OrderJournal(path: path)
        #expect(try next.pending().map(\.clientOrderId) == ["hm-r1-1", "hm-r1-2"])
        #expect(try next.pending().last?.price == nil)
        try next.truncate()
        #expect(try next.pending().isEmpty)
        try next.append(Self.order("hm-r2-1"))
        try next.append(Self.order("hm-r2-2"))
        try next.confirm(1)
        #expect(try next.pending().count == 2, "one line is still unconfirmed")
        try next.confirm(1)
        #expect(try next.pending().isEmpty)
    }

    @Test("a last line cut short by a crash is skipped; a damaged line before it names the file and line")
    func tornTail() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let path = "\(dir.path)/orders.journal"
        let whole = Self.order("hm-r1-1").jsonLine + "\n"
        try (whole + String(Self.order("hm-r1-2").jsonLine.prefix(40))).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try OrderJournal(path: path).pending().map(\.clientOrderId) == ["hm-r1-1"])
        try ("{\"client_order_id\":\"x\"}\n" + whole).write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try OrderJournal(path: path).pending()
        } throws: { error in
            (error as? PersistenceError)?.path == "\(path):1"
        }
    }
}
