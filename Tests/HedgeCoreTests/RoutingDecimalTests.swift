import Foundation
import HedgeTestKit
import Testing
@testable import HedgeCore

@Suite("Routing: decimal strings and grid rounding")
struct RoutingDecimalTests {
    private func dec(_ string: String) throws -> Decimal {
        try #require(Decimal(venueString: string))
    }

    @Test("plain venue strings parse exactly and anything else is refused", arguments: [
        ("0.10", "0.1"), ("1000", "1000"), (".5", "0.5"), ("5.", "5"), ("0.0000100", "0.00001"),
        ("-2.50", "-2.5"), ("809484", "809484"), ("0.30000000000000004", "0.30000000000000004"),
    ])
    func parsesPlainDecimals(input: String, rendered: String) throws {
        #expect(try dec(input).venueString == rendered)
    }

    @Test("malformed strings do not parse", arguments: [
        "", "abc", "1.2abc", " 1", "1 ", "1e5", "1,5", "0x10", ".", "-", "1.2.3", "+1", "NaN",
        "123456789012345678901234567890123456789", // 39 significant digits would be truncated
    ])
    func refusesMalformed(input: String) {
        #expect(Decimal(venueString: input) == nil)
    }

    @Test("the venue formatter never prints an exponent, trailing zeros or negative zero", arguments: [
        ("0.001", "0.001"), ("94230.2", "94230.2"), ("100", "100"), ("0.0000001", "0.0000001"),
        ("100000000000000000000", "100000000000000000000"), ("-0", "0"), ("0.000", "0"),
    ])
    func formatsPlain(input: String, expected: String) throws {
        #expect(try dec(input).venueString == expected)
    }

    @Test("values built by arithmetic format like parsed ones")
    func formatsArithmetic() throws {
        #expect((try dec("0.5") * 2).venueString == "1")
        #expect((try dec("0.1") + dec("0.2")).venueString == "0.3")
        #expect((try dec("0.001") * 1_000_000_000).venueString == "1000000")
        #expect(Decimal.nan.venueString == "NaN")
    }

    @Test("a Double enters decimal arithmetic as its shortest representation")
    func shortestRepresentation() throws {
        #expect(Decimal(shortestRepresentationOf: 0.3) == (try dec("0.3")))
        #expect(Decimal(shortestRepresentationOf: 1e-7) == (try dec("0.0000001")))
        #expect(Decimal(shortestRepresentationOf: .nan) == nil)
        #expect(Decimal(shortestRepresentationOf: .infinity) == nil)
    }

    @Test("the printing-free conversion gives what the printed form gives: value and text, across magnitudes and signs")
    func shortestRepresentationWithoutPrinting() throws {
        var rng = SplitMix64(seed: 7)
        var values: [Double] = [0, -0.0, 0.1 + 0.2, 94_230.2, 1e-7, 1.5e20, 9.007199254740993e15, 123_456_789.123_456_78, -0.000_83]
        for _ in 0..<20_000 {
            let unit = Double(rng.next() % 1_000_000_007) / 1_000_000_007
            let magnitude = pow(10, Double(Int(rng.next() % 24)) - 10)
            let value = (rng.next() % 2 == 0 ? 1 : -1) * unit * magnitude
            values.append(value)
            // Prices and sizes on a grid, the common case.
            values.append((value * 1_000).rounded() / 1_000)
        }
        for value in values {
            let converted = try #require(Decimal(shortestRepresentationOf: value))
            let printed = try #require(Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX")))
            #expect(converted == printed, "\(value)")
            #expect(converted.description == printed.description, "\(value)")
            #expect(converted.analyticsDouble == value || value == 0, "\(value)")
        }
    }

    @Test("analytics read a decimal as the nearest Double", arguments: [
        ("94230.59", 94230.59), ("0.1", 0.1), ("-2.5", -2.5), ("0.0000001", 1e-7),
    ])
    func analyticsDouble(input: String, expected: Double) throws {
        #expect(try dec(input).analyticsDouble == expected)
        #expect(Decimal.nan.analyticsDouble.isNaN)
    }

    /// The fast conversions agree with the plain-string reference (Foundation's parser and
    /// Swift's correctly rounded `Double(String)`) on values across the ranges prices, sizes,
    /// notionals and bps live in, and on the edges of their fast paths.
    @Test("fast Double ↔ Decimal conversions match the string reference")
    func fastConversionsMatchReference() throws {
        var generator = SplitMix64(seed: 0x5EED)
        var doubles: [Double] = [0, -0.0, 0.1, 0.3, 1e-7, 5, 1e22, 1e23, 123_456_789_012_345_680, 9_007_199_254_740_992, 9_007_199_254_740_994,
                                 .leastNonzeroMagnitude, .greatestFiniteMagnitude, 2.5e-300, -94230.25]
        for _ in 0..<20_000 {
            let magnitude = Double(generator.next() % 1_000_000_000) / 1_000_000 * pow(10, Double(Int(generator.next() % 17) - 8))
            doubles.append(generator.next() % 2 == 0 ? magnitude : -magnitude)
        }
        for value in doubles {
            let reference = Decimal(string: "\(value)", locale: Decimal.posixLocale)
            let fast = Decimal(shortestRepresentationOf: value)
            #expect(fast == reference, "shortest representation of \(value)")
            if let fast, value == 0 || (1e-20...1e30).contains(abs(value)) {
                #expect(fast.analyticsDouble == value, "round trip of \(value)")
            }
        }
        for _ in 0..<20_000 {
            let text = "\(generator.next() % 100_000_000_000).\(generator.next() % 100_000_000)"
            let decimal = try dec(text)
            #expect(decimal.analyticsDouble == Double(decimal.venueString), "analytics value of \(text)")
        }
        let wide = try dec("123456789012345678901234567890.5")
        #expect(wide.analyticsDouble == Double("123456789012345678901234567890.5"))
    }

    @Test("venue strings written from the digits equal Foundation's, over seeded values of every shape")
    func fastVenueStringMatchesDescription() throws {
        var generator = SplitMix64(seed: 0xD16175)
        var values: [Decimal] = try ["0", "-0", "0.000", "100", "100.00", "94551.20", "0.00000001", "-94230.25", "12345678901234567890",
                                     "18446744073709551615", "18446744073709551616", "123456789012345678901234567890.5", "0.5", "-0.001",
                                     "0.00000000000000000007", "1.000000000000000000001"].map(dec)
        values += [Decimal(0.5) * 2, Decimal(string: "0.1")! + Decimal(string: "0.2")!, Decimal(sign: .minus, exponent: 0, significand: 0)]
        for _ in 0..<20_000 {
            let mantissa = generator.next() % (generator.next() % 2 == 0 ? 1_000_000_000 : UInt64.max)
            let exponent = Int(generator.next() % 40) - 25
            let sign: FloatingPointSign = generator.next() % 4 == 0 ? .minus : .plus
            values.append(Decimal(sign: sign, exponent: exponent, significand: Decimal(mantissa)))
        }
        for value in values {
            #expect(value.venueString == value.descriptionVenueString, "\(value)")
        }
        #expect(Decimal.nan.venueString == "NaN")
    }

    @Test("0.1 + 0.2 lands exactly on a 0.1 tick in every direction", arguments: RoundingDirection.allCases)
    func noBinaryArtefacts(direction: RoundingDirection) throws {
        let sum = try dec("0.1") + dec("0.2")
        let rounded = sum.rounded(toMultipleOf: try dec("0.1"), direction)
        #expect(rounded == (try dec("0.3")))
        #expect(rounded.venueString == "0.3")
    }

    @Test("grid rounding table", arguments: [
        // value, increment, direction, expected
        ("94230.25", "0.1", RoundingDirection.down, "94230.2"),
        ("94230.25", "0.1", .up, "94230.3"),
        ("94230.25", "0.1", .nearest, "94230.3"), // exact half goes up
        ("94230.24", "0.1", .nearest, "94230.2"),
        ("94230.2", "0.1", .down, "94230.2"),     // exactly on tick stays
        ("94230.2", "0.1", .up, "94230.2"),
        ("94230.19", "0.1", .down, "94230.1"),    // just below a tick
        ("94230.19", "0.1", .up, "94230.2"),
        ("0.12345", "0.0001", .down, "0.1234"),   // tiny tick
        ("0.12345", "0.0001", .up, "0.1235"),
        ("0.0000123", "0.0000001", .down, "0.0000123"),
        ("0.0019", "0.001", .down, "0.001"),
        ("0.0009", "0.001", .down, "0"),          // rounds to zero
        ("17.9", "1", .down, "17"),               // step 1
        ("0.09", "0.03", .down, "0.09"),          // non power-of-ten increment, exact multiple
        ("0.1", "0.03", .down, "0.09"),
        ("0.1", "0.03", .up, "0.12"),
        ("0.1", "0.25", .nearest, "0"),
        ("123456789012345.67", "0.1", .down, "123456789012345.6"), // huge price
        ("123456789012345.67", "0.1", .up, "123456789012345.7"),
        ("5", "0", .down, "5"),                   // zero increment: rule disabled
    ])
    func gridTable(value: String, increment: String, direction: RoundingDirection, expected: String) throws {
        let rounded = try dec(value).rounded(toMultipleOf: dec(increment), direction)
        #expect(rounded.venueString == expected)
    }

    @Test("rounding down never exceeds and rounding up never falls short, over a sweep of prices")
    func roundingInvariants() throws {
        let tick = try dec("0.03")
        var value = try dec("0.001")
        for _ in 0..<500 {
            let down = value.rounded(toMultipleOf: tick, .down)
            let up = value.rounded(toMultipleOf: tick, .up)
            #expect(down <= value && value - down < tick)
            #expect(up >= value && up - value < tick)
            value += try dec("0.0137")
        }
    }
}

@Suite("Decimal grid: the power-of-ten fast path")
struct DecimalGridPowerOfTenTests {
    @Test("floors onto power-of-ten grids however the increment is written, and other grids take the general path")
    func floorsExactly() throws {
        var generator = SystemRandomNumberGenerator()
        for text in ["0.1", "0.10", "0.001", "0.0100", "1", "1.000", "10", "100", "0.00000001"] {
            let increment = try #require(Decimal(venueString: text))
            #expect(Decimal.decimalPlaces(ofPowerOfTen: increment) != nil, "\(text) is a power of ten")
            for _ in 0..<300 {
                let raw = Int64.random(in: -9_999_999_999...9_999_999_999, using: &generator)
                let value = Decimal(sign: raw < 0 ? .minus : .plus, exponent: -6, significand: Decimal(abs(raw)))
                let down = value.rounded(toMultipleOf: increment, .down)
                let up = value.rounded(toMultipleOf: increment, .up)
                #expect(down <= value && value < down + increment, "\(value) down on \(text) gave \(down)")
                #expect(up >= value && up - increment < value, "\(value) up on \(text) gave \(up)")
                // On the grid: the quotient is whole.
                var steps = down / increment, whole = Decimal()
                NSDecimalRound(&whole, &steps, 0, .plain)
                #expect(whole == steps)
            }
        }
        for text in ["0.5", "0.25", "5", "0.03"] {
            #expect(Decimal.decimalPlaces(ofPowerOfTen: try #require(Decimal(venueString: text))) == nil)
        }
    }

    /// The floor read from the digits is `NSDecimalRound`'s, bit for bit in value: positive and
    /// negative, on and off the grid, short and 17-digit significands, and wider ones (which the
    /// digits path declines).
    @Test("the floor from the digits equals NSDecimalRound's on 20 000 seeded values")
    func floorFromDigitsMatchesRounding() throws {
        var generator = SplitMix64(seed: 0x5EED)
        var declined = 0
        for index in 0..<20_000 {
            let places = Int(generator.next() % 30) - 9  // -9 … 20
            let digits = generator.next() % 3 == 0 ? generator.next() % 1_000 : generator.next() >> (generator.next() % 64)
            let exponent = Int(generator.next() % 40) - 25
            var value = Decimal(sign: index % 2 == 0 ? .plus : .minus, exponent: exponent, significand: Decimal(digits))
            if index % 50 == 0 { value = value * Decimal(UInt64.max) }  // a significand wider than 64 bits
            let reference = value.flooredByRounding(places: places)
            if let fast = value.flooredFromDigits(places: places) {
                #expect(fast == reference, "\(value) at \(places) places: \(fast) against \(reference)")
            } else {
                declined += 1
            }
        }
        #expect(declined > 0 && declined <= 400)  // only the wide significands
        for places in -9...20 {
            let power = Decimal(sign: .plus, exponent: -places, significand: 1)
            #expect(Decimal.decimalPlaces(ofPowerOfTen: power) == places)
            #expect(Decimal.decimalPlaces(ofPowerOfTen: power * 3) == nil)
        }
        #expect(Decimal.decimalPlaces(ofPowerOfTen: Decimal(sign: .plus, exponent: -21, significand: 1)) == nil)
        #expect(Decimal.decimalPlaces(ofPowerOfTen: Decimal(sign: .plus, exponent: 10, significand: 1)) == nil)
    }
}
