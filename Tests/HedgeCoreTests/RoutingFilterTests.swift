import Foundation
import HedgeTestKit
import Testing
@testable import HedgeCore

@Suite("Routing: venue filters and order sizing")
struct RoutingFilterTests {
    /// BTCUSDT as published in the 2025-12-24 USD-M exchangeInfo capture, with MIN_NOTIONAL 5
    /// for round numbers in the tests.
    static func btc(minNotional: String = "5") -> VenueFilters? {
        VenueFilters(
            symbol: "BTCUSDT",
            tickSize: "0.10", minPrice: "261.10", maxPrice: "809484",
            stepSize: "0.001", minQty: "0.001", maxQty: "1000",
            marketStepSize: "0.001", marketMinQty: "0.001", marketMaxQty: "120",
            minNotional: minNotional)
    }

    private func dec(_ string: String) throws -> Decimal {
        try #require(Decimal(venueString: string))
    }

    @Test("filters build from exchangeInfo strings, trailing zeros and all")
    func buildsFromStrings() throws {
        let filters = try #require(Self.btc())
        #expect(filters.price.tickSize == (try dec("0.1")))
        #expect(filters.lot.stepSize == (try dec("0.001")))
        #expect(filters.marketLot?.maxQty == 120)
        #expect(filters.lotFilter(for: .market).maxQty == 120)
        #expect(filters.lotFilter(for: .limit).maxQty == 1000)
    }

    @Test("malformed or inconsistent filter strings are refused", arguments: [
        ["tick": "0.1x"], ["tick": "-0.1"], ["minPrice": "1e3"], ["step": ""],
        ["minQty": "5", "maxQty": "1"], ["minPrice": "900000"], ["marketStep": "0.001"],
    ])
    func refusesMalformed(overrides: [String: String]) {
        let filters = VenueFilters(
            symbol: "X",
            tickSize: overrides["tick"] ?? "0.1", minPrice: overrides["minPrice"] ?? "1",
            maxPrice: "809484",
            stepSize: overrides["step"] ?? "0.001", minQty: overrides["minQty"] ?? "0.001",
            maxQty: overrides["maxQty"] ?? "1000",
            marketStepSize: overrides["marketStep"], marketMinQty: nil, marketMaxQty: nil,
            minNotional: "5")
        #expect(filters == nil)
    }

    @Test("a zero tick (rule disabled, as on a pending symbol) leaves the price alone")
    func zeroTickDisables() throws {
        let filters = try #require(VenueFilters(
            symbol: "OPENUSDT", tickSize: "0", minPrice: "0", maxPrice: "200",
            stepSize: "0.0000001", minQty: "1", maxQty: "1000000", minNotional: "5"))
        #expect(filters.roundPrice(try dec("1.23456"), .down) == (try dec("1.23456")))
        #expect(filters.marketLot == nil)
        #expect(filters.lotFilter(for: .market) == filters.lot)
    }

    @Test("a limit order is rounded onto both grids and keeps its venue strings plain")
    func sizesLimitOrder() throws {
        let filters = try #require(Self.btc())
        let sizing = try filters.sizeLimitOrder(price: dec("94230.25"), quantity: dec("0.0019"), priceRounding: .down)
        #expect(sizing.priceString == "94230.2")
        #expect(sizing.quantityString == "0.001")
        #expect(sizing.notional == (try dec("94.2302")))
    }

    @Test("min notional exactly at the boundary passes and one step below fails")
    func minNotionalBoundary() throws {
        // 1000 × 0.1 = 100 exactly, the BTCUSDT minimum.
        let filters = try #require(Self.btc(minNotional: "100"))
        let atBoundary = try filters.sizeLimitOrder(price: dec("1000"), quantity: dec("0.1"), priceRounding: .down)
        #expect(atBoundary.notional == 100)
        #expect(throws: OrderSizingError.belowMinNotional(notional: 99, minimum: 100)) {
            try filters.sizeLimitOrder(price: dec("1000"), quantity: dec("0.099"), priceRounding: .down)
        }
    }

    @Test("a reduce-only order is exempt from min notional")
    func reduceOnlyExempt() throws {
        let filters = try #require(Self.btc(minNotional: "100"))
        let sizing = try filters.sizeLimitOrder(price: dec("1000"), quantity: dec("0.001"), priceRounding: .down, reduceOnly: true)
        #expect(sizing.notional == 1)
    }

    @Test("each failing filter is named with the rounded values", arguments: [
        ("94230.2", "0.0004", OrderSizingError.quantityRoundsToZero(requested: Decimal(4) / 10_000, stepSize: Decimal(1) / 1000)),
        ("100", "1", .belowMinPrice(price: 100, minimum: Decimal(2611) / 10)),
        ("900000", "1", .aboveMaxPrice(price: 900_000, maximum: 809_484)),
        ("94230.2", "1000.5", .aboveMaxQuantity(quantity: Decimal(10_005) / 10, maximum: 1000)),
        ("0", "1", .invalidPrice(0)),
        ("-5", "1", .invalidPrice(-5)),
        ("94230.2", "0", .invalidQuantity(0)),
        ("94230.2", "-1", .invalidQuantity(-1)),
    ])
    func namesFailingFilter(price: String, quantity: String, expected: OrderSizingError) throws {
        let filters = try #require(Self.btc())
        #expect(throws: expected) {
            try filters.sizeLimitOrder(price: dec(price), quantity: dec(quantity), priceRounding: .down)
        }
    }

    @Test("a quantity below minQty reports the minimum")
    func belowMinQuantity() throws {
        let filters = try #require(VenueFilters(
            symbol: "OPENUSDT", tickSize: "0.0001", minPrice: "0", maxPrice: "200",
            stepSize: "0.1", minQty: "1", maxQty: "1000000", minNotional: "0"))
        #expect(throws: OrderSizingError.belowMinQuantity(quantity: Decimal(5) / 10, minimum: 1)) {
            try filters.sizeLimitOrder(price: dec("0.5"), quantity: dec("0.55"), priceRounding: .down)
        }
    }

    @Test("a market order uses MARKET_LOT_SIZE and the reference price for the notional")
    func sizesMarketOrder() throws {
        let filters = try #require(Self.btc())
        let sizing = try filters.sizeMarketOrder(quantity: dec("2.0009"), referencePrice: dec("94230.25"))
        #expect(sizing.quantityString == "2")
        #expect(sizing.price == (try dec("94230.25")))
        #expect(throws: OrderSizingError.aboveMaxQuantity(quantity: 121, maximum: 120)) {
            try filters.sizeMarketOrder(quantity: dec("121"), referencePrice: dec("94230.2"))
        }
    }

    @Test("the message names the venue filter and the values")
    func errorDescription() throws {
        let error = OrderSizingError.belowMinNotional(notional: try dec("4.9"), minimum: 5)
        #expect(error.description == "MIN_NOTIONAL: notional 4.9 is below the minimum 5")
    }

    @Test("a USD notional becomes a quantity rounded down so the notional is never exceeded", arguments: [
        ("100", "94230.2", "0.001"),  // 0.00106… → 0.001
        ("1000", "94230.2", "0.01"),  // 0.0106… → 0.01
        ("94.2302", "94230.2", "0.001"), // exactly one step
        ("94.2301", "94230.2", "0"),   // a hair under one step
        ("0", "94230.2", "0"),
    ])
    func quantityForNotional(notional: String, price: String, expected: String) throws {
        let filters = try #require(Self.btc())
        let quantity = try #require(filters.quantity(forNotionalUSD: dec(notional), price: dec(price)))
        #expect(quantity.venueString == expected)
        #expect(quantity * (try dec(price)) <= (try dec(notional)))
    }

    @Test("a notional with a step of 1 and a price that does not divide evenly still stays under")
    func quantityForNotionalStepOne() throws {
        let filters = try #require(VenueFilters(
            symbol: "DOGEUSDT", tickSize: "0.00001", minPrice: "0.00244", maxPrice: "30",
            stepSize: "1", minQty: "1", maxQty: "50000000", minNotional: "5"))
        let quantity = try #require(filters.quantity(forNotionalUSD: dec("100"), price: dec("0.3")))
        #expect(quantity == 333)
    }

    /// Filters with only a step: no price, quantity or notional limits in the way of sizing.
    static func unlimited(step: String) throws -> VenueFilters {
        try #require(VenueFilters(symbol: "TESTUSDT", tickSize: "0.00001", minPrice: "0", maxPrice: "0",
                                  stepSize: step, minQty: "0", maxQty: "0", minNotional: "0"))
    }

    /// The division-free sizing lands on the same step as the exact division, across prices,
    /// notionals and steps (powers of ten and not), and never exceeds the notional.
    @Test("sizing a notional without dividing matches the exact division and stays under")
    func quantityForNotionalMatchesDivision() throws {
        var generator = SplitMix64(seed: 0xC0FFEE)
        let steps = ["0.001", "0.01", "0.1", "1", "10", "0.03", "5", "0.00001"]
        for index in 0..<6_000 {
            let step = steps[index % steps.count]
            let filters = try Self.unlimited(step: step)
            let price = try dec("\(generator.next() % 10_000_000).\(generator.next() % 100_000)")
            guard price > 0 else { continue }
            // Notionals on both sides of a step boundary: some are exact multiples of step × price.
            let notional: Decimal
            if index % 5 == 0 {
                notional = Decimal(Int(generator.next() % 1_000)) * (try dec(step)) * price
            } else {
                notional = try dec("\(generator.next() % 10_000_000).\(generator.next() % 100)")
            }
            let quantity = try #require(filters.quantity(forNotionalUSD: notional, price: price))
            let reference = filters.quantityByDivision(notional, price: price, step: try dec(step), kind: .limit)
            #expect(quantity == reference, "\(notional.venueString) at \(price.venueString), step \(step)")
            #expect(quantity * price <= notional)
            #expect((quantity + (try dec(step))) * price > notional)
        }
    }

    /// A risk size arrives as a `Double`: sized directly, it must give the quantity its shortest
    /// decimal text gives, digit for digit, on and off step boundaries.
    @Test("sizing a Double notional gives the same quantity, and the same text, as its decimal")
    func quantityForDoubleNotionalMatchesDecimal() throws {
        var generator = SplitMix64(seed: 0xBEEF)
        let steps = ["0.001", "0.01", "1", "10", "0.03", "5", "0.00001", "0.5"]
        for index in 0..<4_000 {
            let step = steps[index % steps.count]
            let filters = try Self.unlimited(step: step)
            let price = try dec("\(generator.next() % 1_000_000).\(generator.next() % 1_000)")
            guard price > 0 else { continue }
            let notional: Double
            if index % 4 == 0 {
                // On a boundary: k steps at this price, as the Double a risk size would be.
                notional = (Decimal(Int(generator.next() % 500)) * (try dec(step)) * price).analyticsDouble
            } else {
                notional = Double(generator.next() % 100_000_000) / 100
            }
            let exact = try #require(Decimal(shortestRepresentationOf: notional))
            let direct = try #require(filters.quantity(forDoubleNotionalUSD: notional, price: price))
            let reference = try #require(filters.quantity(forNotionalUSD: exact, price: price))
            #expect(direct == reference, "\(notional) at \(price.venueString), step \(step)")
            #expect(direct.venueString == reference.venueString)
            #expect(direct * price <= exact)
        }
        #expect(try #require(Self.btc()).quantity(forDoubleNotionalUSD: .infinity, price: 100) == nil)
    }

    @Test("a notional cannot be sized at a price that is not positive")
    func quantityForNotionalInvalid() throws {
        let filters = try #require(Self.btc())
        #expect(filters.quantity(forNotionalUSD: 100, price: 0) == nil)
        #expect(filters.quantity(forNotionalUSD: -1, price: 100) == nil)
        #expect(filters.quantity(forNotionalUSD: .nan, price: 100) == nil)
    }
}
