import AsyncHTTPClient
import Foundation
import HedgeCore
@testable import HedgeExchange
import HedgeTestKit
import HedgeVenueServer
import Logging
import Synchronization
import Testing

/// The real Binance adapter against the loopback venue over real sockets on 127.0.0.1, one fault
/// class at a time. Timeouts are short settings, not sleeps.
@Suite(.serialized) struct BinanceAdapterLoopbackTests {
    /// A loopback venue over a sim market with some history (so there is a book) and a client on
    /// it. `with` builds them, runs the test, and always shuts the client down and stops the venue
    /// before it returns.
    struct Harness {
        let sim: SimExchange
        let venue: LoopbackVenue
        let client: BinanceUSDMClient
        /// The market's bars after the five of warm-up: `step()` moves the venue one bar on.
        let replay: SimReplay

        /// 2025-01-01T00:10:00Z: where the wall clock of a manual-clock harness starts.
        static let startWallMs: Int64 = 1_735_690_200_000

        /// - Parameter clock: when given, every wait of the client (timeouts, Retry-After, retry
        ///   pauses, stream timers) and of the venue (delay faults), and both wall clocks, run on
        ///   it: the test moves time by hand. Otherwise real time.
        /// - Parameter closes: the market's bar closes; the first five are replayed before the body runs.
        static func with(faults: LoopbackFaults = .none, orderPolicy: BinanceUSDMClient.OrderPolicy = .send,
                         requestTimeout: Duration = .seconds(2), clock manual: ManualClock? = nil,
                         closes: [Double] = [100, 101, 102, 101, 100],
                         _ body: (Harness) async throws -> Void) async throws {
            let clock: any Clock<Duration> = manual ?? ContinuousClock()
            let wallClockMs: @Sendable () -> Int64
            if let manual {
                wallClockMs = { startWallMs + manual.now.offset.wholeMilliseconds }
            } else {
                wallClockMs = LoopbackVenueConfiguration.systemWallClockMs
            }
            let key = "loopback-test-key", secret = "loopback-test-secret"
            let market = try await LoopbackMarket(
                venue: LoopbackVenueConfiguration(apiKey: key, apiSecret: secret, faults: faults, wallClockMs: wallClockMs, clock: clock),
                sim: SimFixture.configuration(wallet: 100_000),
                makeReplay: { SimReplay(exchange: $0, bars: SimFixture.bars(closes)) }, warmUpBars: 5,
                logger: Logger(label: "test.loopback"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await market.venue.run() }
                let port = try await market.venue.waitUntilListening()
                var settings = BinanceSettings.defaults
                settings.requestTimeout = requestTimeout
                settings.connectTimeout = .seconds(2)
                settings.reconnectInitialDelay = .milliseconds(20)
                settings.reconnectMaxDelay = .milliseconds(100)
                let http = BinanceUSDMClient.makeHTTPClient(settings: settings)
                let client = BinanceUSDMClient(restURL: "http://127.0.0.1:\(port)", streamURL: "ws://127.0.0.1:\(port)",
                                               credentials: BinanceCredentials(apiKey: key, secret: secret), orderPolicy: orderPolicy,
                                               settings: settings, http: http, clock: clock, wallClockMs: wallClockMs)
                let outcome: Result<Void, any Error>
                do {
                    try await client.prepare()
                    try await body(Harness(sim: market.exchange, venue: market.venue, client: client, replay: market.replay))
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

    static func limitBuy(_ id: String, price: String = "90") -> VenueOrderRequest {
        SimFixture.order(id, .buy, .long, type: .limit, quantity: "1", price: price, timeInForce: .gtc)
    }

    @Test func placeQueryCancelRoundTrip() async throws {
        try await Harness.with() { harness in
            let client = harness.client
            #expect(try await client.exchangeInfo()[SimFixture.symbol] != nil)
            let book = try await client.bookTicker(symbol: SimFixture.symbol)
            #expect(book.isValid)
            let placed = try await client.placeOrder(Self.limitBuy("hm-roundtrip"))
            #expect(placed.clientOrderId == "hm-roundtrip" && placed.status == .new && placed.price == 90)
            let queried = try await client.queryOrder(symbol: SimFixture.symbol, clientOrderId: "hm-roundtrip")
            #expect(queried.orderId == placed.orderId)
            #expect(try await client.openOrders(symbol: nil).map(\.clientOrderId) == ["hm-roundtrip"])
            let canceled = try await client.cancelOrder(symbol: SimFixture.symbol, clientOrderId: "hm-roundtrip")
            #expect(canceled.status == .canceled)
            await #expect(throws: ExchangeError.unknownOrder(clientOrderId: "hm-none")) {
                try await client.queryOrder(symbol: SimFixture.symbol, clientOrderId: "hm-none")
            }
            let account = try await client.account()
            #expect(account.walletUSD == 100_000)
            #expect(try await client.isHedgeMode())
        }
    }

    @Test func marketDataAndTradesOverREST() async throws {
        try await Harness.with() { harness in
            let client = harness.client
            let bars = try await client.klines(symbol: SimFixture.symbol, interval: "1m", limit: 10)
            // The sim's five closed bars (100, 101, 102, 101, 100), oldest first.
            #expect(bars.map(\.close) == [100, 101, 102, 101, 100])
            let depth = try await client.depth(symbol: SimFixture.symbol, limit: 5)
            #expect(depth.bids.first.map { $0.price < depth.asks.first?.price ?? 0 } == true)
            // The sim's five replayed minutes, extrapolated to a day: Σ close × volume × 1 440 / 5.
            let dayValue = try await client.quoteVolume24h(symbol: SimFixture.symbol)
            #expect(abs(dayValue - (100 + 101 + 102 + 101 + 100) * 1_000_000 * 288) < 1)
            #expect(try await client.markPrice(symbol: SimFixture.symbol).markPrice == 100)
            let placed = try await client.placeOrder(SimFixture.order("ht-trade", quantity: "2"))
            let replay = SimReplay(exchange: harness.sim, bars: [SimFixture.bar(5, open: 100, high: 101, low: 99, close: 100)])
            try await replay.step()
            let trades = try await client.userTrades(symbol: SimFixture.symbol, sinceMs: 0)
            #expect(trades.count == 1)
            #expect(trades.first?.orderId == placed.orderId && trades.first?.quantity == 2 && trades.first?.liquidity == .taker)
            let position = try #require(try await client.positions().first)
            #expect(position.side == .long && position.quantity == 2)
        }
    }

    @Test func aLostResponseIsQueriedNeverSentTwice() async throws {
        let clock = ManualClock()
        try await Harness.with(faults: LoopbackFaults(lostResponses: [.init(count: 1)]), clock: clock) { harness in
            let placing = Task { try await harness.client.placeOrder(Self.limitBuy("hm-lost")) }
            // The order landed but its answer was lost: the client pauses on its clock, then asks by id.
            await Self.until { clock.hasSleeper(until: .milliseconds(200)) }
            #expect(await harness.venue.journal().ordersByClientOrderId["hm-lost"] == 1)
            clock.advance(by: .milliseconds(200))
            let order = try await placing.value
            #expect(order.clientOrderId == "hm-lost")
            let journal = await harness.venue.journal()
            #expect(journal.ordersByClientOrderId["hm-lost"] == 1)
            #expect(journal.duplicatedClientOrderIds.isEmpty)
            #expect(await harness.client.health().retries["unknown_outcome"] == 1)
        }
    }

    /// Advances `clock` 100 ms at a time while `client` has nothing on the wire, until `done`.
    static func driveWhileIdle(_ clock: ManualClock, _ client: BinanceUSDMClient, until done: LockedValue<Bool>) async {
        while !done.value {
            await Self.until {
                if done.value { return true }
                let inFlight = await client.rest.requestsInFlight
                return clock.sleeperCount > 0 && inFlight == 0
            }
            clock.advance(by: .milliseconds(100))
        }
    }

    @Test("a MARKET order whose answer comes after the timeout is found by query, never re-sent: one order at the venue")
    func aLateMarketAnswerIsFoundByQuery() async throws {
        let clock = ManualClock()
        let faults = LoopbackFaults(delays: [.init(seconds: 2, count: 1, method: "POST", path: "/fapi/v1/order", phase: .after)])
        try await Harness.with(faults: faults, requestTimeout: .milliseconds(300), clock: clock) { harness in
            let client = harness.client
            let finished = LockedValue(false)
            let placing = Task {
                defer { finished.withLock { $0 = true } }
                return try await client.placeOrder(SimFixture.order("hm-mkt", .buy, .long, type: .market, quantity: "1"))
            }
            // The venue took the order and holds its answer 2 s; the client gives up at 300 ms.
            await Self.until { clock.hasSleeper(until: .seconds(2)) && clock.hasSleeper(until: .milliseconds(300)) }
            clock.advance(by: .milliseconds(300))
            await Self.driveWhileIdle(clock, client, until: finished)
            let order = try await placing.value
            #expect(order.clientOrderId == "hm-mkt")
            let journal = await harness.venue.journal()
            #expect(journal.ordersByClientOrderId["hm-mkt"] == 1)
            #expect(journal.duplicatedClientOrderIds.isEmpty)
        }
    }

    @Test("a MARKET order refused with a 5xx before the venue processed it is never re-sent: unknown to the venue after recvWindow, it never landed")
    func aMarketOrderWithAnUnknownOutcomeIsNeverResent() async throws {
        let clock = ManualClock()
        let faults = LoopbackFaults(serverErrors: [.init(status: 503, count: 1, method: "POST", path: "/fapi/v1/order", phase: .before)])
        try await Harness.with(faults: faults, clock: clock) { harness in
            let client = harness.client
            let finished = LockedValue(false)
            let placing = Task {
                defer { finished.withLock { $0 = true } }
                return try await client.placeOrder(SimFixture.order("hm-mkt-5xx", .buy, .long, type: .market, quantity: "1"))
            }
            await Self.driveWhileIdle(clock, client, until: finished)
            await #expect(throws: ExchangeError.unknownOrder(clientOrderId: "hm-mkt-5xx")) { try await placing.value }
            // A limit order in the same spot is sent again (a5xxBeforeProcessingIsQueriedThenSentOnce); this one never is.
            #expect(await harness.venue.journal().ordersByClientOrderId["hm-mkt-5xx"] == nil)
            #expect((await client.health().retries["unknown_outcome"] ?? 0) >= 5, "queried through the recvWindow")
        }
    }

    @Test func a5xxBeforeProcessingIsQueriedThenSentOnce() async throws {
        let clock = ManualClock()
        let faults = LoopbackFaults(serverErrors: [.init(status: 503, count: 1, method: "POST", path: "/fapi/v1/order", phase: .before)])
        try await Harness.with(faults: faults, clock: clock) { harness in
            let placing = Task { try await harness.client.placeOrder(Self.limitBuy("hm-5xx")) }
            await Self.until { clock.hasSleeper(until: .milliseconds(200)) }
            // Nothing landed: the query finds nothing and the order is sent again, once.
            #expect(await harness.venue.journal().ordersByClientOrderId["hm-5xx"] == nil)
            clock.advance(by: .milliseconds(200))
            let order = try await placing.value
            #expect(order.status == .new)
            #expect(await harness.venue.journal().ordersByClientOrderId["hm-5xx"] == 1)
        }
    }

    @Test func a5xxAfterProcessingFindsTheOrderThatLanded() async throws {
        let clock = ManualClock()
        let faults = LoopbackFaults(serverErrors: [.init(status: 502, count: 1, method: "POST", path: "/fapi/v1/order", phase: .after)])
        try await Harness.with(faults: faults, clock: clock) { harness in
            let placing = Task { try await harness.client.placeOrder(Self.limitBuy("hm-5xx-after")) }
            await Self.until { clock.hasSleeper(until: .milliseconds(200)) }
            clock.advance(by: .milliseconds(200))
            let order = try await placing.value
            #expect(order.clientOrderId == "hm-5xx-after")
            #expect(await harness.venue.journal().ordersByClientOrderId["hm-5xx-after"] == 1)
        }
    }

    @Test func aReadThatTimesOutIsRetried() async throws {
        let clock = ManualClock()
        let faults = LoopbackFaults(delays: [.init(seconds: 2, count: 1, method: "GET", path: "/fapi/v2/positionRisk")])
        try await Harness.with(faults: faults, requestTimeout: .milliseconds(300), clock: clock) { harness in
            let reading = Task { try await harness.client.positions() }
            // The venue holds its answer 2 s; the client gives up at 300 ms, on its clock …
            await Self.until { clock.hasSleeper(until: .seconds(2)) && clock.hasSleeper(until: .milliseconds(300)) }
            clock.advance(by: .milliseconds(300))
            // … pauses 100 ms and reads again; the delay fault is spent, so the answer comes at once.
            await Self.until { clock.hasSleeper(until: .milliseconds(400)) }
            clock.advance(by: .milliseconds(100))
            let positions = try await reading.value
            #expect(positions.isEmpty)
            #expect(await harness.client.health().retries["transport"] == 1)
        }
    }

    @Test func clockSkewIsResyncedAfterMinus1021() async throws {
        try await Harness.with() { harness in
            await harness.venue.setFaults(LoopbackFaults(clockSkewMs: 30_000))
            let account = try await harness.client.account()
            #expect(account.walletUSD == 100_000)
            let health = await harness.client.health()
            #expect(health.retries["timestamp"] == 1)
            #expect(abs(health.clockOffsetMs - 30_000) < 2_000)
        }
    }

    @Test func a429WaitsRetryAfterAndSucceeds() async throws {
        let clock = ManualClock()
        let faults = LoopbackFaults(rateLimits: [.init(count: 1, retryAfterSeconds: 1, method: "GET", path: "/fapi/v2/account")])
        try await Harness.with(faults: faults, clock: clock) { harness in
            let reading = Task { try await harness.client.account() }
            // Refused with Retry-After: 1; nothing is sent again until that second has passed.
            await Self.until { clock.hasSleeper(until: .seconds(1)) }
            let sent = await harness.client.health().requests
            clock.advance(by: .seconds(1))
            let account = try await reading.value
            #expect(account.walletUSD == 100_000)
            let health = await harness.client.health()
            #expect(health.requests == sent + 1)
            #expect(health.retries["rate_limited"] == 1)
        }
    }

    @Test("a burst of reads and an order meeting two 429s in a row is held at one gate: every call succeeds and the venue never bans")
    func a429BurstNeverEscalatesToABan() async throws {
        let clock = ManualClock()
        let faults = LoopbackFaults(rateLimits: [.init(count: 2, retryAfterSeconds: 1, method: "GET", path: "/fapi/v2/account")])
        try await Harness.with(faults: faults, clock: clock) { harness in
            let client = harness.client
            let burst = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { _ = try await client.account() }
                    group.addTask { _ = try await client.positions() }
                    group.addTask { _ = try await client.openOrders(symbol: nil) }
                    group.addTask { _ = try await client.bookTicker(symbol: SimFixture.symbol) }
                    group.addTask { _ = try await client.exchangeInfo() }
                    group.addTask { _ = try await client.userTrades(symbol: SimFixture.symbol, sinceMs: 0) }
                    group.addTask { _ = try await client.placeOrder(Self.limitBuy("hm-burst")) }
                    try await group.waitForAll()
                }
            }
            // Each Retry-After passes on the test's clock once nothing is in flight (so no request
            // timeout fires); the calls finish without a ban.
            let finished = Mutex(false)
            let watcher = Task {
                _ = await burst.result
                finished.withLock { $0 = true }
            }
            while !finished.withLock({ $0 }) {
                await Self.until {
                    if finished.withLock({ $0 }) { return true }
                    let inFlight = await client.rest.requestsInFlight
                    return clock.sleeperCount > 0 && inFlight == 0
                }
                clock.advance(by: .seconds(1))
            }
            await watcher.value
            try await burst.value
            #expect(await client.health().alerts.isEmpty)
            #expect(await harness.venue.journal().entries.map(\.clientOrderId) == ["hm-burst"])
        }
    }

    @Test func a418BanStopsRequestsAndRaisesAnAlert() async throws {
        try await Harness.with() { harness in
            await harness.venue.setFaults(LoopbackFaults(ban: .init(retryAfterSeconds: 120)))
            await #expect {
                try await harness.client.account()
            } throws: { error in
                guard case .rateLimited(_, true) = error as? ExchangeError else { return false }
                return true
            }
            // Disarmed at the venue, the client still refuses to send until the ban ends.
            await harness.venue.setFaults(.none)
            let before = await harness.client.health().requests
            await #expect(throws: ExchangeError.self) { try await harness.client.bookTicker(symbol: SimFixture.symbol) }
            let health = await harness.client.health()
            #expect(health.requests == before)
            #expect(health.alerts.contains { $0.hasPrefix("ip_banned until") })
        }
    }

    @Test func doctorPassesOnAHealthyVenueAndNamesWhatIsWrong() async throws {
        try await Harness.with() { harness in
            let credentials = BinanceCredentials(apiKey: "loopback-test-key", secret: "loopback-test-secret")
            let checks = await BinanceDoctor.run(client: harness.client, credentials: credentials, recvWindowMs: 5000)
            #expect(checks.map(\.name) == ["credentials", "connectivity", "clock skew", "exchange info", "account", "position mode",
                                            "open orders", "positions", "rate limits"])
            #expect(checks.allSatisfy { $0.outcome == .ok }, "\(checks)")
            #expect(checks.first { $0.name == "account" }?.detail.contains("NAV 100000.00 USD") == true)
            #expect(!checks.map(\.description).joined().contains("loopback-test-secret"))

            // A skewed venue clock beyond half the window fails the skew check, saying so.
            await harness.venue.setFaults(LoopbackFaults(clockSkewMs: 4_000))
            let skewed = await BinanceDoctor.run(client: harness.client, credentials: credentials, recvWindowMs: 5000)
            let skew = try #require(skewed.first { $0.name == "clock skew" })
            #expect(skew.outcome == .failed && skew.detail.contains("sync NTP"))
        }
    }

    @Test("a venue answering with hostile values everywhere: every call fails with a malformed answer naming what is wrong, none traps; doctor says so")
    func hostileValuesNeverTrap() async throws {
        try await Harness.with() { harness in
            await harness.venue.setFaults(LoopbackFaults(hostileValues: true))
            let client = harness.client
            var failures: [String: ExchangeError] = [:]
            func attempt<T>(_ name: String, _ call: () async throws(ExchangeError) -> T) async {
                do {
                    _ = try await call()
                } catch {
                    failures[name] = error
                }
            }
            await attempt("time") { () async throws(ExchangeError) in try await client.rest.syncTime() }
            await attempt("exchangeInfo") { () async throws(ExchangeError) in try await client.exchangeInfo() }
            await attempt("account") { () async throws(ExchangeError) in try await client.account() }
            await attempt("positions") { () async throws(ExchangeError) in try await client.positions() }
            await attempt("bookTicker") { () async throws(ExchangeError) in try await client.bookTicker(symbol: SimFixture.symbol) }
            await attempt("klines") { () async throws(ExchangeError) in try await client.klines(symbol: SimFixture.symbol, interval: "1m", limit: 5) }
            await attempt("placeOrder") { () async throws(ExchangeError) in try await client.placeOrder(Self.limitBuy("hm-hostile")) }
            // Each answer full of nan, inf, 1e400, 40 digits and Int64.min is refused as malformed, naming a field.
            for name in ["time", "account", "bookTicker", "klines"] {
                guard case .malformedResponse(let what)? = failures[name] else {
                    Issue.record("\(name): expected a malformed answer, got \(String(describing: failures[name]))")
                    continue
                }
                #expect(!what.isEmpty)
            }
            let credentials = BinanceCredentials(apiKey: "loopback-test-key", secret: "loopback-test-secret")
            let checks = await BinanceDoctor.run(client: client, credentials: credentials, recvWindowMs: 5000)
            #expect(checks.contains { $0.outcome == .failed }, "\(checks)")
            #expect(await client.health().alerts.isEmpty, "hostile headers are not a ban")
        }
    }

    @Test("bodies cut short fail as malformed, a 10 MiB body is read, one past 32 MiB fails as malformed without a retry")
    func truncatedAndOversizedBodies() async throws {
        // Tens of MiB through a debug build on a busy host take seconds: a timeout is not what is tested here.
        try await Harness.with(requestTimeout: .seconds(60)) { harness in
            let expected = try await harness.client.account()
            await harness.venue.setFaults(LoopbackFaults(mangledBodies: .truncate))
            do throws(ExchangeError) {
                _ = try await harness.client.account()
                Issue.record("a truncated answer was accepted")
            } catch {
                guard case .malformedResponse(let what) = error else { Issue.record("truncate: \(error)"); return }
                #expect(what.contains("/fapi/v2/account"), "\(what)")
            }
            await harness.venue.setFaults(LoopbackFaults(mangledBodies: .pad10MiB))
            let padded = try await harness.client.account()
            #expect(padded.equityUSD == expected.equityUSD && padded.walletUSD == expected.walletUSD, "\(padded) vs \(expected)")
            await harness.venue.setFaults(LoopbackFaults(mangledBodies: .oversize40MiB))
            let before = await harness.client.health().requests
            do throws(ExchangeError) {
                _ = try await harness.client.account()
                Issue.record("a 40 MiB answer was accepted")
            } catch {
                #expect(error == .malformedResponse("GET /fapi/v2/account: body over 32 MiB"), "\(error)")
            }
            #expect(await harness.client.health().requests == before + 1, "not retried")
        }
    }

    /// Waits (yielding, no time passes) until `count` tasks sleep on the manual clock: the
    /// stream loops sleep on it once their connection is up.
    static func waitForSleepers(_ clock: ManualClock, _ count: Int) async {
        await until { clock.sleeperCount >= count }
    }

    /// Yields until `condition` holds; records an issue (instead of hanging) if it never does.
    static func until(_ condition: () async -> Bool) async {
        for _ in 0..<2_000_000 {
            if await condition() { return }
            await Task.yield()
        }
        Issue.record("condition never held")
    }

    @Test func marketStreamDeliversBarsAndRollsOverBeforeTheVenueLimit() async throws {
        let clock = ManualClock()
        try await Harness.with(clock: clock) { harness in
            let replay = SimReplay(exchange: harness.sim, bars: (5..<20).map { SimFixture.bar($0, open: 100, high: 101, low: 99, close: 100) })
            var events = harness.client.marketEvents(symbols: [SimFixture.symbol]).makeAsyncIterator()
            await Self.waitForSleepers(clock, 1)  // connected: the rollover timer is armed
            try await replay.step()
            var bar: Bar?
            while bar == nil, let event = try await events.next() {
                if case .bar(_, let next) = event { bar = next }
            }
            #expect(bar?.openTimeMs == SimFixture.startMs + 5 * SimFixture.minuteMs)
            // 23 h later the connection is replaced on Hedge's terms, and bars flow on the new one.
            clock.advance(by: BinanceSettings.defaults.streamRollover)
            await Self.waitForSleepers(clock, 1)  // the reconnect backoff
            clock.advance(by: .seconds(1))
            await Self.until { harness.client.stats.snapshot["market"] == 1 }
            await Self.waitForSleepers(clock, 1)  // reconnected: a new rollover timer
            try await replay.step()
            var next: Bar?
            while next == nil, let event = try await events.next() {
                if case .bar(_, let b) = event { next = b }
            }
            #expect(next?.openTimeMs == SimFixture.startMs + 6 * SimFixture.minuteMs)
        }
    }

    @Test func theListenKeyIsKeptAliveOnItsInterval() async throws {
        let clock = ManualClock()
        try await Harness.with(clock: clock) { harness in
            var events = harness.client.userEvents().makeAsyncIterator()
            guard case .gap? = try await events.next() else { Issue.record("no opening gap"); return }
            await Self.waitForSleepers(clock, 2)  // rollover timer and keep-alive timer
            let before = await harness.client.health().requests
            clock.advance(by: BinanceSettings.defaults.listenKeyKeepAlive)
            await Self.until { await harness.client.health().requests > before }
            #expect(await harness.client.health().requests == before + 1)
            #expect(harness.client.stats.snapshot["user"] == nil)  // kept alive: no reconnect
        }
    }

    @Test("leverage is set with POST /fapi/v1/leverage and read back; positionRisk reports it for a flat leg too")
    func leverageIsSetOnTheVenue() async throws {
        try await Harness.with() { harness in
            let confirmed = try await harness.client.setLeverage(symbol: SimFixture.symbol, leverage: 7)
            #expect(confirmed == 7)
            #expect(await harness.sim.leverage(symbol: SimFixture.symbol) == 7)
            let readBack = try await harness.client.currentLeverage(symbol: SimFixture.symbol)
            #expect(readBack == 7)
            await #expect(throws: ExchangeError.self) { try await harness.client.setLeverage(symbol: SimFixture.symbol, leverage: 126) }
            #expect(await harness.sim.leverage(symbol: SimFixture.symbol) == 7)
        }
    }

    @Test("dry-run changes no leverage on the venue: it reads the current one")
    func dryRunReadsLeverage() async throws {
        try await Harness.with(orderPolicy: .dryRun) { harness in
            let current = try await harness.client.setLeverage(symbol: SimFixture.symbol, leverage: 20)
            #expect(current == 1)
            #expect(await harness.sim.leverage(symbol: SimFixture.symbol) == 1)
        }
    }

    @Test func dryRunNeverCallsAnOrderEndpoint() async throws {
        try await Harness.with(orderPolicy: .dryRun) { harness in
            await #expect(throws: ExchangeError.notAllowed("dry-run never sends orders")) {
                try await harness.client.placeOrder(Self.limitBuy("hm-dry"))
            }
            #expect(await harness.venue.journal().entries.isEmpty)
        }
    }

    @Test func userStreamDeliversFillsAndSignalsAGapAfterADroppedSocket() async throws {
        try await Harness.with() { harness in
            var events = harness.client.userEvents().makeAsyncIterator()
            // Every connection opens with a gap (resync), so the stream is up once it arrives.
            guard case .gap(let first)? = try await events.next() else { Issue.record("no opening gap"); return }
            #expect(first == "user stream connected")
            _ = try await harness.client.placeOrder(Self.limitBuy("hm-stream"))
            var sawNew = false
            while !sawNew, let event = try await events.next() {
                if case .order(let order, _) = event, order.clientOrderId == "hm-stream" { sawNew = true }
            }
            #expect(sawNew)
            await harness.venue.dropSockets()
            var reconnected = false
            while !reconnected, let event = try await events.next() {
                if case .gap(let reason) = event { reconnected = reason == "user stream reconnected" }
            }
            #expect(reconnected)
            #expect(await harness.client.health().reconnects["user"] == 1)
            // After the reconnect, updates flow again: the cancel arrives on the new connection.
            _ = try await harness.client.cancelOrder(symbol: SimFixture.symbol, clientOrderId: "hm-stream")
            var sawCancel = false
            while !sawCancel, let event = try await events.next() {
                if case .order(let order, _) = event, order.status == .canceled { sawCancel = true }
            }
            #expect(sawCancel)
        }
    }

    @Test("user-stream frames no venue should send: hostile numbers and garbage resync, a frame over max_frame_bytes reconnects; fills flow after")
    func hostileUserFramesResyncOrReconnect() async throws {
        try await Harness.with() { harness in
            var events = harness.client.userEvents().makeAsyncIterator()
            guard case .gap? = try await events.next() else { Issue.record("no opening gap"); return }
            let hostileUpdate = #"{"e":"ORDER_TRADE_UPDATE","E":-9223372036854775808,"T":9223372036854775807,"o":{"s":"BTCUSDT","c":"hm-x","S":"BUY","o":"LIMIT","f":"GTC","q":"nan","p":"1e400","ap":"inf","sp":"0","x":"TRADE","X":"FILLED","i":-1,"l":"1234567890123456789012345678901234567890","z":"-1","L":"inf","n":"0","N":"USDT","T":-9223372036854775808,"t":9223372036854775807,"ps":"LONG","R":false,"ot":"LIMIT","rp":"nan","m":false}}"#
            for frame in [hostileUpdate, "{\"e\":\"ORDER_TRADE_UPDATE\",\"o\":", "\u{0}\u{1}not json"] {
                #expect(await harness.venue.sendFrame(frame, userStreams: true) == 1)
                guard case .gap(let reason)? = try await events.next() else { Issue.record("\(frame.prefix(40)): no resync"); return }
                #expect(reason.hasPrefix("unreadable user stream message"), "\(frame.prefix(40)): \(reason)")
            }
            // ACCOUNT_UPDATE's numbers are never taken: it only prompts a REST read of the account.
            let hostileAccount = #"{"e":"ACCOUNT_UPDATE","E":1,"T":1,"a":{"m":"ORDER","B":[{"a":"USDT","wb":"inf","cw":"nan"}],"P":[]}}"#
            #expect(await harness.venue.sendFrame(hostileAccount, userStreams: true) == 1)
            guard case .account(let account)? = try await events.next() else { Issue.record("no account read"); return }
            #expect(account.walletUSD.isFinite && account.equityUSD.isFinite)
            func nextGap() async throws -> String? {
                while let event = try await events.next() {
                    if case .gap(let reason) = event { return reason }
                }
                return nil
            }
            // 5 MiB, past the 4 MiB max_frame_bytes: the client refuses the frame and reconnects.
            #expect(await harness.venue.sendFrame(String(repeating: "x", count: 5 << 20), userStreams: true) == 1)
            #expect(try await nextGap() == "user stream reconnected")
            #expect(await harness.client.health().reconnects["user"] == 1)
            _ = try await harness.client.placeOrder(Self.limitBuy("hm-after-hostile"))
            var sawNew = false
            while !sawNew, let event = try await events.next() {
                if case .order(let order, _) = event, order.clientOrderId == "hm-after-hostile" { sawNew = true }
            }
            #expect(sawNew)
        }
    }

    @Test("a market frame over max_frame_bytes, and garbage ones, never stop the market stream")
    func oversizedMarketFrameReconnects() async throws {
        try await Harness.with() { harness in
            let replay = SimReplay(exchange: harness.sim, bars: (5..<20).map { SimFixture.bar($0, open: 100, high: 101, low: 99, close: 100) })
            var events = harness.client.marketEvents(symbols: [SimFixture.symbol]).makeAsyncIterator()
            await Self.until { await harness.venue.socketCount(userStreams: false) == 1 }
            for frame in [#"{"e":"kline","E":-9223372036854775808,"s":"BTCUSDT","k":{"t":"nan","o":"inf","x":true}}"#, "not json", "[1,2"] {
                await harness.venue.sendFrame(frame, userStreams: false)
            }
            await harness.venue.sendFrame(String(repeating: "y", count: 5 << 20), userStreams: false)
            await Self.until { harness.client.stats.snapshot["market"] == 1 }
            #expect(await harness.client.health().unreadableMessages == 3)
            // Reconnected: bars flow again.
            await Self.until { await harness.venue.socketCount(userStreams: false) == 1 }
            try await replay.step()
            var bar: Bar?
            while bar == nil, let event = try await events.next() {
                if case .bar(_, let next) = event { bar = next }
            }
            #expect(bar?.openTimeMs == SimFixture.startMs + 5 * SimFixture.minuteMs)
        }
    }

    @Test func anExpiredListenKeyReconnectsWithANewOne() async throws {
        try await Harness.with() { harness in
            var events = harness.client.userEvents().makeAsyncIterator()
            guard case .gap? = try await events.next() else { Issue.record("no opening gap"); return }
            _ = try await harness.client.placeOrder(Self.limitBuy("hm-key"))
            while let event = try await events.next() {
                if case .order = event { break }
            }
            await harness.venue.expireListenKeys()
            var reconnected = false
            while !reconnected, let event = try await events.next() {
                if case .gap(let reason) = event { reconnected = reason == "user stream reconnected" }
            }
            #expect(reconnected)
        }
    }
}

/// Order-event faults over the wire: partial fills, duplicated and reordered updates. The
/// adapter passes them through as the venue sent them; the order state machine the router runs
/// turns them into the right fills exactly once.
@Suite(.serialized) struct BinanceAdapterEventFaultTests {
    typealias Harness = BinanceAdapterLoopbackTests.Harness

    /// Reads user events until `done` says so, returning the order updates of `id` in arrival order.
    static func updates(of id: String, from events: inout AsyncThrowingStream<UserEvent, any Error>.Iterator,
                        until done: ([VenueOrder]) -> Bool) async throws -> [(VenueOrder, VenueFill?)] {
        var seen: [(VenueOrder, VenueFill?)] = []
        while !done(seen.map(\.0)), let event = try await events.next() {
            if case .order(let order, let fill) = event, order.clientOrderId == id { seen.append((order, fill)) }
        }
        return seen
    }

    /// Feeds updates through the router's order state machine; returns the fills it would apply.
    static func appliedFills(_ updates: [(VenueOrder, VenueFill?)], quantity: Decimal) -> [Decimal] {
        var machine = OrderStateMachine(clientOrderId: "x", symbol: SimFixture.symbol, side: .buy, requestedQuantity: quantity)
        _ = machine.handle(.submitted(atMs: 0))
        var fills: [Decimal] = []
        for (order, fill) in updates {
            let update = OrderUpdate(
                clientOrderId: "x", status: order.status, cumulativeFilled: order.filledQuantity, averagePrice: order.averagePrice,
                lastFill: fill.map { TradeReport(quantity: $0.quantity, price: $0.price, feeUSD: $0.feeUSD, liquidity: $0.liquidity, tradeId: $0.tradeId) },
                venueOrderId: order.orderId, updateTimeMs: order.updateTimeMs, reason: order.reason)
            for action in machine.handle(.update(update)) {
                if case .emitFill(let applied) = action { fills.append(applied.quantity) }
            }
        }
        return fills
    }

    /// A harness whose market moves only when the test steps `replay` (bars from minute 5 on).
    static func withSteppedHarness(faults: LoopbackFaults, _ body: (Harness, SimReplay) async throws -> Void) async throws {
        try await Harness.with(faults: faults) { harness in
            let replay = SimReplay(exchange: harness.sim, bars: (5..<40).map { SimFixture.bar($0, open: 100, high: 101, low: 99, close: 100) })
            try await body(harness, replay)
        }
    }

    @Test func partialFillsArriveInPartsAndAddUpOnce() async throws {
        try await Self.withSteppedHarness(faults: LoopbackFaults(partialFills: .init(participation: 0.000_004))) { harness, replay in
            var events = harness.client.userEvents().makeAsyncIterator()
            guard case .gap? = try await events.next() else { Issue.record("no opening gap"); return }
            // Bars trade 1 000 000; 0.000 004 of that is 4 per bar: a market order of 10 fills in three parts.
            _ = try await harness.client.placeOrder(SimFixture.order("hm-partial", quantity: "10"))
            for _ in 0..<4 { try await replay.step() }
            let updates = try await Self.updates(of: "hm-partial", from: &events) { $0.last?.status == .filled }
            let parts = updates.compactMap { $0.1?.quantity }
            #expect(parts.count >= 3, "\(parts)")
            #expect(parts.reduce(0, +) == 10)
            #expect(updates.contains { $0.0.status == .partiallyFilled })
            #expect(Self.appliedFills(updates, quantity: 10).reduce(0, +) == 10)
        }
    }

    @Test func duplicatedAndReorderedUpdatesAreAppliedOnce() async throws {
        let faults = LoopbackFaults(partialFills: .init(participation: 0.000_004), duplicatedOrderUpdates: 2, reorderedOrderUpdates: 1)
        try await Self.withSteppedHarness(faults: faults) { harness, replay in
            var events = harness.client.userEvents().makeAsyncIterator()
            guard case .gap? = try await events.next() else { Issue.record("no opening gap"); return }
            _ = try await harness.client.placeOrder(SimFixture.order("hm-dup", quantity: "10"))
            for _ in 0..<5 { try await replay.step() }
            let updates = try await Self.updates(of: "hm-dup", from: &events) { orders in
                orders.filter { $0.status == .filled }.count >= 1 && orders.count >= 6
            }
            let cumulative = updates.map(\.0.filledQuantity)
            // The wire carried a duplicate (the same cumulative twice) …
            #expect(Set(cumulative).count < cumulative.count, "\(cumulative)")
            // … and the state machine applies 10 in total, never more.
            #expect(Self.appliedFills(updates, quantity: 10).reduce(0, +) == 10)
        }
    }
}
