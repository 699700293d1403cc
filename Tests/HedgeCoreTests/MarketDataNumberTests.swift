import HedgeTestKit
import Testing
@testable import HedgeCore

@Suite("Market data number parsing")
struct MarketDataNumberTests {
    private func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { CSVNumber.parseDouble($0) }
    }

    private func parseInteger(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBufferPointer { CSVNumber.parseInt64($0) }
    }

    @Test("parses decimals exactly like Double(String) and refuses non-numbers", arguments: [
        ("94230.2", Double?(94230.2)), ("0.00008373", 0.00008373), ("-0.0001", -0.0001), ("+5", 5), ("0", 0),
        ("5.", 5), (".5", 0.5), ("1e-05", 0.00001), ("2.5E3", 2500), ("9007199254740993", Double("9007199254740993")),
        ("123456789012345678901234.5", Double("123456789012345678901234.5")), ("0.12345678901234567890123", Double("0.12345678901234567890123")),
        ("", nil), ("-", nil), (".", nil), ("1.2.3", nil), ("nan", nil), ("inf", nil), ("-infinity", nil), ("1,5", nil), (" 1", nil), ("1e999", nil),
    ])
    func decimals(text: String, value: Double?) {
        #expect(parse(text) == value)
    }

    @Test("agrees bit for bit with Double(String) on shortest round-trip and random decimal strings")
    func agreesWithStandardLibrary() {
        var generator = SplitMix64(seed: 20_250_505)
        for _ in 0..<50_000 {
            let magnitude = Double(Int.random(in: -9...7, using: &generator))
            let value = Double.random(in: 1..<10, using: &generator) * pow10(magnitude)
            let shortest = "\(value)"
            #expect(parse(shortest)?.bitPattern == Double(shortest)?.bitPattern, "\(shortest)")
            let digits = (0..<Int.random(in: 1...19, using: &generator)).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let point = Int.random(in: 0...digits.count, using: &generator)
            let decimal = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            #expect(parse(decimal)?.bitPattern == Double(decimal)?.bitPattern, "\(decimal)")
        }
    }

    private func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(abs(exponent)) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    @Test("parses epoch milliseconds and refuses anything but digits", arguments: [
        ("1735689600000", Int64?(1_735_689_600_000)), ("0", 0), ("", nil), ("-1", nil), ("1.0", nil), ("12a", nil), ("1234567890123456789", nil),
    ])
    func integers(text: String, value: Int64?) {
        #expect(parseInteger(text) == value)
    }
}
