import Foundation
import HedgeCore
import Logging

/// The simulated venue: an `ExchangeClient` over the core `MatchingEngine`, moved forward bar by
/// bar by a replay (`SimReplay`), with scriptable faults (`SimFaults`).
///
/// The actor owns the engine (orders, legs, wallet), the market of every symbol it has seen (bars
/// for `klines`, the book quoted around the last close), the trading rules per symbol, the order
/// and fill journal, the armed faults and the subscribers of its two streams. Everything it does
/// follows from the bars it is given and the calls it receives, in order: no randomness and no
/// clock reads (the injected clock only paces fault delays), so the same script gives the same
/// events.
///
/// Venue time (`nowMs`) is the close time of the latest bar processed (its open time plus its
/// interval); orders placed now first meet the next bar, as in the backtest.
///
/// Streams: each `marketEvents(symbols:)` and `userEvents()` call gets its own stream. Market
/// streams buffer the newest `marketBufferSize` events and count what they drop in
/// `droppedMarketEvents`; user streams are unbounded (order updates are never dropped, except by
/// the `dropUserStreamAfterEvents` fault, which breaks the stream so the consumer knows).
public actor SimExchange: ExchangeClient {
    public nonisolated let venueName: String
    public let configuration: SimExchangeConfiguration
    /// Faults still armed (counted faults are consumed as they fire).
    public internal(set) var faults: SimFaults
    /// Venue time, epoch ms: the close time of the latest bar processed; 0 before any bar.
    public private(set) var nowMs: Int64 = 0

    var engine: MatchingEngine
    var filters: [String: VenueFilters]
    var markets: [String: SimSymbolMarket] = [:]
    var funding: [String: FundingSeries]
    var journal: SimOrderJournal
    private var shaper = SimUpdateShaper()
    /// Market events of processed bars not yet published (`advance`); `publishHeldMarket()` sends them.
    private var heldMarket: [(event: MarketEvent, symbol: String)] = []
    /// Order updates of processed bars not yet published (`advance(holdingUserEvents: true)`).
    private var heldUser: [UserEvent] = []
    /// Told every input that changes the venue, in order, before it is applied (a paper
    /// daemon's journal); nil when nothing needs to survive a restart.
    var eventRecorder: (@Sendable (SimVenueEvent) -> Void)?
    nonisolated let hub: SimStreamHub
    let clock: any Clock<Duration>
    let logger: Logger

    /// - Parameters:
    ///   - configuration: engine rules, wallet, book, filters, history bounds, faults.
    ///   - funding: funding settlements by symbol, applied as bars pass their times.
    ///   - clock: paces the delay faults; `ContinuousClock()` outside tests.
    ///   - logger: where faults, rejections and liquidations are logged.
    public init(configuration: SimExchangeConfiguration = SimExchangeConfiguration(),
                funding: [String: FundingSeries] = [:],
                clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "hedge.exchange.sim")) {
        venueName = configuration.venueName
        self.configuration = configuration
        faults = configuration.faults
        engine = MatchingEngine(configuration: configuration.matching, initialWalletUSD: configuration.initialWalletUSD)
        filters = configuration.filters
        self.funding = funding
        journal = SimOrderJournal(orderHistoryLimit: configuration.orderHistoryLimit, fillHistoryLimit: configuration.fillHistoryLimit)
        hub = SimStreamHub(marketBufferSize: configuration.marketBufferSize)
        self.clock = clock
        self.logger = logger
    }

    // MARK: Control

    /// Hands every input that changes the venue from now on to `recorder`, in order, before it is
    /// applied (nil stops it). Replaying them over the same data rebuilds the venue.
    public func recordEvents(to recorder: (@Sendable (SimVenueEvent) -> Void)?) {
        eventRecorder = recorder
    }

    /// Replaces the armed faults (an empty `SimFaults()` disarms them all).
    public func setFaults(_ faults: SimFaults) {
        self.faults = faults
        logger.debug("sim faults set", metadata: ["faults": "\(faults)"])
    }

    /// Changes the share of a bar's volume one order may fill: below 1, large orders fill in parts
    /// over several bars (the loopback venue's partial-fill fault).
    public func setParticipation(_ participation: Double) {
        engine.setParticipation(participation)
    }

    /// The share of a bar's volume one order may fill now.
    public var participation: Double { engine.configuration.participation }

    /// Adds or replaces the funding settlements of `series.symbol`; settlements before the
    /// symbol's last bar are not applied retroactively.
    public func setFunding(_ series: FundingSeries) {
        funding[series.symbol] = series
    }

    /// Market events dropped so far because a subscriber's buffer was full, over all subscribers.
    public nonisolated var droppedMarketEvents: Int { hub.droppedMarketEvents }

    /// Market streams open now (a driver or a test checks that someone listens before stepping).
    public nonisolated var marketSubscriberCount: Int { hub.marketSubscriberCount }

    /// User events published so far (counted once each, whatever the number of subscribers).
    public nonisolated var userEventsPublished: Int { hub.userEventsPublished }

    /// Ends every stream normally: the replay is over.
    public func finishStreams() {
        hub.finishAll()
    }

    // MARK: Replay

    /// Moves the venue through one closed bar of `event.symbol`: settles the funding whose time
    /// the bar's open has reached (at the open price, as the backtest does), runs the bar against
    /// working orders and legs, publishes the order updates and fills (then one account update
    /// when money moved), and finally the bar and the new book on the market stream.
    ///
    /// - Parameter barIntervalMs: the bar's length, milliseconds; the bar closes at its open time
    ///   plus this, which becomes the venue's time.
    public func process(_ event: BarEvent, barIntervalMs: Int64) {
        advance(event, barIntervalMs: barIntervalMs)
        publishHeldMarket()
    }

    /// `process` without its last step: the bar's user events go out, its bar and book are held
    /// until `publishHeldMarket()`. A lockstep driver lets the daemon apply the order updates
    /// first, then shows it the bar, so every run over the same data sees one order of events.
    ///
    /// With `holdingUserEvents`, the order updates wait as well, for `publishHeldUserEvents()`:
    /// a driver first shows the daemon the bar's book (`book(for:)`), then its order updates.
    public func advance(_ event: BarEvent, barIntervalMs: Int64, holdingUserEvents: Bool = false) {
        eventRecorder?(.bar(symbol: event.symbol, openTimeMs: event.bar.openTimeMs))
        let symbol = event.symbol
        let bar = event.bar
        // Taken out of the dictionary while it changes: a copy left behind would make appending
        // to its bar history copy the whole history (it did, once per bar).
        var market = markets.removeValue(forKey: symbol) ?? SimSymbolMarket(slot: engine.slot(for: symbol), klineHistoryLimit: configuration.klineHistoryLimit)
        if filters[symbol] == nil, let derived = VenueFilters.simDefault(symbol: symbol, referencePrice: bar.close) {
            filters[symbol] = derived
            logger.debug("sim filters derived", metadata: [
                "symbol": "\(symbol)", "tick": "\(derived.price.tickSize)", "step": "\(derived.lot.stepSize)"])
        }
        var events: [EngineEvent] = []
        if let series = funding[symbol], bar.openTimeMs > market.fundingSettledThroughMs {
            // `fundingSettledThroughMs` starts at Int64.min, so + 1 cannot overflow.
            for rate in series.rates(fromMs: market.fundingSettledThroughMs + 1, toMs: bar.openTimeMs + 1) {
                events += engine.applyFunding(symbol: symbol, rate: rate.rate, markPrice: bar.open, timeMs: rate.timeMs)
            }
            market.fundingSettledThroughMs = bar.openTimeMs
        }
        events += engine.process(bar: bar, slot: market.slot)
        for case .liquidation(let symbol, let side, let quantity, let price, _) in events {
            logger.notice("sim liquidation", metadata: [
                "symbol": "\(symbol)", "positionSide": "\(side.rawValue)", "quantity": "\(quantity)", "price": "\(price)"])
        }
        market.bars.append(bar)
        market.barIntervalMs = barIntervalMs
        market.liquidity.add(bar, barIntervalMs: barIntervalMs)
        market.book = SimSymbolMarket.quote(after: bar, halfSpreadBps: configuration.halfSpreadBps,
                                            participation: configuration.matching.participation, filters: filters[symbol])
        markets[symbol] = market
        nowMs = max(nowMs, bar.openTimeMs + barIntervalMs)

        let translation = journal.translate(events, filters: filters, timeMs: bar.openTimeMs)
        var updates = translation.updates
        if translation.fillCount > 0 || translation.fundingCount > 0 { updates.append(.account(accountSnapshot())) }
        if holdingUserEvents {
            heldUser += updates
        } else {
            publishUser(updates)
            for held in shaper.flush() { emitUser(held) }
        }

        heldMarket.append((.bar(symbol: symbol, bar: bar), symbol))
        if let book = market.book { heldMarket.append((.book(symbol: symbol, book: book, timeMs: nowMs), symbol)) }
    }

    /// Publishes the order updates `advance` held, in order.
    public func publishHeldUserEvents() {
        publishUser(heldUser)
        heldUser.removeAll(keepingCapacity: true)
        for held in shaper.flush() { emitUser(held) }
    }

    /// The book quoted for `symbol` after its latest bar.
    public func book(for symbol: String) -> BookTop? { markets[symbol]?.book }

    /// Publishes the market events `advance` held, in order.
    public func publishHeldMarket() {
        for held in heldMarket { hub.publish(held.event, symbol: held.symbol) }
        heldMarket.removeAll(keepingCapacity: true)
    }

    // MARK: Internals shared with the client calls

    /// Applies the call faults of `operation`: its delay on the injected clock, then its failure.
    func enter(_ operation: SimOperation) async throws(ExchangeError) {
        if let delay = faults.delays[operation], delay > .zero {
            do {
                try await clock.sleep(for: delay)
            } catch {
                throw .transport("\(operation.rawValue) canceled while delayed")
            }
        }
        if let error = faults.takeFailure(operation) {
            logger.notice("sim fault: call fails", metadata: ["operation": "\(operation.rawValue)", "error": "\(error)"])
            throw error
        }
    }

    /// Publishes user events through the duplicate/swap faults.
    func publishUser(_ events: [UserEvent]) {
        for event in events {
            for shaped in shaper.shape(event, faults: &faults) { emitUser(shaped) }
        }
    }

    /// Publishes one user event, first breaking the streams when the drop fault is due.
    private func emitUser(_ event: UserEvent) {
        if faults.takeUserStreamDrop() {
            let reason = "user stream dropped (sim fault)"
            logger.notice("sim fault: user streams dropped")
            hub.failUserStreams(.transport(reason), gapReason: reason)
        }
        hub.publish(event)
    }

    /// Wallet, NAV (wallet + unrealized at last prices), margin in use and what is left, now.
    func accountSnapshot() -> AccountSnapshot {
        let nav = engine.navUSD
        let margin = engine.usedMarginUSD
        return AccountSnapshot(walletUSD: engine.walletUSD, equityUSD: nav, unrealizedPnlUSD: nav - engine.walletUSD,
                               marginUSD: margin, availableUSD: max(0, nav - margin), timeMs: nowMs)
    }
}
