import Foundation
import HedgeTestKit
import Testing
@testable import HedgeCore

@Suite("Routing: maker price and post-only retries")
struct RoutingMakerPriceTests {
    private static func dec(_ string: String) throws -> Decimal {
        try #require(Decimal(venueString: string))
    }

    private static func book(_ bid: String, _ ask: String) throws -> BookTop {
        BookTop(bidPrice: try dec(bid), bidQuantity: 1, askPrice: try dec(ask), askQuantity: 1)
    }

    private static func filters(tick: String = "0.1") throws -> VenueFilters {
        try #require(VenueFilters(
            symbol: "BTCUSDT", tickSize: tick, minPrice: "0", maxPrice: "0",
            stepSize: "0.001", minQty: "0.001", maxQty: "1000", minNotional: "5"))
    }

    @Test("maker prices sit behind the touch by the offset, rounded away from the other side", arguments: [
        // side, bid, ask, offset bps, expected
        (Side.buy, "94230.2", "94230.3", 0.0, "94230.2"),    // join the bid
        (.sell, "94230.2", "94230.3", 0.0, "94230.3"),       // join the ask
        (.buy, "94230.2", "94230.3", 1.0, "94220.7"),        // 94220.77698 down
        (.sell, "94230.2", "94230.3", 1.0, "94239.8"),       // 94239.72303 up
        (.buy, "100", "100.5", 2.5, "99.9"),                 // 99.975 down
        (.sell, "100", "100.5", 2.5, "100.6"),               // 100.525125 up
    ])
    func offsetPrices(side: Side, bid: String, ask: String, offsetBps: Double, expected: String) throws {
        let price = try #require(makerPrice(side: side, book: Self.book(bid, ask), offsetBps: offsetBps, filters: Self.filters()))
        #expect(price.venueString == expected)
    }

    @Test("a maker price never reaches the opposite side, whatever the offset", arguments: Side.allCases)
    func neverCrosses(side: Side) throws {
        let filters = try Self.filters()
        let books = [try Self.book("94230.2", "94230.3"), try Self.book("100", "100.5"), try Self.book("0.1", "0.3")]
        for book in books {
            for offset in stride(from: -50.0, through: 50.0, by: 0.75) {
                guard let price = makerPrice(side: side, book: book, offsetBps: offset, filters: filters) else { continue }
                if side == .buy { #expect(price < book.askPrice) } else { #expect(price > book.bidPrice) }
                #expect(price == filters.roundPrice(price, .nearest), "on the tick grid")
            }
        }
    }

    @Test("a negative offset inside a one-tick spread is capped at the own touch")
    func negativeOffsetCapped() throws {
        let book = try Self.book("94230.2", "94230.3")
        let filters = try Self.filters()
        #expect(makerPrice(side: .buy, book: book, offsetBps: -10, filters: filters) == (try Self.dec("94230.2")))
        #expect(makerPrice(side: .sell, book: book, offsetBps: -10, filters: filters) == (try Self.dec("94230.3")))
    }

    @Test("an off-grid touch still yields a price strictly inside the book")
    func offGridTouch() throws {
        let book = try Self.book("100.05", "100.15")
        let filters = try Self.filters()
        #expect(makerPrice(side: .buy, book: book, offsetBps: -100, filters: filters) == (try Self.dec("100.1")))
        #expect(makerPrice(side: .sell, book: book, offsetBps: -100, filters: filters) == (try Self.dec("100.1")))
    }

    /// The estimate-first maker price equals the exact one across ticks, offsets (inside the
    /// spread too), books on and off the grid, and both sides.
    @Test("the fast maker price matches the exact Decimal path")
    func fastMatchesExact() throws {
        var generator = SplitMix64(seed: 0x7AC0)
        let ticks = ["0.1", "0.01", "0.00001", "0.5", "0.05", "1", "0.0001"]
        let offsets = [0.0, 0.5, 1, 2.5, 10, 0.1, -1, -50, 0.3, 7.77]
        for index in 0..<8_000 {
            let tick = ticks[index % ticks.count]
            let filters = try Self.filters(tick: tick)
            let bidUnits = generator.next() % 10_000_000 + 1
            // Half the books sit on the tick grid, half between grid lines.
            let bid = index % 2 == 0 ? Decimal(bidUnits) * (try Self.dec(tick)) : (try Self.dec("\(bidUnits).\(generator.next() % 1_000)"))
            let ask = bid + Decimal(generator.next() % 50 + 1) * (try Self.dec(tick))
            let book = BookTop(bidPrice: bid, bidQuantity: 1, askPrice: ask, askQuantity: 1)
            let offset = offsets[Int(generator.next() % UInt64(offsets.count))]
            for side in Side.allCases {
                let fast = makerPrice(side: side, book: book, offsetBps: offset, filters: filters)
                let exact = exactMakerPrice(side: side, book: book, offsetBps: offset, filters: filters)
                #expect(fast == exact, "\(side) \(bid.venueString)/\(ask.venueString) offset \(offset) tick \(tick)")
            }
        }
    }

    @Test("no maker price on an invalid book, a NaN offset, or a crossing price without a tick")
    func noMakerPrice() throws {
        let filters = try Self.filters()
        #expect(makerPrice(side: .buy, book: try Self.book("100", "100"), offsetBps: 0, filters: filters) == nil)
        #expect(makerPrice(side: .sell, book: try Self.book("101", "100"), offsetBps: 0, filters: filters) == nil)
        #expect(makerPrice(side: .buy, book: try Self.book("100", "101"), offsetBps: .nan, filters: filters) == nil)
        let noTick = try Self.filters(tick: "0")
        #expect(makerPrice(side: .buy, book: try Self.book("100", "101"), offsetBps: -200, filters: noTick) == nil)
        #expect(makerPrice(side: .buy, book: try Self.book("100", "101"), offsetBps: 1, filters: noTick) == (try Self.dec("99.99")))
    }

    @Test("a BUY that would round to zero has no maker price")
    func buyRoundsToZero() throws {
        let filters = try Self.filters(tick: "1")
        #expect(makerPrice(side: .buy, book: try Self.book("0.5", "2"), offsetBps: 0, filters: filters) == nil)
    }

    @Test("retry offsets shrink linearly from the policy offset to the touch", arguments: [
        (0, 0.5), (1, 0.25), (2, 0.0),
    ])
    func retryOffsets(attempt: Int, expected: Double) throws {
        let offset = try #require(makerOffsetBps(attempt: attempt, baseOffsetBps: 0.5, maxAttempts: 3))
        #expect(offset == expected)
    }

    @Test("there is no retry offset once the attempts are used up", arguments: [-1, 3, 4])
    func retriesExhausted(attempt: Int) {
        #expect(makerOffsetBps(attempt: attempt, baseOffsetBps: 0.5, maxAttempts: 3) == nil)
    }

    @Test("a single attempt keeps the policy offset")
    func singleAttempt() {
        #expect(makerOffsetBps(attempt: 0, baseOffsetBps: 2, maxAttempts: 1) == 2)
        #expect(makerOffsetBps(attempt: 0, baseOffsetBps: 2, maxAttempts: 0) == nil)
    }

    @Test("each retry prices against the fresh book and moves closer to the touch", arguments: Side.allCases)
    func retryPrices(side: Side) throws {
        let policy = RouterPolicy(makerFirst: true, takerBias: 0, offsetBps: 2, tier: .t1)
        let book = try Self.book("100", "100.5")
        let filters = try Self.filters(tick: "0.001")
        let prices = try (0..<3).map { attempt in
            try #require(makerRetryPrice(attempt: attempt, side: side, book: book, policy: policy, filters: filters)).price
        }
        let touch = book.near(for: side)
        let distances = prices.map { side == .buy ? touch - $0 : $0 - touch }
        #expect(distances == distances.sorted(by: >))
        #expect(distances.last == 0)
        #expect(makerRetryPrice(attempt: 3, side: side, book: book, policy: policy, filters: filters) == nil)
    }
}
