import HedgeTestKit
import Testing
@testable import HedgeCore

@Suite("Fixed-point text")
struct FixedPointTests {
    @Test("formats with the given decimals, rounding half away from zero", arguments: [
        (95_632.367_5, 2, "95632.37"), (0.004_9, 2, "0.00"), (-0.005, 2, "-0.01"), (-0.001, 2, "0.00"),
        (100_000, 2, "100000.00"), (0.891_23, 4, "0.8912"), (12.5, 0, "13"),
    ])
    func formats(value: Double, decimals: Int, text: String) {
        #expect(fixedPoint(value, decimals) == text)
        var bytes: [UInt8] = []
        appendFixedPoint(value, decimals: decimals, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == text)
    }

    @Test("the byte writer agrees with the string formatter over random values")
    func agrees() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let value = Double.random(in: -1e7...1e7, using: &rng)
            let decimals = Int.random(in: 0...6, using: &rng)
            var bytes: [UInt8] = []
            appendFixedPoint(value, decimals: decimals, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == fixedPoint(value, decimals))
        }
    }
}
