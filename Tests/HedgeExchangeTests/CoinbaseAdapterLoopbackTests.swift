import AsyncHTTPClient
import Crypto
import Foundation
import HedgeCore
@testable import HedgeExchange
import HedgeTestKit
import HedgeVenueServer
import Logging
import Testing

/// The Coinbase adapter against the loopback Coinbase venue over real sockets on 127.0.0.1: JWT
/// auth, spot accounting, orders idempotent by client order id, streams with sequence-gap resync.
@Suite(.serialized) struct CoinbaseAdapterLoopbackTests {
    static let product = "TEST-USD"

    struct Harness {
        let sim: SimExchange
        let venue: CoinbaseLoopbackVenue
        let client: CoinbaseAdvancedClient
        let replay: SimReplay
        let port: Int
        let http: HTTPClient
        let settings: CoinbaseSettings

        /// A client of the same venue signing with `credentials`.
        func client(with credentials: CoinbaseCredentials) -> CoinbaseAdvancedClient {
            CoinbaseAdvancedClient(restURL: "http://127.0.0.1:\(port)", marketStreamURL: "ws://127.0.0.1:\(port)/ws",
                                   userStreamURL: "ws://127.0.0.1:\(port)/ws/user", credentials: credentials, orderPolicy: .send,
                                   settings: settings, http: http)
        }

        /// The first five closes are replayed before the body runs; `replay.step()` moves on one bar
        /// (the sim fills market orders at the next bar).
        static func with(faults: LoopbackFaults = .none, closes: [Double] = [100, 101, 102, 101, 100, 100, 100, 100],
                         _ body: (Harness) async throws -> Void) async throws {
            let credentials = CoinbaseCredentials(keyName: "organizations/test/apiKeys/loopback", key: .es256(P256.Signing.PrivateKey()))
            var venueConfiguration = CoinbaseLoopbackConfiguration(credentials: credentials)
            venueConfiguration.faults = faults
            let logger = Logger(label: "test.coinbase-loopback")
            let sim = SimExchange(configuration: SimFixture.configuration(wallet: 100_000), clock: ContinuousClock(), logger: logger)
            let replay = SimReplay(exchange: sim, bars: SimFixture.bars(closes))
            for _ in 0..<5 { _ = try await replay.step() }
            let venue = CoinbaseLoopbackVenue(configuration: venueConfiguration, exchange: sim, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await venue.run() }
                let port = try await venue.waitUntilListening()
                var settings = CoinbaseSettings.defaults
                settings.requestTimeout = .seconds(2)
                settings.connectTimeout = .seconds(2)
                settings.requestsPerSecond = 30
                settings.reconnectInitialDelay = .milliseconds(20)
                settings.reconnectMaxDelay = .milliseconds(100)
                let http = CoinbaseAdvancedClient.makeHTTPClient(settings: settings)
                var harness = Harness(sim: sim, venue: venue, client: CoinbaseAdvancedClient(
                    restURL: "http://127.0.0.1:\(port)", marketStreamURL: "", userStreamURL: "", credentials: nil, orderPolicy: .send,
                    settings: settings, http: http), replay: replay, port: port, http: http, settings: settings)
                harness = Harness(sim: sim, venue: venue, client: harness.client(with: credentials), replay: replay, port: port, http: http,
                                  settings: settings)
                let outcome: Result<Void, any Error>
                do {
                    try await harness.client.prepare()
                    try await body(harness)
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
                try? await http.shutdown()
                group.cancelAll()
                try outcome.get()
            }
        }
    }

    static func order(_ id: String, _ side: Side, type: VenueOrderType, quantity: Decimal, price: Decimal? = nil,
                      stopPrice: Decimal? = nil, timeInForce: TimeInForce? = nil) -> VenueOrderRequest {
        VenueOrderRequest(clientOrderId: id, symbol: product, side: side, positionSide: .long, type: type, quantity: quantity,
                          price: price, stopPrice: stopPrice, timeInForce: timeInForce)
    }

    @Test func productsAccountAndBookReadAsSpot() async throws {
        try await Harness.with { harness in
            let filters = try #require(try await harness.client.exchangeInfo()[Self.product])
            #expect(filters.lot.stepSize == Decimal(string: "0.1"))
            #expect(filters.price.tickSize == Decimal(string: "0.001"))
            let account = try await harness.client.account()
            #expect(account.equityUSD == 100_000)
            #expect(account.availableUSD == 100_000)
            #expect(account.marginUSD == 0)
            let top = try await harness.client.bookTicker(symbol: Self.product)
            #expect(top.bidPrice < top.askPrice)
            #expect(try await harness.client.positions().isEmpty)
            #expect(try await harness.client.setLeverage(symbol: Self.product, leverage: 5) == 1)
            // Five-minute candles, as Coinbase streams them: the five warm-up minutes make one.
            let bars = try await harness.client.recentBars(symbol: Self.product, limit: 3)
            #expect(bars == [Bar(openTimeMs: SimFixture.startMs, open: 100, high: 103, low: 99, close: 100, volume: 5_000_000)])
        }
    }

    @Test func aQuoteSizedMarketBuyBecomesAHoldingAndAPostOnlySellRestsUntilCancelled() async throws {
        try await Harness.with { harness in
            let placed = try await harness.client.placeOrder(Self.order("buy-1", .buy, type: .market, quantity: 2))
            #expect(placed.status == .new)
            _ = try await harness.replay.step()
            let bought = try await harness.client.queryOrder(symbol: Self.product, clientOrderId: "buy-1")
            #expect(bought.status == .filled)
            #expect(bought.filledQuantity == 2)
            #expect(bought.positionSide == .long)
            let legs = try await harness.client.positions()
            #expect(legs.map(\.symbol) == [Self.product])
            #expect(legs.first?.quantity == 2)
            #expect(legs.first?.side == .long)
            // Cash went to the holding; NAV is the same money less the taker fee.
            let account = try await harness.client.account()
            #expect(account.walletUSD < 99_800)
            #expect(account.equityUSD > 99_800 && account.equityUSD < 100_000)

            let resting = try await harness.client.placeOrder(Self.order("sell-1", .sell, type: .limit, quantity: 2, price: 150, timeInForce: .gtx))
            #expect(resting.status == .new)
            #expect(try await harness.client.openOrders(symbol: Self.product).map(\.clientOrderId) == ["sell-1"])
            #expect(try await harness.client.queryOrder(symbol: Self.product, clientOrderId: "sell-1").price == 150)
            let cancelled = try await harness.client.cancelOrder(symbol: Self.product, clientOrderId: "sell-1")
            #expect(cancelled.status == .canceled)
            let fills = try await harness.client.userTrades(symbol: Self.product, sinceMs: 0)
            #expect(fills.count == 1)
            #expect(fills.first?.clientOrderId == "buy-1")
            #expect(fills.first?.liquidity == .taker)
        }
    }

    @Test func spotRefusesShortsAndSellingWhatIsNotHeld() async throws {
        try await Harness.with { harness in
            await #expect(throws: ExchangeError.notAllowed("TEST-USD is spot: there are no short legs (order short-1)")) {
                var request = Self.order("short-1", .sell, type: .market, quantity: 1)
                request.positionSide = .short
                _ = try await harness.client.placeOrder(request)
            }
            do {
                _ = try await harness.client.placeOrder(Self.order("sell-2", .sell, type: .market, quantity: 1))
                Issue.record("selling nothing was accepted")
            } catch {
                #expect("\(error)".contains("INSUFFICIENT_FUND"))
            }
            do {
                _ = try await harness.client.placeOrder(Self.order("cross-1", .buy, type: .limit, quantity: 1, price: 150, timeInForce: .gtx))
                Issue.record("a crossing post-only order was accepted")
            } catch let error as ExchangeError {
                #expect(error.isPostOnlyRefusal)
            }
            #expect(await harness.venue.journal().entries.isEmpty)
        }
    }

    @Test func aLostOrderResponseIsResolvedByClientIdWithoutASecondOrder() async throws {
        var faults = LoopbackFaults.none
        faults.lostResponses = [.init(count: 1, method: "POST", path: "/api/v3/brokerage/orders")]
        try await Harness.with(faults: faults) { harness in
            let order = try await harness.client.placeOrder(Self.order("maker-1", .buy, type: .limit, quantity: 1, price: 90, timeInForce: .gtc))
            #expect(order.clientOrderId == "maker-1")
            #expect(order.status == .new)
            let journal = await harness.venue.journal()
            #expect(journal.ordersByClientOrderId["maker-1"] == 1)
            #expect(journal.entries.first?.responseLost == true)
            // Sent again by the caller under the same id: Coinbase answers with the first order.
            let again = try await harness.client.placeOrder(Self.order("maker-1", .buy, type: .limit, quantity: 1, price: 90, timeInForce: .gtc))
            #expect(again.orderId == order.orderId)
            #expect(await harness.venue.journal().ordersByClientOrderId["maker-1"] == 1)
        }
    }

    @Test func aWrongKeyIsRefusedInOneClearLine() async throws {
        try await Harness.with { harness in
            let stranger = harness.client(with: CoinbaseCredentials(keyName: "organizations/test/apiKeys/loopback",
                                                                    key: .es256(P256.Signing.PrivateKey())))
            do {
                _ = try await stranger.account()
                Issue.record("a JWT from another key was accepted")
            } catch let error as ExchangeError {
                guard case .unauthorized(let message) = error else {
                    Issue.record("expected unauthorized, got \(error)")
                    return
                }
                #expect(message == "GET /accounts: Coinbase refused the API key's JWT (401 Unauthorized)")
            }
        }
    }

    @Test func userStreamCarriesFillsWithTheirTradeIdsAndGapsAfterASkippedSequence() async throws {
        try await Harness.with { harness in
            var events = harness.client.userEvents().makeAsyncIterator()
            guard case .gap(let reason)? = try await events.next() else {
                Issue.record("no gap at connect")
                return
            }
            #expect(reason == "user stream connected")
            _ = try await harness.client.placeOrder(Self.order("buy-2", .buy, type: .market, quantity: 1))
            _ = try await harness.replay.step()
            var filled: VenueFill?
            while filled == nil, let event = try await events.next() {
                if case .order(let order, let fill) = event, order.clientOrderId == "buy-2", let fill { filled = fill }
            }
            let trades = try await harness.client.userTrades(symbol: Self.product, sinceMs: 0)
            #expect(filled?.tradeId == trades.first?.tradeId)
            #expect(filled?.quantity == 1)

            harness.venue.skipSequence()
            _ = try await harness.client.placeOrder(Self.order("buy-3", .buy, type: .limit, quantity: 1, price: 90, timeInForce: .gtc))
            var gap: String?
            while gap == nil, let event = try await events.next() {
                if case .gap(let reason) = event { gap = reason }
            }
            #expect(gap?.hasPrefix("user stream sequence gap") == true)
        }
    }

    @Test func marketStreamClosesAFiveMinuteBarWithItsLastMinute() async throws {
        try await Harness.with(closes: [100, 101, 102, 101, 100, 103, 104, 105, 106, 107]) { harness in
            var events = harness.client.marketEvents(symbols: [Self.product]).makeAsyncIterator()
            // The ticker subscription is answered with a snapshot: once it is here, the next bar is seen.
            var subscribed = false
            while !subscribed, let event = try await events.next() {
                if case .book(let symbol, _, _) = event, symbol == Self.product { subscribed = true }
            }
            // The client subscribes to candles before ticker, so the snapshot follows both.
            for _ in 0..<5 { _ = try await harness.replay.step() }
            var bar: Bar?
            while bar == nil, let event = try await events.next() {
                if case .bar(let symbol, let closed) = event, symbol == Self.product { bar = closed }
            }
            #expect(bar == Bar(openTimeMs: SimFixture.startMs + 5 * SimFixture.minuteMs, open: 100, high: 108, low: 99, close: 107,
                               volume: 5_000_000))
        }
    }

    @Test func level2KeepsALocalBookThatDepthReadsAndAMarketGapReconnectsForAFreshOne() async throws {
        try await Harness.with { harness in
            var events = harness.client.marketEvents(symbols: [Self.product]).makeAsyncIterator()
            var openings = await harness.venue.socketOpenings().makeAsyncIterator()
            // The ticker snapshot comes after the level2 snapshot: from here depth is local.
            var subscribed = false
            while !subscribed, let event = try await events.next() {
                if case .book(let symbol, _, _) = event, symbol == Self.product { subscribed = true }
            }
            let requestsBefore = await harness.client.health().requests
            let local = try await harness.client.depth(symbol: Self.product, limit: 5)
            #expect(await harness.client.health().requests == requestsBefore, "depth came from the level2 book, not REST")
            #expect(local == (try await harness.sim.depth(symbol: SimFixture.symbol, limit: 5)))

            // A new bar moves the sim's book: the changed levels arrive before that bar's ticker.
            _ = try await harness.replay.step()
            var moved = false
            while !moved, let event = try await events.next() {
                if case .book(let symbol, _, _) = event, symbol == Self.product { moved = true }
            }
            #expect(try await harness.client.depth(symbol: Self.product, limit: 5) == (try await harness.sim.depth(symbol: SimFixture.symbol, limit: 5)))

            // A skipped sequence number: the client reconnects (a second socket opens) for fresh snapshots.
            while await harness.venue.socketCount() == 0 { _ = await openings.next() }
            _ = await openings.next()
            harness.venue.skipSequence()
            _ = try await harness.replay.step()
            _ = await openings.next()
            #expect(await harness.client.health().reconnects["market"] == 1)
        }
    }
}
