import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Synchronization
import Testing

@Suite("Router: protective exits on the venue")
struct RouterProtectionTests {
    fileprivate struct Setup {
        let clock: ManualClock
        let venue: ScriptedOrderVenue
        let router: RouterActor
        let risk: RiskActor
        let trades: LockedValue<[ClosedTrade]>
    }

    static let book = BookTop(bidPrice: 94_999.9, bidQuantity: 5, askPrice: 95_000, askQuantity: 5)

    static func signal(_ side: Side, stop: Double? = 93_100.04, takeProfit: Double? = 98_800.06) -> StrategySignal {
        StrategySignal(symbol: "BTCUSDT", side: side, timeMs: MeshFixture.epochMs, referencePrice: 95_000, conviction: 1,
                       stopPrice: stop, takeProfitPrice: takeProfit, sizeNavPct: 0.5, reason: "test", strategy: "trend", regime: .chop)
    }

    /// - Parameter spot: the universe is spot (Coinbase): one resting exit per holding.
    fileprivate static func setUp(_ venue: ScriptedOrderVenue = ScriptedOrderVenue(), spot: Bool = false) async throws -> Setup {
        let clock = ManualClock()
        let time = MeshFixture.meshClock(clock)
        var config = try MeshFixture.config(strategiesEnabled: true)
        config.universe.spot = spot
        let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let risk = RiskActor(limits: config.riskLimits, universe: config.universe, telemetry: telemetry, time: time, logger: quiet)
        await risk.updateAccount(nav: NavReading(NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0,
                                                           availableUSD: 100_000, sampledAtMs: MeshFixture.epochMs), monotonicMs: 0),
                                 positions: [])
        let router = RouterActor(exchange: venue, telemetry: telemetry, time: time, logger: quiet)
        let feed = ExposureFeed()
        await router.reportExposure(to: feed)
        await risk.follow(feed)
        // Entries at market here: the maker path has its own tests.
        await router.configurePolicies(RouterPolicyConfig(tiers: [.t1: .init(makerFirst: false)]), universe: config.universe)
        await router.updateFilters(["BTCUSDT": try #require(VenueFilters.simDefault(symbol: "BTCUSDT", referencePrice: 95_000))])
        await router.updateBook(book, for: "BTCUSDT")
        let trades = LockedValue<[ClosedTrade]>([])
        await router.onClosedTrade { trade in trades.withLock { $0.append(trade) } }
        return Setup(clock: clock, venue: venue, router: router, risk: risk, trades: trades)
    }

    fileprivate static func decideAndSend(_ setup: Setup, _ signal: StrategySignal) async {
        for verdict in await setup.risk.process(signal: signal) where verdict.decision.allowed {
            await setup.router.submit(verdict)
        }
    }

    @Test("a filled entry gets a reduce stop and take-profit for the whole leg, triggers on the tick; a flip cancels them")
    func placedThenCanceledOnClose() async throws {
        let setup = try await Self.setUp()
        await Self.decideAndSend(setup, Self.signal(.buy))
        let placed = setup.venue.placed.withLock { $0 }
        #expect(placed.map(\.type) == [.market, .stopMarket, .takeProfitMarket])
        let entry = placed[0], stop = placed[1], takeProfit = placed[2]
        #expect(stop.side == .sell && takeProfit.side == .sell)
        #expect(stop.positionSide == .long && takeProfit.positionSide == .long, "hedge mode: the long leg is what they close")
        #expect(stop.quantity == entry.quantity && takeProfit.quantity == entry.quantity)
        // The stop is rounded away from the market (down for a long), the take-profit towards the profit.
        #expect(stop.stopPrice == Decimal(string: "93100"))
        #expect(takeProfit.stopPrice == Decimal(string: "98800.1"))
        #expect(await setup.router.protectiveOrderIds() == [stop.clientOrderId, takeProfit.clientOrderId].sorted())

        // The opposite signal closes the long at market: the leg is flat, both triggers go.
        await Self.decideAndSend(setup, Self.signal(.sell, stop: nil, takeProfit: nil))
        #expect(Set(setup.venue.canceled.withLock { $0 }) == [stop.clientOrderId, takeProfit.clientOrderId])
        #expect(await setup.router.protectiveOrderIds().isEmpty)
        #expect(setup.trades.value.map(\.exitReason) == ["signal"])
    }

    @Test("a stop that fills closes the round trip as `stop`; the take-profit is not placed on a flat leg")
    func stopFillClosesAsStop() async throws {
        let setup = try await Self.setUp(ScriptedOrderVenue { $0.type == .market || $0.type == .stopMarket })
        await Self.decideAndSend(setup, Self.signal(.buy))
        #expect(setup.venue.placed.withLock { $0.map(\.type) } == [.market, .stopMarket])
        #expect(setup.trades.value.map(\.exitReason) == ["stop"])
        #expect(await setup.router.protectiveOrderIds().isEmpty)
    }

    @Test("triggers canceled behind the router's back are placed again by the order-timeouts job, once per retry window")
    func replacedWhenGone() async throws {
        let setup = try await Self.setUp()
        await Self.decideAndSend(setup, Self.signal(.buy))
        let first = await setup.router.protectiveOrderIds()
        #expect(first.count == 2)
        // The venue reports both canceled (a person on the web UI, a venue sweep).
        let placedTriggers = setup.venue.placed.withLock { $0 }.filter { first.contains($0.clientOrderId) }
        let (events, stream) = AsyncThrowingStream.makeStream(of: UserEvent.self)
        for request in placedTriggers {
            stream.yield(.order(VenueOrder(orderId: "v-\(request.clientOrderId)", clientOrderId: request.clientOrderId, symbol: request.symbol,
                                           side: request.side, positionSide: request.positionSide, type: request.type, status: .canceled,
                                           quantity: request.quantity, price: nil, filledQuantity: 0, averagePrice: nil,
                                           updateTimeMs: MeshFixture.epochMs + 1, reason: "canceled at the venue"), fill: nil))
        }
        stream.finish()
        try await setup.router.consume(events)
        #expect(await setup.router.protectiveOrderIds().isEmpty)
        await setup.router.checkTimeouts()
        #expect(setup.venue.placed.withLock { $0.count } == 3, "not before the retry window")
        setup.clock.advance(by: .seconds(30))
        await setup.router.checkTimeouts()
        let placed = setup.venue.placed.withLock { $0 }
        #expect(placed.map(\.type) == [.market, .stopMarket, .takeProfitMarket, .stopMarket, .takeProfitMarket])
        #expect(await setup.router.protectiveOrderIds().count == 2)
    }

    @Test("after a restart a held leg without working triggers gets them from its stored stop and take-profit")
    func replacedAfterRestart() async throws {
        let setup = try await Self.setUp()
        var leg = RoundTripTracker.LegState(symbol: "BTCUSDT", leg: .short)
        leg.quantity = 0.01
        leg.entryQuantity = 0.01
        leg.entryNotional = 950
        leg.stopPrice = 96_000
        leg.takeProfitPrice = 90_000
        await setup.router.restore(openLegs: [leg], metrics: [])
        await setup.router.checkTimeouts()
        let placed = setup.venue.placed.withLock { $0 }
        #expect(placed.map(\.type) == [.stopMarket, .takeProfitMarket])
        #expect(placed.allSatisfy { $0.side == .buy && $0.positionSide == .short && $0.quantity == Decimal(string: "0.01") })
        #expect(placed.map(\.stopPrice) == [Decimal(96_000), Decimal(90_000)])
    }
}

/// A venue that refuses every trigger as already passed (Binance -2021) and fills market orders.
private final class PassedTriggerExchange: ForwardingExchangeClient {
    let base: any ExchangeClient = SimExchange()
    let placed = Mutex<[VenueOrderRequest]>([])

    func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        placed.withLock { $0.append(request) }
        if request.type == .stopMarket || request.type == .takeProfitMarket {
            throw .triggerAlreadyPassed("-2021 Order would immediately trigger.")
        }
        return VenueOrder(orderId: "v-\(request.clientOrderId)", clientOrderId: request.clientOrderId, symbol: request.symbol,
                          side: request.side, positionSide: request.positionSide, type: request.type, status: .filled,
                          quantity: request.quantity, price: nil, filledQuantity: request.quantity, averagePrice: 95_000,
                          updateTimeMs: MeshFixture.epochMs)
    }
}

extension RouterProtectionTests {
    @Test("a stop the venue refuses as already passed (-2021) closes the leg at market at once, recorded as `stop`")
    func passedStopClosesAtMarket() async throws {
        let clock = ManualClock()
        let time = MeshFixture.meshClock(clock)
        let config = try MeshFixture.config(strategiesEnabled: true)
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let telemetry = TelemetryActor(sink: InMemoryTelemetrySink(flags: config.flags))
        let venue = PassedTriggerExchange()
        let router = RouterActor(exchange: venue, telemetry: telemetry, time: time, logger: quiet)
        await router.configurePolicies(RouterPolicyConfig(tiers: [.t1: .init(makerFirst: false)]), universe: config.universe)
        await router.updateFilters(["BTCUSDT": try #require(VenueFilters.simDefault(symbol: "BTCUSDT", referencePrice: 95_000))])
        await router.updateBook(Self.book, for: "BTCUSDT")
        let trades = LockedValue<[ClosedTrade]>([])
        await router.onClosedTrade { trade in trades.withLock { $0.append(trade) } }
        let risk = RiskActor(limits: config.riskLimits, universe: config.universe, telemetry: telemetry, time: time, logger: quiet)
        await risk.updateAccount(nav: NavReading(NavSample(navUSD: 100_000, walletUSD: 100_000, unrealizedPnlUSD: 0, marginUSD: 0,
                                                           availableUSD: 100_000, sampledAtMs: MeshFixture.epochMs), monotonicMs: 0),
                                 positions: [])
        let entry = try #require(await risk.process(signal: Self.signal(.buy)).first)
        await router.submit(entry)
        let placed = venue.placed.withLock { $0 }
        #expect(placed.map(\.type) == [.market, .stopMarket, .market], "entry, the refused stop, the close; no take-profit on a flat leg")
        #expect(placed.last?.side == .sell && placed.last?.positionSide == .long && placed.last?.quantity == placed.first?.quantity)
        #expect(trades.value.map(\.exitReason) == ["stop"])
    }
}

extension RouterProtectionTests {
    @Test("a leg held past its strategy's max hold, in market time, is closed at market once, recorded as `max_hold`")
    func maxHoldInMarketTime() async throws {
        let setup = try await Self.setUp()
        await setup.router.configureMaxHold(["trend": 30 * 60_000])
        let start = MeshFixture.epochMs
        await setup.router.updateBook(Self.book, for: "BTCUSDT", atMs: start)
        await Self.decideAndSend(setup, Self.signal(.buy))
        #expect(setup.venue.placed.withLock { $0.count } == 3, "entry, stop, take-profit")
        // 29 market minutes later nothing; at 30 the leg is closed at market.
        await setup.router.updateBook(Self.book, for: "BTCUSDT", atMs: start + 29 * 60_000)
        await setup.router.checkTimeouts()
        #expect(setup.venue.placed.withLock { $0.count } == 3)
        await setup.router.updateBook(Self.book, for: "BTCUSDT", atMs: start + 30 * 60_000)
        await setup.router.checkTimeouts()
        let placed = setup.venue.placed.withLock { $0 }
        #expect(placed.map(\.type) == [.market, .stopMarket, .takeProfitMarket, .market])
        #expect(placed.last?.side == .sell && placed.last?.quantity == placed.first?.quantity)
        #expect(setup.trades.value.map(\.exitReason) == ["max_hold"])
        #expect(await setup.router.protectiveOrderIds().isEmpty, "its stop and take-profit went with it")
        await setup.router.checkTimeouts()
        #expect(setup.venue.placed.withLock { $0.count } == 4, "no second close")
    }

    @Test("spot: a filled entry rests only its stop (a resting take-profit would hold the same base)")
    func spotRestsOnlyTheStop() async throws {
        let setup = try await Self.setUp(spot: true)
        await Self.decideAndSend(setup, Self.signal(.buy))
        #expect(setup.venue.placed.withLock { $0.map(\.type) } == [.market, .stopMarket])
        #expect(await setup.router.protectiveOrderIds().count == 1)
    }

    @Test("spot: the bid reaching the take-profit cancels the stop first, then sells at market; the round trip closes as take_profit")
    func spotTakeProfitIsTheRouters() async throws {
        let setup = try await Self.setUp(spot: true)
        await Self.decideAndSend(setup, Self.signal(.buy))
        let stop = try #require(setup.venue.placed.withLock { $0.last })
        // Below the take-profit nothing happens.
        await setup.router.updateBook(BookTop(bidPrice: 98_800, bidQuantity: 5, askPrice: 98_800.1, askQuantity: 5), for: "BTCUSDT")
        #expect(setup.venue.placed.withLock { $0.count } == 2)
        await setup.router.updateBook(BookTop(bidPrice: 98_800.1, bidQuantity: 5, askPrice: 98_800.2, askQuantity: 5), for: "BTCUSDT")
        let placed = setup.venue.placed.withLock { $0 }
        #expect(placed.map(\.type) == [.market, .stopMarket, .market])
        #expect(placed.last?.side == .sell)
        #expect(setup.venue.calls.withLock { Array($0.suffix(2)) } == ["cancel \(stop.clientOrderId)", "place \(placed[2].clientOrderId)"])
        #expect(setup.trades.value.map(\.exitReason) == ["take_profit"])
        #expect(await setup.router.protectiveOrderIds().isEmpty)
    }

    @Test("spot: a strategy's exit frees the holding first (the stop is canceled before the sale)")
    func spotExitCancelsTheStopFirst() async throws {
        let setup = try await Self.setUp(spot: true)
        await Self.decideAndSend(setup, Self.signal(.buy))
        let stop = try #require(setup.venue.placed.withLock { $0.last })
        await Self.decideAndSend(setup, Self.signal(.sell, stop: nil, takeProfit: nil))
        let placed = setup.venue.placed.withLock { $0 }
        #expect(placed.map(\.type) == [.market, .stopMarket, .market], "the short entry is vetoed on spot; only the close goes")
        #expect(setup.venue.calls.withLock { Array($0.suffix(2)) } == ["cancel \(stop.clientOrderId)", "place \(placed[2].clientOrderId)"])
        #expect(setup.trades.value.map(\.exitReason) == ["signal"])
    }
}

