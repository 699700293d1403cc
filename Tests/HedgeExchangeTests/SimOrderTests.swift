import Foundation
import HedgeCore
import HedgeExchange
import Testing

@Suite("Sim venue orders")
struct SimOrderTests {
    typealias F = SimFixture

    /// A venue that has replayed its first bar (close 100) and a replay positioned at the second.
    private func venue(_ closes: [Double] = [100, 102, 101, 103], configuration: SimExchangeConfiguration = F.configuration(),
                       funding: [FundingSeries] = []) async throws -> (SimExchange, SimReplay) {
        let sim = SimExchange(configuration: configuration)
        let replay = SimReplay(exchange: sim, bars: F.bars(closes), funding: funding)
        try await replay.step()
        return (sim, replay)
    }

    @Test("a market order is accepted as NEW, fills at the next bar's open and is then queryable as FILLED with exact decimals")
    func marketRoundTrip() async throws {
        let (sim, replay) = try await venue()
        let placed = try await sim.placeOrder(F.order("m-1", quantity: "1.5"))
        #expect(placed.status == .new)
        #expect(placed.quantity == F.decimal("1.5"))
        #expect(placed.filledQuantity == 0)
        try await replay.step()
        let filled = try await sim.queryOrder(symbol: F.symbol, clientOrderId: "m-1")
        #expect(filled.status == .filled)
        #expect(filled.filledQuantity == F.decimal("1.5"))
        #expect(filled.averagePrice == 100)
        let trades = try await sim.userTrades(symbol: F.symbol, sinceMs: 0)
        #expect(trades.count == 1)
        #expect(trades.first?.tradeId == "1")
        #expect(trades.first?.quantity == F.decimal("1.5"))
        #expect(trades.first?.price == 100)
        #expect(trades.first?.liquidity == .taker)
        #expect(trades.first?.feeUSD == F.decimal("0.06"))
        let positions = try await sim.positions()
        #expect(positions.map(\.side) == [.long])
        #expect(positions.first?.quantity == F.decimal("1.5"))
        #expect(positions.first?.entryPrice == 100)
        #expect(try await sim.openOrders(symbol: nil).isEmpty)
    }

    @Test("a resting GTC limit is listed open, cancels to CANCELED, stays queryable, and a second cancel is an unknown order")
    func limitCancelRoundTrip() async throws {
        let (sim, replay) = try await venue()
        _ = try await sim.placeOrder(F.order("l-1", type: .limit, quantity: "2", price: "90.125", timeInForce: .gtc))
        try await replay.step()
        let open = try await sim.openOrders(symbol: F.symbol)
        #expect(open.map(\.clientOrderId) == ["l-1"])
        #expect(open.first?.price == F.decimal("90.125"))
        let canceled = try await sim.cancelOrder(symbol: F.symbol, clientOrderId: "l-1")
        #expect(canceled.status == .canceled)
        #expect(canceled.reason == "canceled_by_client")
        #expect(try await sim.queryOrder(symbol: F.symbol, clientOrderId: "l-1").status == .canceled)
        #expect(try await sim.openOrders(symbol: nil).isEmpty)
        await #expect(throws: ExchangeError.unknownOrder(clientOrderId: "l-1")) {
            try await sim.cancelOrder(symbol: F.symbol, clientOrderId: "l-1")
        }
        await #expect(throws: ExchangeError.unknownOrder(clientOrderId: "nope")) {
            try await sim.queryOrder(symbol: F.symbol, clientOrderId: "nope")
        }
    }

    @Test("an IOC limit that is not marketable on arrival expires, and a marketable one fills as taker")
    func immediateOrCancel() async throws {
        let (sim, replay) = try await venue()
        _ = try await sim.placeOrder(F.order("ioc-rest", type: .limit, quantity: "1", price: "99.5", timeInForce: .ioc))
        _ = try await sim.placeOrder(F.order("ioc-take", type: .limit, quantity: "1", price: "100.5", timeInForce: .ioc))
        try await replay.step()
        let resting = try await sim.queryOrder(symbol: F.symbol, clientOrderId: "ioc-rest")
        #expect(resting.status == .expired)
        #expect(resting.reason == "ioc_unfilled_remainder")
        let taken = try await sim.queryOrder(symbol: F.symbol, clientOrderId: "ioc-take")
        #expect(taken.status == .filled)
        #expect(taken.averagePrice == 100)
        #expect(try await sim.userTrades(symbol: F.symbol, sinceMs: 0).map(\.liquidity) == [.taker])
    }

    @Test("a post-only order that would cross the quoted book is rejected with -5022; one below the bid rests and fills as maker")
    func postOnly() async throws {
        let (sim, replay) = try await venue()
        let book = try await sim.bookTicker(symbol: F.symbol)
        #expect(book.bidPrice == F.decimal("99.95"))
        #expect(book.askPrice == F.decimal("100.05"))
        await #expect(throws: ExchangeError.orderRejected(code: -5022, reason: "post_only_would_cross")) {
            try await sim.placeOrder(F.order("gtx-cross", type: .limit, quantity: "1", price: "100.05", timeInForce: .gtx))
        }
        _ = try await sim.placeOrder(F.order("gtx-rest", type: .limit, quantity: "1", price: "99.5", timeInForce: .gtx))
        try await replay.step()
        let order = try await sim.queryOrder(symbol: F.symbol, clientOrderId: "gtx-rest")
        #expect(order.status == .filled)
        #expect(order.averagePrice == F.decimal("99.5"))
        #expect(try await sim.userTrades(symbol: F.symbol, sinceMs: 0).map(\.liquidity) == [.maker])
    }

    @Test("a trigger the market is already past is refused as Binance's -2021 (triggerAlreadyPassed); one short of it rests")
    func passedTrigger() async throws {
        let (sim, _) = try await venue()
        // Mid 100: a long's stop (SELL STOP_MARKET) at 100.5 is already passed, at 99 it rests;
        // a long's take-profit (SELL TAKE_PROFIT_MARKET) at 99.5 is already passed.
        await #expect(throws: ExchangeError.triggerAlreadyPassed("would_immediately_trigger")) {
            try await sim.placeOrder(F.order("stop-passed", .sell, .long, type: .stopMarket, quantity: "1", stopPrice: "100.5"))
        }
        await #expect(throws: ExchangeError.triggerAlreadyPassed("would_immediately_trigger")) {
            try await sim.placeOrder(F.order("tp-passed", .sell, .long, type: .takeProfitMarket, quantity: "1", stopPrice: "99.5"))
        }
        let resting = try await sim.placeOrder(F.order("stop-rests", .sell, .long, type: .stopMarket, quantity: "1", stopPrice: "99"))
        #expect(resting.status == .new)
    }

    @Test("refusals carry Binance's codes", arguments: [
        (SimFixture.order("r", quantity: "1.55"), -1111),
        (SimFixture.order("r", type: .limit, quantity: "1", price: "99.0005"), -4014),
        (SimFixture.order("r", type: .limit, quantity: "0.1", price: "40"), -4164),
        (SimFixture.order("r", type: .limit, quantity: "1"), -1102),
        (SimFixture.order("r", quantity: "200"), -2019),
    ])
    func rejectionCodes(request: VenueOrderRequest, code: Int) async throws {
        let (sim, _) = try await venue()
        do {
            _ = try await sim.placeOrder(request)
            Issue.record("expected a rejection")
        } catch {
            guard case .orderRejected(let got, _) = error else {
                Issue.record("expected orderRejected, got \(error)")
                return
            }
            #expect(got == code)
        }
        #expect(try await sim.openOrders(symbol: nil).isEmpty)
    }

    @Test("a second order with the client id of a working order is a duplicate; the id is free again once it finished")
    func duplicateClientOrderId() async throws {
        let (sim, replay) = try await venue()
        _ = try await sim.placeOrder(F.order("dup"))
        await #expect(throws: ExchangeError.duplicateOrder(clientOrderId: "dup")) {
            try await sim.placeOrder(F.order("dup"))
        }
        try await replay.step()
        let again = try await sim.placeOrder(F.order("dup", .sell))
        #expect(again.status == .new)
    }

    @Test("orders on a symbol the venue has never seen are refused as unknown symbol")
    func unknownSymbol() async throws {
        let (sim, _) = try await venue()
        var request = F.order("x")
        request.symbol = "NOPEUSDT"
        await #expect(throws: ExchangeError.unknownSymbol("NOPEUSDT")) { try await sim.placeOrder(request) }
    }

    @Test("after a fill the account's NAV is the wallet plus the unrealized PnL at the last close")
    func navAfterFill() async throws {
        let (sim, replay) = try await venue()
        _ = try await sim.placeOrder(F.order("nav", quantity: "1.5"))
        try await replay.step()
        let account = try await sim.account()
        // Bought 1.5 at 100 (fee 4 bps = 0.06); the bar closed at 102.
        #expect(abs(account.walletUSD - (10_000 - 0.06)) < 1e-9)
        #expect(abs(account.unrealizedPnlUSD - 3) < 1e-9)
        #expect(account.equityUSD == account.walletUSD + account.unrealizedPnlUSD)
        #expect(abs(account.marginUSD - 150) < 1e-9)
        let positions = try await sim.positions()
        #expect(positions.first.map { abs($0.unrealizedPnlUSD - account.unrealizedPnlUSD) < 1e-9 } == true)
    }

    @Test("a funding settlement passed by the replay moves the wallet and is announced as an account update")
    func fundingChangesWallet() async throws {
        let funding = FundingSeries(symbol: F.symbol, rates: [FundingRate(timeMs: F.startMs + 90_000, rate: 0.001)])
        let (sim, replay) = try await venue(funding: [funding])
        let user = sim.userEvents()
        _ = try await sim.placeOrder(F.order("f", quantity: "1.5"))
        try await replay.step()
        let before = try await sim.account().walletUSD
        try await replay.step()
        let after = try await sim.account().walletUSD
        // The long pays 0.1 % of 1.5 × 102 (the next bar's open) = 0.153.
        #expect(abs((before - after) - 0.153) < 1e-9)
        let mark = try await sim.markPrice(symbol: F.symbol)
        #expect(mark.markPrice == 101)
        await sim.finishStreams()
        let accounts = try await F.drain(user).compactMap { event -> AccountSnapshot? in
            if case .account(let snapshot) = event { return snapshot }
            return nil
        }
        #expect(accounts.count == 2)
        #expect(accounts.last.map { abs($0.walletUSD - after) < 1e-12 } == true)
    }

    @Test("finished orders are remembered up to the history limit, oldest forgotten first")
    func boundedOrderHistory() async throws {
        let (sim, _) = try await venue(configuration: F.configuration(orderHistoryLimit: 2))
        for id in ["h-1", "h-2", "h-3"] {
            _ = try await sim.placeOrder(F.order(id, type: .limit, quantity: "1", price: "90"))
            _ = try await sim.cancelOrder(symbol: F.symbol, clientOrderId: id)
        }
        await #expect(throws: ExchangeError.unknownOrder(clientOrderId: "h-1")) {
            try await sim.queryOrder(symbol: F.symbol, clientOrderId: "h-1")
        }
        #expect(try await sim.queryOrder(symbol: F.symbol, clientOrderId: "h-2").status == .canceled)
        #expect(try await sim.queryOrder(symbol: F.symbol, clientOrderId: "h-3").status == .canceled)
    }

    @Test("trade ids increase across fills and orders")
    func monotoneTradeIds() async throws {
        let (sim, replay) = try await venue()
        _ = try await sim.placeOrder(F.order("t-1", quantity: "1"))
        try await replay.step()
        _ = try await sim.placeOrder(F.order("t-2", .sell, quantity: "1"))
        _ = try await sim.placeOrder(F.order("t-3", .sell, .short, quantity: "1"))
        try await replay.step()
        let ids = try await sim.userTrades(symbol: F.symbol, sinceMs: 0).compactMap { Int($0.tradeId) }
        #expect(ids == [1, 2, 3])
    }
}
