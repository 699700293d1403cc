import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Synchronization
import Testing

@Suite("Router: the maker path of an entry")
struct RouterMakerPathTests {
    fileprivate struct Setup {
        let clock: ManualClock
        let venue: ScriptedOrderVenue
        let router: RouterActor
        let verdict: RiskVerdict
    }

    static let tightBook = BookTop(bidPrice: 94_999.9, bidQuantity: 5, askPrice: 95_000, askQuantity: 5)

    fileprivate static func setUp(venue: ScriptedOrderVenue = ScriptedOrderVenue()) async throws -> Setup {
        let clock = ManualClock()
        let time = MeshFixture.meshClock(clock)
        let config = try MeshFixture.config(strategiesEnabled: true)
        let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let risk = RiskActor(limits: config.riskLimits, universe: config.universe, telemetry: telemetry, time: time, logger: quiet)
        await risk.updateAccount(nav: NavReading(NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0,
                                                           availableUSD: 100_000, sampledAtMs: MeshFixture.epochMs), monotonicMs: 0),
                                 positions: [])
        let router = RouterActor(exchange: venue, telemetry: telemetry, time: time, logger: quiet)
        await router.updateFilters(["BTCUSDT": try #require(VenueFilters.simDefault(symbol: "BTCUSDT", referencePrice: 95_000))])
        await router.updateBook(tightBook, for: "BTCUSDT")
        let signal = StrategySignal(symbol: "BTCUSDT", side: .buy, timeMs: MeshFixture.epochMs, referencePrice: 95_000, conviction: 1,
                                    stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 0.5, reason: "test", strategy: "trend", regime: .chop)
        let verdict = try #require(await risk.process(signal: signal).first)
        return Setup(clock: clock, venue: venue, router: router, verdict: verdict)
    }

    /// Moves the clock past one maker window and runs the `order_timeouts` job.
    fileprivate static func passWindow(_ setup: Setup) async {
        setup.clock.advance(by: .milliseconds(RoutingParameters.default.makerAttemptMs))
        await setup.router.checkTimeouts()
    }

    @Test("a post-only entry that rests is canceled after its window and re-priced twice, then taken on a fresh quote inside the budget")
    func repricedThenTaken() async throws {
        let setup = try await Self.setUp()
        await setup.router.submit(setup.verdict)
        #expect(setup.venue.placed.withLock { $0.map(\.timeInForce) } == [.gtx])
        // Within the window nothing happens.
        setup.clock.advance(by: .milliseconds(RoutingParameters.default.makerAttemptMs - 1))
        await setup.router.checkTimeouts()
        #expect(setup.venue.canceled.withLock { $0 }.isEmpty)
        setup.clock.advance(by: .milliseconds(1))
        await setup.router.checkTimeouts()
        #expect(setup.venue.placed.withLock { $0.map(\.timeInForce) } == [.gtx, .gtx], "re-priced after the first window")
        await Self.passWindow(setup)
        #expect(setup.venue.placed.withLock { $0.count } == 3)
        setup.clock.advance(by: .milliseconds(RoutingParameters.default.makerAttemptMs))
        await setup.router.updateBook(Self.tightBook, for: "BTCUSDT")  // a fresh quote
        await setup.router.checkTimeouts()
        let placed = setup.venue.placed.withLock { $0 }
        #expect(placed.map(\.type) == [.limit, .limit, .limit, .market])
        #expect(setup.venue.canceled.withLock { $0 } == placed.prefix(3).map(\.clientOrderId))
        let maker = await setup.router.healthPayload().maker
        #expect(maker.repriced == 2 && maker.timedOut == 3 && maker.takerFallbacks == 1 && maker.abandoned.isEmpty, "\(maker)")
        #expect(await setup.router.workingOrderIds().isEmpty)
    }

    @Test("a post-only attempt the venue refuses for crossing (-5022) is re-priced on the fresh book; any other refusal abandons the entry")
    func refusedForCrossingIsRepriced() async throws {
        // The first attempt crosses (the book moved before it arrived); the second rests.
        let firstCrosses = Mutex(true)
        let crossing = ScriptedOrderVenue(refusal: { request in
            guard request.timeInForce == .gtx, firstCrosses.withLock({ first in defer { first = false }; return first }) else { return nil }
            return .orderRejected(code: BinanceErrorCode.postOnlyRejected.rawValue, reason: "post_only_would_cross")
        })
        let setup = try await Self.setUp(venue: crossing)
        await setup.router.submit(setup.verdict)
        #expect(setup.venue.placed.withLock { $0.map(\.timeInForce) } == [.gtx, .gtx])
        var maker = await setup.router.healthPayload().maker
        #expect(maker.repriced == 1 && maker.abandoned.isEmpty, "\(maker)")
        #expect(await setup.router.workingOrderIds().count == 1)

        // Margin refused: nothing to re-price, the entry is given up with its reason.
        let broke = ScriptedOrderVenue(refusal: { _ in .orderRejected(code: -2019, reason: "margin is insufficient") })
        let refused = try await Self.setUp(venue: broke)
        await refused.router.submit(refused.verdict)
        #expect(refused.venue.placed.withLock { $0.count } == 1)
        maker = await refused.router.healthPayload().maker
        #expect(maker.abandoned == ["rejected": 1], "\(maker)")
        #expect(await refused.router.workingOrderIds().isEmpty)
    }

    @Test("the configured policies are in force and published in router_health.json with their source")
    func policiesArePublished() async throws {
        let setup = try await Self.setUp()
        let config = try MeshFixture.config(strategiesEnabled: true)
        await setup.router.configurePolicies(RouterPolicyConfig(tiers: [.t1: .init(makerFirst: false)], symbols: ["ETHUSDT": .init(offsetBps: 2)]),
                                             universe: config.universe)
        let policies = await setup.router.healthPayload().policies
        #expect(policies["BTCUSDT"]?.source == "tier" && policies["BTCUSDT"]?.policy.makerFirst == false)
        #expect(policies["ETHUSDT"]?.source == "symbol" && policies["ETHUSDT"]?.policy.offsetBps == 2)
        #expect(policies["SOLUSDT"]?.source == "default" && policies["SOLUSDT"]?.policy.tier == .t2)
        // BTCUSDT is taker-first now: the entry goes at market straight away (inside the budget).
        await setup.router.submit(setup.verdict)
        #expect(setup.venue.placed.withLock { $0.map(\.type) } == [.market])
    }

    @Test("after the last attempt, a quote older than max_quote_age_ms abandons the entry instead of taking")
    func staleQuoteAbandons() async throws {
        let setup = try await Self.setUp()
        await setup.router.submit(setup.verdict)
        for _ in 0..<3 { await Self.passWindow(setup) }  // the quote is now 60 s old
        #expect(setup.venue.placed.withLock { $0.map(\.type) } == [.limit, .limit, .limit])
        let maker = await setup.router.healthPayload().maker
        #expect(maker.abandoned == ["stale_quote": 1] && maker.takerFallbacks == 0)
    }

    @Test("a touch past the tier's slippage budget abandons the entry at fallback time")
    func slippageAbandons() async throws {
        let setup = try await Self.setUp()
        await setup.router.submit(setup.verdict)
        for _ in 0..<2 { await Self.passWindow(setup) }
        // The book blew out: ask 1 % above bid, far past any tier's budget.
        setup.clock.advance(by: .milliseconds(RoutingParameters.default.makerAttemptMs))
        await setup.router.updateBook(BookTop(bidPrice: 94_000, bidQuantity: 5, askPrice: 95_000, askQuantity: 5), for: "BTCUSDT")
        await setup.router.checkTimeouts()
        #expect(setup.venue.placed.withLock { $0.map(\.type) } == [.limit, .limit, .limit])
        #expect(await setup.router.healthPayload().maker.abandoned == ["slippage": 1])
    }
}
