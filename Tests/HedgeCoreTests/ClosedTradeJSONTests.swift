import Foundation
import HedgeTestKit
import Testing
@testable import HedgeCore

@Suite("Closed trade JSON line")
struct ClosedTradeJSONTests {
    @Test("the fast writer produces exactly what JSONEncoder produces, over random trades")
    func matchesEncoder() throws {
        var rng = SplitMix64(seed: 5)
        var times = ISO8601Writer()
        let reasons = ["stop", "take_profit", "signal", "end_of_data", "odd \"quoted\" \\ reason\n"]
        for _ in 0..<3_000 {
            func value() -> Double {
                switch Int.random(in: 0...5, using: &rng) {
                case 0: return Double(Int.random(in: -1_000...1_000, using: &rng))
                case 1: return Double.random(in: -1e-6...1e-6, using: &rng)
                case 2: return Double.random(in: 1e9...1e15, using: &rng)
                case 3: return [Double.nan, .infinity, -.infinity].randomElement(using: &rng) ?? .nan
                default: return Double.random(in: -5_000...5_000, using: &rng)
                }
            }
            let entry = Int64.random(in: 1_600_000_000_000...1_800_000_000_000, using: &rng)
            let trade = ClosedTrade(
                symbol: "BTCUSDT", side: Bool.random(using: &rng) ? .long : .short, entryTimeMs: entry,
                exitTimeMs: entry + Int64.random(in: 0...90_000_000, using: &rng), entryPrice: value(), exitPrice: value(),
                quantity: value(), pnlUSD: value(), feesUSD: value(), rMultiple: value(),
                regime: Regime.allCases.randomElement(using: &rng) ?? .chop, strategy: "trend",
                exitReason: reasons.randomElement(using: &rng) ?? "stop")
            var bytes: [UInt8] = []
            trade.appendJSONLine(to: &bytes, times: &times)
            #expect(String(decoding: bytes, as: UTF8.self) == (try JSONOutput.encode(trade, pretty: false)) + "\n")
        }
    }

    @Test("a trade with non-finite numbers is still one valid JSON line, the numbers as strings")
    func nonFiniteNumbersStayValidJSON() throws {
        let trade = ClosedTrade(symbol: "BTCUSDT", side: .long, entryTimeMs: 0, exitTimeMs: 60_000, entryPrice: 100, exitPrice: .infinity,
                                quantity: 1, pnlUSD: .nan, feesUSD: 0, rMultiple: -.infinity, regime: .chop, strategy: "trend",
                                exitReason: "stop")
        var bytes: [UInt8] = []
        var times = ISO8601Writer()
        trade.appendJSONLine(to: &bytes, times: &times)
        let parsed = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        guard case .object(let members) = parsed else { Issue.record("not an object"); return }
        #expect(members["pnl_usd"] == .string("nan"))
        #expect(members["exit_price"] == .string("inf"))
        #expect(members["r_multiple"] == .string("-inf"))
    }
}
