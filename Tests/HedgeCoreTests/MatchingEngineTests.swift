import HedgeTestKit
import Testing
@testable import HedgeCore

/// Bars and helpers for driving the engine by hand.
private func bar(_ t: Int64, _ o: Double, _ h: Double, _ l: Double, _ c: Double, volume: Double = 1_000) -> Bar {
    Bar(openTimeMs: t * 60_000, open: o, high: h, low: l, close: c, volume: volume)
}

private let noSlip = MatchingConfiguration(takerFeeBps: 4, makerFeeBps: 2, slippageBps: 0, slippageRangeFraction: 0, participation: 1)

private func order(_ id: String, _ side: Side, _ type: SimOrderType, _ qty: Double, leg: PositionSide? = .long,
                   tif: TimeInForce = .gtc, reduceOnly: Bool = false, reason: String = "signal") -> SimOrderRequest {
    SimOrderRequest(clientOrderId: id, symbol: "BTCUSDT", side: side, type: type, quantity: qty, timeInForce: tif,
                    positionSide: leg, reduceOnly: reduceOnly, tag: OrderTag(strategy: "test", regime: .bull, exitReason: reason))
}

private extension Array where Element == EngineEvent {
    var fills: [EngineFill] { compactMap { if case .fill(let f) = $0 { f } else { nil } } }
    var trades: [ClosedTrade] { compactMap { if case .tradeClosed(let t) = $0 { t } else { nil } } }
    func status(of id: String) -> [OrderStatus] {
        compactMap { if case .order(let o, _) = $0, o.request.clientOrderId == id { o.status } else { nil } }
    }
    func reason(of id: String) -> String? {
        compactMap { if case .order(let o, let r) = $0, o.request.clientOrderId == id { r } else { nil } }.last
    }
}

@Suite("Matching engine")
struct MatchingEngineTests {
    @Test("a market order fills at the next bar's open plus bps and range slippage, with the taker fee")
    func marketFill() throws {
        var engine = MatchingEngine(configuration: MatchingConfiguration(slippageBps: 10, slippageRangeFraction: 0.1, participation: 1),
                                    initialWalletUSD: 100_000)
        _ = engine.process(bar: bar(0, 100, 101, 99, 100), symbol: "BTCUSDT")
        _ = engine.submit(order("m1", .buy, .market, 2), atMs: 60_000)
        let events = engine.process(bar: bar(1, 100, 104, 98, 103), symbol: "BTCUSDT")
        let fill = try #require(events.fills.first)
        // 100 + 100 × 10 bps + 0.1 × (104 − 98) = 100 + 0.1 + 0.6
        #expect(abs(fill.price - 100.7) < 1e-9)
        #expect(fill.liquidity == .taker)
        #expect(abs(fill.feeUSD - 2 * 100.7 * 4 / 10_000) < 1e-12)
        #expect(events.status(of: "m1") == [.filled])
    }

    @Test("a resting limit needs the bar to trade through its price; touching is not enough")
    func limitThrough() throws {
        var engine = MatchingEngine(configuration: noSlip, initialWalletUSD: 100_000)
        _ = engine.submit(order("l1", .buy, .limit(price: 95), 1), atMs: 0)
        #expect(engine.process(bar: bar(1, 100, 101, 95, 99), symbol: "BTCUSDT").fills.isEmpty, "low == limit: touch only")
        let events = engine.process(bar: bar(2, 99, 100, 94.5, 96), symbol: "BTCUSDT")
        let fill = try #require(events.fills.first)
        #expect(fill.price == 95)
        #expect(fill.liquidity == .maker)
        #expect(abs(fill.feeUSD - 95 * 2 / 10_000) < 1e-12)
    }

    @Test("a post-only (GTX) order that would cross on arrival expires; one that rests can fill as maker")
    func postOnly() {
        var engine = MatchingEngine(configuration: noSlip, initialWalletUSD: 100_000)
        _ = engine.submit(order("gtx-cross", .buy, .limit(price: 101), 1, tif: .gtx), atMs: 0)
        _ = engine.submit(order("gtx-rest", .buy, .limit(price: 99), 1, tif: .gtx), atMs: 0)
        let events = engine.process(bar: bar(1, 100, 100.5, 98, 99.5), symbol: "BTCUSDT")
        #expect(events.status(of: "gtx-cross") == [.expired])
        #expect(events.reason(of: "gtx-cross") == "post_only_would_cross")
        #expect(events.status(of: "gtx-rest") == [.filled])
        #expect(events.fills.map(\.liquidity) == [.maker])
    }

    @Test("IOC takes what is marketable at arrival and expires the rest; a non-marketable IOC expires unfilled")
    func immediateOrCancel() {
        var engine = MatchingEngine(configuration: MatchingConfiguration(slippageBps: 0, slippageRangeFraction: 0, participation: 0.5),
                                    initialWalletUSD: 1_000_000)
        _ = engine.submit(order("ioc-take", .buy, .limit(price: 101), 800, tif: .ioc), atMs: 0)
        _ = engine.submit(order("ioc-miss", .buy, .limit(price: 90), 1, tif: .ioc), atMs: 0)
        let events = engine.process(bar: bar(1, 100, 102, 89, 101, volume: 1_000), symbol: "BTCUSDT")
        #expect(events.fills.map(\.quantity) == [500], "participation caps the IOC at half the bar's volume")
        #expect(events.fills.first?.price == 100)
        #expect(events.status(of: "ioc-take") == [.partiallyFilled, .expired])
        #expect(events.status(of: "ioc-miss") == [.expired])
        #expect(engine.openOrders("BTCUSDT").isEmpty)
    }

    @Test("partial fills are capped by participation × volume and finish on later bars")
    func partialFills() {
        var engine = MatchingEngine(configuration: MatchingConfiguration(slippageBps: 0, slippageRangeFraction: 0, participation: 0.1),
                                    initialWalletUSD: 1_000_000)
        _ = engine.submit(order("big", .buy, .market, 250), atMs: 0)
        let first = engine.process(bar: bar(1, 100, 101, 99, 100, volume: 1_000), symbol: "BTCUSDT")
        let second = engine.process(bar: bar(2, 100, 101, 99, 100, volume: 1_000), symbol: "BTCUSDT")
        let third = engine.process(bar: bar(3, 100, 101, 99, 100, volume: 1_000), symbol: "BTCUSDT")
        #expect(first.fills.map(\.quantity) == [100])
        #expect(first.status(of: "big") == [.partiallyFilled])
        #expect(second.fills.map(\.quantity) == [100])
        #expect(third.fills.map(\.quantity) == [50])
        #expect(third.status(of: "big") == [.filled])
        #expect(engine.leg("BTCUSDT", .long).quantity == 250)
    }

    @Test("hedge mode keeps both legs; closing one realizes its PnL into a closed trade")
    func hedgeLegs() throws {
        var engine = MatchingEngine(configuration: noSlip, initialWalletUSD: 100_000)
        _ = engine.submit(order("long", .buy, .market, 1, leg: .long), atMs: 0)
        _ = engine.submit(order("short", .sell, .market, 2, leg: .short), atMs: 0)
        _ = engine.process(bar: bar(1, 100, 101, 99, 100), symbol: "BTCUSDT")
        #expect(engine.leg("BTCUSDT", .long).quantity == 1)
        #expect(engine.leg("BTCUSDT", .short).quantity == 2)
        _ = engine.submit(order("close-long", .sell, .market, 1, leg: .long, reason: "signal"), atMs: 0)
        let events = engine.process(bar: bar(2, 110, 111, 109, 110), symbol: "BTCUSDT")
        let trade = try #require(events.trades.first)
        #expect(trade.side == .long)
        #expect(trade.pnlUSD == 10)
        #expect(abs(trade.feesUSD - (100 + 110) * 4 / 10_000) < 1e-12)
        #expect(trade.strategy == "test" && trade.regime == .bull && trade.exitReason == "signal")
        #expect(engine.leg("BTCUSDT", .short).quantity == 2, "the short leg is untouched")
        // NAV = wallet + unrealized: the short lost 2 × (110 − 100).
        #expect(abs(engine.navUSD - (engine.walletUSD - 20)) < 1e-9)
    }

    @Test("one-way mode nets: a SELL larger than the long closes it and opens a short")
    func oneWayFlip() throws {
        var config = noSlip
        config.positionMode = .oneWay
        var engine = MatchingEngine(configuration: config, initialWalletUSD: 100_000)
        _ = engine.submit(order("buy", .buy, .market, 1, leg: nil), atMs: 0)
        _ = engine.process(bar: bar(1, 100, 101, 99, 100), symbol: "BTCUSDT")
        _ = engine.submit(order("flip", .sell, .market, 3, leg: nil), atMs: 0)
        let events = engine.process(bar: bar(2, 90, 91, 89, 90), symbol: "BTCUSDT")
        #expect(events.fills.map(\.positionSide) == [.long, .short])
        #expect(events.fills.map(\.quantity) == [1, 2])
        #expect(try #require(events.trades.first).pnlUSD == -10)
        #expect(engine.leg("BTCUSDT", .long).quantity == 0)
        #expect(engine.leg("BTCUSDT", .short).quantity == 2)
        // Reduce-only never opens: a reduce-only BUY of 5 only closes the 2 short.
        _ = engine.submit(order("ro", .buy, .market, 5, leg: nil, reduceOnly: true), atMs: 0)
        let reduce = engine.process(bar: bar(3, 95, 96, 94, 95), symbol: "BTCUSDT")
        #expect(reduce.fills.map(\.quantity) == [2])
        #expect(engine.openLegs.isEmpty)
        #expect(engine.submit(order("bad", .buy, .market, 1, leg: .long), atMs: 0).status(of: "bad") == [.rejected])
    }

    @Test("leverage sets margin; an order beyond free margin is rejected; a leg is liquidated at its price")
    func marginAndLiquidation() throws {
        var engine = MatchingEngine(configuration: noSlip, initialWalletUSD: 1_000)
        engine.setLeverage(10, for: "BTCUSDT")
        _ = engine.process(bar: bar(0, 100, 100, 100, 100), symbol: "BTCUSDT")
        let tooBig = engine.submit(order("too-big", .buy, .market, 101), atMs: 0)
        #expect(tooBig.status(of: "too-big") == [.rejected])
        #expect(tooBig.reason(of: "too-big") == "margin_insufficient")
        _ = engine.submit(order("x10", .buy, .market, 90), atMs: 0)
        _ = engine.process(bar: bar(1, 100, 101, 99, 100), symbol: "BTCUSDT")
        let leg = engine.leg("BTCUSDT", .long)
        #expect(leg.margin == 900)
        let liquidation = try #require(leg.liquidationPrice(maintenanceMarginRate: noSlip.maintenanceMarginRate))
        #expect(abs(liquidation - 100 * (1 - 0.1 + 0.004)) < 1e-9)
        let events = engine.process(bar: bar(2, 95, 96, 89, 90), symbol: "BTCUSDT")
        let trade = try #require(events.trades.first)
        #expect(trade.exitReason == "liquidation")
        #expect(abs(trade.exitPrice - liquidation) < 1e-9)
        #expect(engine.openLegs.isEmpty)
    }

    @Test("funding: a long pays a positive rate on its notional and a short receives it")
    func funding() {
        var engine = MatchingEngine(configuration: noSlip, initialWalletUSD: 100_000)
        _ = engine.submit(order("l", .buy, .market, 2, leg: .long), atMs: 0)
        _ = engine.submit(order("s", .sell, .market, 1, leg: .short), atMs: 0)
        _ = engine.process(bar: bar(1, 100, 101, 99, 100), symbol: "BTCUSDT")
        let wallet = engine.walletUSD
        let events = engine.applyFunding(symbol: "BTCUSDT", rate: 0.0001, markPrice: 100, timeMs: 8 * 3_600_000)
        #expect(events.count == 2)
        // long pays 2 × 100 × 0.0001 = 0.02, short receives 0.01
        #expect(abs(engine.walletUSD - (wallet - 0.02 + 0.01)) < 1e-12)
        #expect(abs(engine.fundingUSD - -0.01) < 1e-12)
    }

    @Test("stops trigger on the way down, gaps fill at the open, and a bar hitting both stops out first")
    func stopsAndTakeProfits() throws {
        var engine = MatchingEngine(configuration: noSlip, initialWalletUSD: 100_000)
        _ = engine.submit(order("entry", .buy, .market, 1), atMs: 0)
        _ = engine.process(bar: bar(1, 100, 101, 99, 100), symbol: "BTCUSDT")
        _ = engine.submit(order("stop", .sell, .stopMarket(trigger: 95), 1, reason: "stop"), atMs: 0)
        _ = engine.submit(order("tp", .sell, .takeProfitMarket(trigger: 110), 1, reason: "take_profit"), atMs: 0)
        #expect(engine.process(bar: bar(2, 100, 105, 96, 104), symbol: "BTCUSDT").fills.isEmpty)
        let both = engine.process(bar: bar(3, 104, 112, 94, 100), symbol: "BTCUSDT")
        #expect(both.fills.map(\.price) == [95])
        #expect(try #require(both.trades.first).exitReason == "stop")
        #expect(both.status(of: "tp") == [.canceled])
        #expect(both.reason(of: "tp") == "position_closed")

        _ = engine.submit(order("entry2", .buy, .market, 1), atMs: 0)
        _ = engine.process(bar: bar(4, 100, 101, 99, 100), symbol: "BTCUSDT")
        _ = engine.submit(order("stop2", .sell, .stopMarket(trigger: 95), 1, reason: "stop"), atMs: 0)
        let gap = engine.process(bar: bar(5, 90, 92, 88, 91), symbol: "BTCUSDT")
        #expect(gap.fills.map(\.price) == [90], "a gap below the stop fills at the open")
    }

    @Test("the order whose fill closes a leg reports FILLED only; the leg's other reducing orders are canceled")
    func closingOrderIsNotCanceled() {
        var engine = MatchingEngine(configuration: noSlip, initialWalletUSD: 100_000)
        _ = engine.submit(order("entry", .buy, .market, 1), atMs: 0)
        _ = engine.process(bar: bar(1, 100, 101, 99, 100), symbol: "BTCUSDT")
        _ = engine.submit(order("tp", .sell, .takeProfitMarket(trigger: 150), 1, reason: "take_profit"), atMs: 0)
        _ = engine.submit(order("close", .sell, .market, 1, reason: "signal"), atMs: 0)
        let events = engine.process(bar: bar(2, 100, 101, 99, 100), symbol: "BTCUSDT")
        #expect(events.status(of: "close") == [.filled])
        #expect(events.status(of: "tp") == [.canceled])
        #expect(events.fills.map(\.clientOrderId) == ["close"])
    }

    @Test("a duplicate client order id among working orders is rejected")
    func duplicateClientId() {
        var engine = MatchingEngine(configuration: noSlip, initialWalletUSD: 100_000)
        _ = engine.submit(order("dup", .buy, .limit(price: 50), 1), atMs: 0)
        let again = engine.submit(order("dup", .buy, .limit(price: 50), 1), atMs: 0)
        #expect(again.reason(of: "dup") == "duplicate_client_order_id")
        #expect(engine.openOrders("BTCUSDT").count == 1)
    }

    @Test("accounting identity: final wallet = initial + Σ trade PnL − Σ trade fees + funding, to the cent")
    func accountingIdentity() {
        var engine = MatchingEngine(configuration: MatchingConfiguration(slippageBps: 3, slippageRangeFraction: 0.05, participation: 0.3),
                                    initialWalletUSD: 50_000)
        var rng = SplitMix64(seed: 7)
        var trades: [ClosedTrade] = []
        var price = 100.0
        for t in 0..<2_000 {
            let open = price
            price *= 1 + Double.random(in: -0.01...0.01, using: &rng)
            let b = bar(Int64(t), open, max(open, price) * 1.002, min(open, price) * 0.998, price, volume: 50)
            trades += engine.process(bar: b, symbol: "BTCUSDT").trades
            if t % 8 == 0 { _ = engine.applyFunding(symbol: "BTCUSDT", rate: Double.random(in: -0.0003...0.0003, using: &rng), markPrice: price, timeMs: b.openTimeMs) }
            if t % 3 == 0 {
                let side: Side = Bool.random(using: &rng) ? .buy : .sell
                let leg: PositionSide = Bool.random(using: &rng) ? .long : .short
                let type: SimOrderType = Bool.random(using: &rng) ? .market : .limit(price: price * (side == .buy ? 0.995 : 1.005))
                trades += engine.submit(order("o\(t)", side, type, Double.random(in: 1...30, using: &rng), leg: leg), atMs: b.openTimeMs).trades
            }
        }
        trades += engine.closeAll(reason: "end_of_data", timeMs: 2_000 * 60_000).trades
        #expect(trades.count > 20)
        let identity = engine.initialWalletUSD + trades.reduce(0) { $0 + $1.pnlUSD } - trades.reduce(0) { $0 + $1.feesUSD } + engine.fundingUSD
        #expect(abs(engine.walletUSD - identity) < 0.005)
        #expect(abs(engine.navUSD - engine.walletUSD) < 1e-9, "flat book: NAV is the wallet")
    }

    @Test("the same calls give the same events (determinism)")
    func determinism() {
        func run() -> [EngineEvent] {
            var engine = MatchingEngine(initialWalletUSD: 10_000)
            var events: [EngineEvent] = []
            events += engine.submit(order("a", .buy, .market, 3), atMs: 0)
            events += engine.submit(order("b", .sell, .limit(price: 103), 1, leg: .short, tif: .gtx), atMs: 0)
            for t in 1...20 {
                let p = 100 + Double(t % 7)
                events += engine.process(bar: bar(Int64(t), p, p + 2, p - 2, p + 1, volume: 10), symbol: "BTCUSDT")
            }
            return events + engine.closeAll(reason: "end_of_data", timeMs: 21 * 60_000)
        }
        #expect(run() == run())
    }
}
