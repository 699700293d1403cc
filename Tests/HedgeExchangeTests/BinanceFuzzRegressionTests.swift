import Foundation
import HedgeCore
import HedgeExchange
import Testing

/// Replays the fuzz seeds and every crash the fuzzer ever found (`Fixtures/fuzz`), and the Binance
/// and Coinbase fixtures, through every reader of both venues' answers: each must answer, never trap. Also runs
/// seeded mutations of them, so that a decoder change meets hostile bytes even without libFuzzer.
@Suite("Binance readers over fuzz inputs")
struct BinanceFuzzRegressionTests {
    static func inputs() throws -> [(name: String, bytes: [UInt8])] {
        var inputs: [(String, [UInt8])] = []
        for folder in ["fuzz", "binance/rest", "binance/ws", "coinbase"] {
            let directory = BinanceFixtures.directory.deletingLastPathComponent().appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name != "README.md" {
                inputs.append(("\(folder)/\(name)", Array(try Data(contentsOf: directory.appendingPathComponent(name)))))
            }
        }
        return inputs
    }

    @Test("every seed and every kept crash is read without a trap")
    func seedsAndCrashes() throws {
        let inputs = try Self.inputs()
        #expect(inputs.count >= 20)
        for input in inputs {
            BinanceWireFuzzing.exercise(input.bytes)
            CoinbaseWireFuzzing.exercise(input.bytes)
        }
    }

    @Test("seeded mutations of the seeds (bytes flipped, cut, numbers swapped for hostile ones) are read without a trap")
    func seededMutations() throws {
        let seeds = try Self.inputs().map(\.bytes)
        let hostile = ["inf", "-inf", "nan", "1e400", "-1e400", "9223372036854775807", "-9223372036854775808", "1234567890123456789012345678901234567890", "-0", "0.000000000000000000000000000000000000001", "\"\"", "null", "[]", "{}"]
        var generator = SplitMix64(seed: 14)
        for _ in 0..<2_000 {
            var bytes = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
            switch Int.random(in: 0..<4, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            case 1 where !bytes.isEmpty:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            default:
                // Swap a quoted value or a number for a hostile one.
                var text = String(decoding: bytes, as: UTF8.self)
                if let range = text.range(of: #"\"-?[0-9][0-9.eE+-]*\"|-?[0-9]+(\.[0-9]+)?"#, options: .regularExpression) {
                    let replacement = hostile[Int.random(in: 0..<hostile.count, using: &generator)]
                    text.replaceSubrange(range, with: text[range].hasPrefix("\"") && !replacement.hasPrefix("\"") ? "\"\(replacement)\"" : replacement)
                }
                bytes = Array(text.utf8)
            }
            BinanceWireFuzzing.exercise(bytes)
            CoinbaseWireFuzzing.exercise(bytes)
        }
    }
}
