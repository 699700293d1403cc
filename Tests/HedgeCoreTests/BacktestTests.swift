import HedgeTestKit
import Testing
@testable import HedgeCore

/// Emits the signals it was given when their bar arrives: lets a test script the pipeline.
struct ScriptedStrategy: Strategy {
    let name = "scripted"
    let warmupBars = 0
    var script: [String: StrategySignal]  // key: "SYMBOL@openTimeMs"

    mutating func onBar(_ bar: Bar, symbol: String, regime: Regime) -> [StrategySignal] {
        guard var signal = script["\(symbol)@\(bar.openTimeMs)"] else { return [] }
        signal.regime = regime
        return [signal]
    }

    static func signal(_ symbol: String, _ side: Side, at t: Int64, sizeNavPct: Double = 2, stop: Double? = nil,
                       takeProfit: Double? = nil, quantity: Double? = nil) -> (String, StrategySignal) {
        ("\(symbol)@\(t * 3_600_000)", StrategySignal(
            symbol: symbol, side: side, timeMs: t * 3_600_000, referencePrice: 0, conviction: 1, stopPrice: stop,
            takeProfitPrice: takeProfit, sizeNavPct: sizeNavPct, reason: "scripted", strategy: "scripted",
            regime: .chop, quantity: quantity))
    }
}

enum BacktestFixtures {
    static func hourly(_ t: Int64, _ o: Double, _ h: Double, _ l: Double, _ c: Double, volume: Double = 1_000_000) -> Bar {
        Bar(openTimeMs: t * 3_600_000, open: o, high: h, low: l, close: c, volume: volume)
    }

    /// A seeded random walk per symbol, time-merged like the market-data stream.
    static func randomWalk(symbols: [String], bars: Int, seed: UInt64) -> [(String, Bar)] {
        var rng = SplitMix64(seed: seed)
        var prices = Dictionary(uniqueKeysWithValues: symbols.map { ($0, 100.0) })
        var events: [(String, Bar)] = []
        for t in 0..<bars {
            for symbol in symbols {
                let open = prices[symbol] ?? 100
                let close = open * (1 + Double.random(in: -0.02...0.021, using: &rng))
                let high = max(open, close) * (1 + Double.random(in: 0...0.01, using: &rng))
                let low = min(open, close) * (1 - Double.random(in: 0...0.01, using: &rng))
                prices[symbol] = close
                events.append((symbol, hourly(Int64(t), open, high, low, close, volume: Double.random(in: 500...5_000, using: &rng))))
            }
        }
        return events
    }

    static let universe = PairsUniverse(symbols: [
        "BTCUSDT": UniverseSymbol(tier: .t1, cluster: "MAJOR"),
        "ETHUSDT": UniverseSymbol(tier: .t1, cluster: "MAJOR"),
        "SOLUSDT": UniverseSymbol(tier: .t2, cluster: "L1"),
    ])

    static var limits: RiskLimits {
        var limits = RiskFixtures.limits
        limits.global.maxTradesPerHour = 100
        limits.global.maxTradesPerDay = 1_000
        limits.global.maxDrawdownPct = 100
        limits.global.dailyLossStopPct = 100
        limits.perSymbol = [:]
        return limits
    }

    static func run(_ events: [(String, Bar)], strategies: [any Strategy], options: BacktestOptions = BacktestOptions(),
                    limits: RiskLimits = limits, funding: [String: [FundingPoint]] = [:]) throws -> (BacktestReport, CollectingRecorder) {
        var backtest = Backtest(options: options, limits: limits, universe: universe, strategies: strategies,
                                regime: .defaults, funding: funding, recorder: CollectingRecorder())
        for (symbol, bar) in events { try backtest.onBar(bar, symbol: symbol) }
        let report = try backtest.finish()
        return (report, backtest.recorder)
    }
}

private typealias B = BacktestFixtures

@Suite("Backtest pipeline")
struct BacktestTests {
    @Test("final equity = initial + Σ pnl − Σ fees + funding, to the cent, with the trend strategy and funding")
    func accountingIdentity() throws {
        let events = B.randomWalk(symbols: ["BTCUSDT", "ETHUSDT", "SOLUSDT"], bars: 1_500, seed: 42)
        let funding = Dictionary(uniqueKeysWithValues: ["BTCUSDT", "ETHUSDT", "SOLUSDT"].map { symbol in
            (symbol, stride(from: Int64(0), to: 1_500, by: 8).map { FundingPoint(timeMs: $0 * 3_600_000, rate: $0 % 16 == 0 ? 0.0001 : -0.00005) })
        })
        let trend = TrendStrategy(parameters: TrendParameters(fastPeriod: 5, slowPeriod: 20, minAtrPct: 0, maxAtrPct: 100))
        let (report, recorder) = try B.run(events, strategies: [trend], funding: funding)
        #expect(report.trades > 30)
        #expect(report.trades == recorder.trades.count)
        #expect(report.fundingUSD != 0)
        let pnl = recorder.trades.reduce(0) { $0 + $1.pnlUSD }
        let fees = recorder.trades.reduce(0) { $0 + $1.feesUSD }
        #expect(abs(report.finalEquity - (report.initialEquity + pnl - fees + report.fundingUSD)) < 0.005)
        #expect(abs(report.feesUSD - fees) < 0.005)
        #expect(recorder.equity.count == 1_500)
        #expect(recorder.equity.last?.equityUSD == report.finalEquity)
    }

    @Test("the same inputs give a byte-identical report")
    func determinism() throws {
        let events = B.randomWalk(symbols: ["BTCUSDT", "SOLUSDT"], bars: 800, seed: 9)
        func report() throws -> String {
            let strategies: [any Strategy] = [
                TrendStrategy(parameters: TrendParameters(fastPeriod: 4, slowPeriod: 12, minAtrPct: 0, maxAtrPct: 100)),
                TriggersStrategy(parameters: .defaults, tiers: B.universe.tierBySymbol, gate: .allowAll),
            ]
            return try JSONOutput.encode(B.run(events, strategies: strategies).0)
        }
        let first = try report()
        #expect(first == (try report()))
        #expect(first.contains("\"trades\""))
    }

    @Test("a market entry fills at the next bar's open; the stop from the signal closes the trade")
    func stopIsHonoured() throws {
        let events: [(String, Bar)] = [
            ("BTCUSDT", B.hourly(0, 100, 101, 99, 100)),
            ("BTCUSDT", B.hourly(1, 100, 101, 99, 100)),   // signal here: BUY, stop 95, take-profit 120
            ("BTCUSDT", B.hourly(2, 100.5, 102, 99, 101)), // entry fills at the open 100.5
            ("BTCUSDT", B.hourly(3, 101, 101, 96, 97)),
            ("BTCUSDT", B.hourly(4, 97, 98, 94, 95)),      // stop at 95 triggers
            ("BTCUSDT", B.hourly(5, 95, 96, 94, 95)),
        ]
        let (key, signal) = ScriptedStrategy.signal("BTCUSDT", .buy, at: 1, stop: 95, takeProfit: 120)
        var options = BacktestOptions()
        options.matching = MatchingConfiguration(slippageBps: 0, slippageRangeFraction: 0)
        options.routerPolicy.makerFirst = false
        let (report, recorder) = try B.run(events, strategies: [ScriptedStrategy(script: [key: signal])], options: options)
        let trade = try #require(recorder.trades.first)
        #expect(recorder.trades.count == 1)
        #expect(trade.entryPrice == 100.5)
        #expect(trade.exitPrice == 95)
        #expect(trade.exitReason == "stop")
        #expect(trade.entryTimeMs == 2 * 3_600_000 && trade.exitTimeMs == 4 * 3_600_000)
        #expect(abs(trade.rMultiple - trade.netPnlUSD / ((100.5 - 95) * trade.quantity)) < 1e-9)
        #expect(abs(trade.quantity * 100 - 2_000) < 1e-6, "2 % of 100 000 NAV at the signal close of 100")
        #expect(report.trades == 1)
        // orders.jsonl: the entry, then its stop and take-profit once it filled (the whole leg,
        // triggers on the 0.001 tick), each acknowledged in the daemon's format.
        let acks = recorder.orders.filter { $0.event == .ack }
        #expect(acks.map(\.orderType) == ["MARKET", "STOP_MARKET", "TAKE_PROFIT_MARKET"])
        #expect(acks.map(\.reason) == [nil, "stop", "take_profit"])
        #expect(acks.map(\.side) == [.buy, .sell, .sell] && acks.allSatisfy { $0.positionSide == .long && $0.quantity == 20 })
        #expect(acks.map(\.price) == [nil, 95, 120])
        #expect(recorder.orders.filter { $0.event == .fill }.map(\.price) == [100.5, 95])
        // The stop's fill closed the leg: the take-profit was canceled with it.
        #expect(recorder.orders.filter { $0.event == .close }.map(\.status) == [.filled, .canceled, .filled])
    }

    @Test("a leg held past its strategy's max hold is closed at market (`max_hold`), once")
    func maxHoldCloses() throws {
        let events: [(String, Bar)] = (0..<8).map { t in ("BTCUSDT", B.hourly(Int64(t), 100, 101, 99, 100)) }
        let (key, signal) = ScriptedStrategy.signal("BTCUSDT", .buy, at: 1, stop: 90, takeProfit: 120)
        var options = BacktestOptions()
        options.matching = MatchingConfiguration(slippageBps: 0, slippageRangeFraction: 0)
        options.routerPolicy.makerFirst = false
        options.maxHoldMsByStrategy = ["scripted": 3 * 3_600_000]
        let (_, recorder) = try B.run(events, strategies: [ScriptedStrategy(script: [key: signal])], options: options)
        let trade = try #require(recorder.trades.first)
        #expect(recorder.trades.count == 1)
        #expect(trade.exitReason == "max_hold")
        // Opened at hour 2's open, held 3 h by hour 5's open: the close is sent then and fills at hour 6's open.
        #expect(trade.entryTimeMs == 2 * 3_600_000)
        #expect(trade.exitTimeMs == 6 * 3_600_000)
    }

    @Test("a maker-first entry that would cross is re-priced on the fresh book up to its attempts, then taken at market")
    func makerFallback() throws {
        let events: [(String, Bar)] = [
            ("BTCUSDT", B.hourly(0, 100, 101, 99, 100)),
            ("BTCUSDT", B.hourly(1, 99, 100, 98, 99.9)),   // signal: post-only BUY just under the book's bid
            ("BTCUSDT", B.hourly(2, 99, 100, 98, 99.5)),   // opens below it: would cross, expires; re-priced under 99.5
            ("BTCUSDT", B.hourly(3, 99.2, 100, 99, 99.5)), // again
            ("BTCUSDT", B.hourly(4, 99.0, 100, 98, 99.5)), // third attempt expires: the plan takes
            ("BTCUSDT", B.hourly(5, 99.3, 100, 99, 99.5)), // the market order fills at this open
        ]
        let (key, signal) = ScriptedStrategy.signal("BTCUSDT", .buy, at: 1)
        var options = BacktestOptions()
        options.matching = MatchingConfiguration(slippageBps: 0, slippageRangeFraction: 0)
        options.defaultBarIntervalMs = 3_600_000
        let (_, recorder) = try B.run(events, strategies: [ScriptedStrategy(script: [key: signal])], options: options)
        let acks = recorder.orders.filter { $0.event == .ack }
        #expect(acks.map(\.orderType) == ["LIMIT", "LIMIT", "LIMIT", "MARKET"], "\(acks)")
        // Each attempt sits under the bid of the book after its bar (99.9 × (1 − 1 bps) on the 0.001 grid, then 99.5's).
        #expect((acks.first?.price ?? 0) < 99.9 && (acks.first?.price ?? 0) > 99.8)
        #expect(acks.dropFirst().prefix(2).allSatisfy { ($0.price ?? 0) < 99.5 && ($0.price ?? 0) > 99.4 })
        let expired = recorder.orders.filter { $0.event == .close && $0.status == .expired }
        #expect(expired.count == 3)
        let trade = try #require(recorder.trades.first)
        #expect(trade.entryPrice == 99.3)
        #expect(trade.exitReason == "end_of_data")
    }

    @Test("vetoes are counted by code, and the pipeline's own trade counts feed checkOrder")
    func vetoesAndFeedback() throws {
        var limits = B.limits
        limits.global.maxTradesPerHour = 1
        let events: [(String, Bar)] = (0..<4).flatMap { t in
            [("BTCUSDT", B.hourly(t, 100, 101, 99, 100)), ("ETHUSDT", B.hourly(t, 50, 51, 49, 50))]
        }
        let script = Dictionary(uniqueKeysWithValues: [
            ScriptedStrategy.signal("BTCUSDT", .buy, at: 1),
            ScriptedStrategy.signal("ETHUSDT", .buy, at: 1),    // same hour: trades_per_hour
            ScriptedStrategy.signal("ETHUSDT", .buy, at: 2, sizeNavPct: 50),  // sized down by the 5 % trade cap
        ])
        let (report, recorder) = try B.run(events, strategies: [ScriptedStrategy(script: script)], limits: limits)
        #expect(report.vetoesByCode == ["trades_per_hour": 1])
        #expect(recorder.trades.count == 2)
        let eth = try #require(recorder.trades.first { $0.symbol == "ETHUSDT" })
        #expect(abs(eth.quantity * eth.entryPrice - 5_000) < 100, "50 % asked, the 5 % trade cap binds")
    }

    @Test("ema_cross baseline: fixed quantity, always in the market, fills at the next open, closed at the last close")
    func emaCrossBaseline() throws {
        let closes: [Double] = [10, 10, 10, 11, 12, 13, 12, 10, 8, 7, 8, 9, 11, 13]
        let events: [(String, Bar)] = closes.enumerated().map { i, c in
            let open = i == 0 ? c : closes[i - 1]
            return ("BTCUSDT", B.hourly(Int64(i), open, max(open, c), min(open, c), c))
        }
        var options = BacktestOptions(skipRisk: true)
        options.matching = MatchingConfiguration(takerFeeBps: 4, slippageBps: 0, slippageRangeFraction: 0, participation: 1)
        let strategy = EmaCrossStrategy(parameters: EmaCrossParameters(fastPeriod: 2, slowPeriod: 3, quantity: 2))
        let (report, recorder) = try B.run(events, strategies: [strategy], options: options)
        // fast/slow EMAs seeded at 10: the first 3 bars are equal (hold). Bar 3 (close 11): fast > slow → BUY,
        // filled at bar 4's open 11. The cross down comes at bar 7 (close 10): fill at bar 8's open 10.
        let trades = recorder.trades
        #expect(trades.first?.side == .long)
        #expect(trades.first?.entryPrice == 11)
        #expect(trades.first?.exitPrice == 10)
        #expect(trades.first?.quantity == 2)
        #expect(trades.last?.exitReason == "end_of_data")
        #expect(trades.last?.exitPrice == 13)
        #expect(report.research?["no_risk"] == "true")
        let fees = trades.reduce(0) { $0 + $1.feesUSD }
        let expectedFees = trades.reduce(0) { $0 + ($1.entryPrice + $1.exitPrice) * $1.quantity * 4 / 10_000 }
        #expect(abs(fees - expectedFees) < 1e-9)
    }
}
