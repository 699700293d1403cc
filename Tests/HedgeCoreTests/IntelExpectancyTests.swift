import Foundation
import HedgeTestKit
import Testing
@testable import HedgeCore

private typealias F = IntelFixtures

@Suite("Intel: expectancy")
struct IntelExpectancyTests {
    @Test("trades are bucketed by symbol × UTC hour of exit × regime with hand-computed metrics")
    func bucketing() throws {
        let trades = [
            F.trade(hour: 13, minute: 5, pnl: 60, fees: 4, r: 1.5),   // net 56, win
            F.trade(hour: 13, minute: 45, pnl: -30, fees: 4, r: -1),  // net −34
            F.trade(hour: 13, minute: 59, pnl: 2, fees: 2, r: 0),     // net 0: not a win
            F.trade(hour: 14, pnl: 10, fees: 1, r: 0.5),              // next hour
            F.trade(hour: 13, pnl: 10, fees: 1, regime: .chop),      // other regime
            F.trade("ETHUSDT", hour: 2, pnl: 30, fees: 2, r: 1, regime: .chop),
        ]
        let snapshot = ExpectancySnapshot.build(trades: trades, minSampleSize: 3)
        #expect(snapshot.sampleCount == 6)
        #expect(snapshot.minSampleSize == 3)
        #expect(snapshot.buckets.map { "\($0.symbol)/\($0.hour)/\($0.regime.rawValue)" }
                == ["BTCUSDT/13/bull", "BTCUSDT/13/chop", "BTCUSDT/14/bull", "ETHUSDT/2/chop"])
        let first = snapshot.buckets[0]
        #expect(first.count == 3)
        let meanPnl: Double = 22.0 / 3
        #expect(first.meanPnl == meanPnl)
        #expect(first.winRate == 1.0 / 3)
        #expect(first.meanR == 0.5 / 3)
        #expect(first.isWarmup == false)
        #expect(snapshot.buckets[1].isWarmup)
        #expect(snapshot.buckets[3] == ExpectancyBucket(symbol: "ETHUSDT", hour: 2, regime: .chop, count: 1,
                                                        meanPnl: 28, winRate: 1, meanR: 1, isWarmup: true))
    }

    @Test("bucket order is the same whatever the input order")
    func deterministicOrder() {
        var rng = SplitMix64(seed: 6)
        let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"]
        var trades: [ClosedTrade] = []
        for i in 0..<200 {
            let hour = Int.random(in: 0...23, using: &rng)
            trades.append(F.trade(symbols[i % 3], hour: hour, pnl: 1, regime: Regime.allCases[i % 4]))
        }
        let a = ExpectancySnapshot.build(trades: trades).buckets.map(\.key)
        let b = ExpectancySnapshot.build(trades: trades.shuffled(using: &rng)).buckets.map(\.key)
        #expect(a == b)
        let sorted = a.sorted { x, y in
            let rank: (Regime) -> Int = { Regime.allCases.firstIndex(of: $0) ?? 0 }
            return (x.symbol, x.hourUTC, rank(x.regime)) < (y.symbol, y.hourUTC, rank(y.regime))
        }
        #expect(a == sorted)
    }

    @Test("warm-up follows the minimum sample size", arguments: [(1, false), (4, false), (5, true), (20, true)])
    func warmup(minimum: Int, warm: Bool) {
        let trades = (0..<4).map { _ in F.trade(pnl: 1) }
        #expect(ExpectancySnapshot.build(trades: trades, minSampleSize: minimum).buckets.first?.isWarmup == warm)
    }

    @Test("no trades give an empty table with sample_count 0")
    func empty() throws {
        let snapshot = ExpectancySnapshot.build(trades: [])
        #expect(snapshot.sampleCount == 0)
        #expect(snapshot.buckets.isEmpty)
        let json = try JSONOutput.encode(snapshot, pretty: false)
        #expect(json == #"{"buckets":[],"min_sample_size":20,"sample_count":0}"#)
    }

    @Test("a snapshot survives a JSON save and load unchanged, with snake_case keys")
    func roundTrip() throws {
        let snapshot = ExpectancySnapshot.build(trades: [F.trade(pnl: 12.5, fees: 0.25, r: 0.7), F.trade(hour: 3, pnl: -1)], minSampleSize: 2)
        let json = try JSONOutput.encode(snapshot)
        for key in ["\"sample_count\"", "\"min_sample_size\"", "\"mean_pnl\"", "\"win_rate\"", "\"mean_r\"", "\"is_warmup\"", "\"hour\""] {
            #expect(json.contains(key))
        }
        #expect(try ExpectancySnapshot.decode(Data(json.utf8)) == snapshot)
    }

    @Test("the gate blocks losing buckets that left warm-up and nothing else")
    func gate() {
        let trades = [F.trade(hour: 1, pnl: -5), F.trade(hour: 1, pnl: -1),   // losing, warm
                      F.trade(hour: 2, pnl: -5),                             // losing, warm-up
                      F.trade(hour: 3, pnl: 5), F.trade(hour: 3, pnl: -5),   // break-even
                      F.trade(hour: 4, pnl: 5), F.trade(hour: 4, pnl: 1)]    // winning
        let gate = ExpectancySnapshot.build(trades: trades, minSampleSize: 2).gate
        #expect(gate.blocked == [ExpectancyKey(symbol: "BTCUSDT", hourUTC: 1, regime: .bull)])
        #expect(!gate.allows(symbol: "BTCUSDT", hourUTC: 1, regime: .bull))
        #expect(gate.allows(symbol: "BTCUSDT", hourUTC: 1, regime: .chop))
        #expect(gate.allows(symbol: "BTCUSDT", hourUTC: 2, regime: .bull))
    }
}
