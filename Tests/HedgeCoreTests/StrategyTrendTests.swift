import Foundation
import Testing
@testable import HedgeCore

@Suite("Trend strategy")
struct StrategyTrendTests {
    /// Closes 10, 9, 8, 7, 6, 8, 10, 12, 9, 6 as hourly bars (each opens at the previous close).
    ///
    /// Fast EMA(2), α = 2/3: seed (10 + 9)/2 = 9.5 at bar 1; then 8.5, 7.5, 6.5, 7.5, 9.1667 (bar 6), 11.0556,
    /// 9.6852, 7.2284 (bar 9).
    /// Slow EMA(4), α = 0.4: seed (10 + 9 + 8 + 7)/4 = 8.5 at bar 3; then 7.5, 7.7, 8.62 (bar 6), 9.972,
    /// 9.5832, 8.1499 (bar 9).
    /// fast − slow: −1 (bar 3, first ready: sign recorded only), −1, −0.2, +0.5467 (bar 6: cross up),
    /// +1.08, +0.10, −0.92 (bar 9: cross down).
    /// ATR(3), true ranges 0, 1, 1, 1, 1, 2, 2: seed (0 + 1 + 1)/3 = 2/3 at bar 2; then 7/9, 23/27,
    /// 100/81, and 362/243 ≈ 1.48971 at bar 6, i.e. 14.9 % of the close 10; true ranges 2, 3, 3 then
    /// give 1.6598, 2.1065 and 2.4043 at bar 9, 40.1 % of the close 6 (hence max_atr_pct 50 here).
    static let closes: [Double] = [10, 9, 8, 7, 6, 8, 10, 12, 9, 6]
    static let atrAtCrossUp = 362.0 / 243
    static let parameters = TrendParameters(
        fastPeriod: 2, slowPeriod: 4, atrPeriod: 3, minAtrPct: 0, maxAtrPct: 50,
        stopAtrMultiple: 2, takeProfitAtrMultiple: 3, sizeNavPct: 1.5, allowShort: true)

    private func run(_ parameters: TrendParameters, gate: ExpectancyGate = .allowAll, regime: Regime = .chop) -> [Int: StrategySignal] {
        var strategy = TrendStrategy(parameters: parameters, gate: gate)
        var signals: [Int: StrategySignal] = [:]
        for (index, bar) in StrategyFixtures.bars(closes: Self.closes).enumerated() {
            let emitted = strategy.onBar(bar, symbol: "BTCUSDT", regime: regime)
            #expect(emitted.count <= 1)
            if let signal = emitted.first { signals[index] = signal }
        }
        return signals
    }

    @Test("a fast EMA crossing above the slow one emits a BUY with ATR stop and take-profit")
    func crossUp() throws {
        let signals = run(Self.parameters)
        #expect(Set(signals.keys) == [6, 9])
        let buy = try #require(signals[6])
        #expect(buy.side == .buy)
        #expect(buy.reason == "trend.ema_cross_up")
        #expect(buy.strategy == "trend")
        #expect(buy.symbol == "BTCUSDT")
        #expect(buy.timeMs == 6 * 3_600_000)
        #expect(buy.referencePrice == 10)
        #expect(buy.sizeNavPct == 1.5)
        // Stop 10 − 2 × 1.48971 = 7.02058; take-profit 10 + 3 × 1.48971 = 14.46914.
        #expect(StrategyFixtures.isClose(buy.stopPrice, 10 - 2 * Self.atrAtCrossUp))
        #expect(StrategyFixtures.isClose(buy.takeProfitPrice, 10 + 3 * Self.atrAtCrossUp))
        // Conviction: |close − slow| / ATR = |10 − 8.62| / 1.48971 ≈ 0.926.
        #expect(StrategyFixtures.isClose(buy.conviction, 1.38 / Self.atrAtCrossUp, tolerance: 1e-6))
    }

    /// ATR at bar 9: 362/243 → (2 × 362/243 + 2)/3 = 1210/729 → (2 × 1210/729 + 3)/3 = 4607/2187
    /// → (2 × 4607/2187 + 3)/3 = 15775/6561 ≈ 2.40436. Stop 6 + 2 × 2.40436 = 10.80872; the
    /// take-profit 6 − 3 × 2.40436 would be negative, so there is none.
    @Test("a fast EMA crossing below the slow one emits a SELL with the stop above the entry and no negative take-profit")
    func crossDown() throws {
        let sell = try #require(run(Self.parameters)[9])
        #expect(sell.side == .sell)
        #expect(sell.reason == "trend.ema_cross_down")
        #expect(sell.referencePrice == 6)
        #expect(StrategyFixtures.isClose(sell.stopPrice, 6 + 2 * 15775.0 / 6561))
        #expect(sell.takeProfitPrice == nil)
    }

    @Test("without shorts a cross below emits nothing")
    func noShorts() {
        var parameters = Self.parameters
        parameters.allowShort = false
        #expect(Set(run(parameters).keys) == [6])
    }

    /// ATR / close at the cross up is 1.48971 / 10 = 14.9 %.
    @Test("a cross outside the ATR band emits nothing", arguments: [
        (0.0, 50.0, true),
        (0.0, 10.0, false),
        (16.0, 50.0, false),
        (14.8, 15.0, true),
    ])
    func volatilityFilter(minAtrPct: Double, maxAtrPct: Double, signals: Bool) {
        var parameters = Self.parameters
        parameters.minAtrPct = minAtrPct
        parameters.maxAtrPct = maxAtrPct
        parameters.allowShort = false
        #expect((run(parameters)[6] != nil) == signals)
    }

    @Test("a bucket blocked by the expectancy gate suppresses the signal; other buckets do not",
          arguments: [
              (ExpectancyKey(symbol: "BTCUSDT", hourUTC: 6, regime: .chop), false),
              (ExpectancyKey(symbol: "BTCUSDT", hourUTC: 7, regime: .chop), true),
              (ExpectancyKey(symbol: "BTCUSDT", hourUTC: 6, regime: .bull), true),
              (ExpectancyKey(symbol: "ETHUSDT", hourUTC: 6, regime: .chop), true),
          ])
    func expectancyGate(blocked: ExpectancyKey, signals: Bool) {
        let gate = ExpectancyGate(blocked: [blocked])
        #expect((run(Self.parameters, gate: gate)[6] != nil) == signals)
    }

    @Test("symbols keep separate state when their bars are interleaved")
    func perSymbolState() {
        var strategy = TrendStrategy(parameters: Self.parameters)
        var emitted: [String: [Int]] = [:]
        let flat = StrategyFixtures.bars(closes: Array(repeating: 50, count: Self.closes.count))
        for (index, bar) in StrategyFixtures.bars(closes: Self.closes).enumerated() {
            for (symbol, bar) in [("BTCUSDT", bar), ("ETHUSDT", flat[index])] {
                if !strategy.onBar(bar, symbol: symbol, regime: .chop).isEmpty {
                    emitted[symbol, default: []].append(index)
                }
            }
        }
        #expect(emitted == ["BTCUSDT": [6, 9]])
    }

    @Test("a bar with a non-finite price is skipped without disturbing the indicators")
    func unusableBarSkipped() {
        var strategy = TrendStrategy(parameters: Self.parameters)
        var crosses: [Int] = []
        for (index, bar) in StrategyFixtures.bars(closes: Self.closes).enumerated() {
            if index == 4 {
                let broken = Bar(openTimeMs: bar.openTimeMs, open: 7, high: .nan, low: 6, close: 6, volume: 1)
                #expect(strategy.onBar(broken, symbol: "BTCUSDT", regime: .chop).isEmpty)
            }
            if !strategy.onBar(bar, symbol: "BTCUSDT", regime: .chop).isEmpty { crosses.append(index) }
        }
        #expect(crosses == [6, 9])
    }

    @Test("a signal encodes with snake_case keys")
    func signalCoding() throws {
        let signal = StrategySignal(
            symbol: "BTCUSDT", side: .buy, timeMs: 1, referencePrice: 2, conviction: 0.5, stopPrice: 1.5,
            takeProfitPrice: nil, sizeNavPct: 3, reason: "trend.ema_cross_up", strategy: "trend", regime: .bull)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(signal), as: UTF8.self)
        #expect(json == #"{"conviction":0.5,"reason":"trend.ema_cross_up","reference_price":2,"regime":"bull","side":"BUY","size_nav_pct":3,"stop_price":1.5,"strategy":"trend","symbol":"BTCUSDT","time_ms":1}"#)
        #expect(try JSONDecoder().decode(StrategySignal.self, from: Data(json.utf8)) == signal)
    }
}
