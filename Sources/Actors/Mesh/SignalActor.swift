import HedgeCore
import HedgeExchange
import Logging

/// The screener: owns the strategies and regime detectors, consumes market data, and turns each
/// signal into verdicts (through the RiskActor) and orders (through the RouterActor). The shadow
/// pipeline sees every verdict.
public actor SignalActor {
    private var strategies: [any Strategy]
    private var detectors = SymbolTable<RegimeDetector>()
    private let regimeParameters: RegimeParameters
    private let risk: RiskActor
    private let router: RouterActor
    private let shadow: ShadowActor
    private let logger: Logger
    public private(set) var barsSeen = 0
    public private(set) var signalsSeen = 0
    /// Bars whose signals have been fully acted on (risk decided, orders placed).
    public private(set) var barsProcessed = 0
    private var stopped = false
    private var knownSymbols: Set<String> = []
    /// Per warmed symbol, the last bar of its history, not yet fed: the stream delivers it again
    /// when it closed after the subscription (then it is a live bar, acted on); otherwise it is
    /// fed as history just before the symbol's first live bar.
    private var heldBack: [String: Bar] = [:]
    /// Called the first time a symbol's bar arrives (the universe refreshes the venue's filters).
    private var onNewSymbol: (@Sendable (String) async -> Void)?
    private var onBarProcessed: (@Sendable () -> Void)?
    /// A bar's work (risk, then the venue call) is under way.
    private var barInFlight = false
    /// `stop()` callers waiting for the bar in flight to finish.
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(strategies: [any Strategy], regime: RegimeParameters, risk: RiskActor, router: RouterActor, shadow: ShadowActor,
                logger: Logger = Logger(label: "hedge.signal")) {
        self.strategies = strategies
        regimeParameters = regime
        self.risk = risk
        self.router = router
        self.shadow = shadow
        self.logger = logger
    }

    /// Consumes `events` until the stream ends, the task is cancelled or `stop()` was called.
    public func consume(_ events: AsyncThrowingStream<MarketEvent, any Error>) async throws {
        for try await event in events {
            if stopped || Task.isCancelled { break }
            switch event {
            case .bar(let symbol, let bar):
                // Inline, on the hot path (a task per bar cost a scheduling hop). The drain never
                // cancels a bar's venue call halfway: `stop()` waits for the bar in flight before
                // the consumer is cancelled (bounded by the drain deadline).
                await onBar(bar, symbol: symbol)
            case .book(let symbol, let book, let timeMs):
                await router.updateBook(book, for: symbol, atMs: timeMs)
            case .markPrice, .trade:
                break
            }
        }
    }

    /// How many closed bars a symbol's warm-up asks the venue for: three times the longest window
    /// of any strategy or the regime detector (exponential averages carry memory of earlier bars;
    /// after three periods an EMA's seed weighs about 2 %), at least 100, at most 1000 (one
    /// request, weight 5 on Binance).
    public var warmupLimit: Int {
        let longest = strategies.map(\.warmupBars).reduce(regimeParameters.lookbackBars + 1, max)
        return min(1000, max(100, 3 * longest))
    }

    /// Feeds each symbol's latest closed bars from `exchange` through the regime detectors and the
    /// strategies before the live stream, with every signal they produce dropped: history only
    /// warms the indicators, it never trades. A symbol whose history cannot be read warms up from
    /// live bars (logged). Returns the number of history bars per symbol. Call it after the market
    /// stream is subscribed, so no bar falls between the history and the stream.
    @discardableResult
    public func warmUp(from exchange: any ExchangeClient, symbols: [String]) async -> [String: Int] {
        let limit = warmupLimit
        var fed: [String: Int] = [:]
        for symbol in symbols {
            let bars: [Bar]
            do {
                bars = try await exchange.recentBars(symbol: symbol, limit: limit)
            } catch {
                logger.warning("warm-up history unavailable; the strategies warm up from live bars",
                               metadata: ["symbol": "\(symbol)", "error": "\(error)"])
                continue
            }
            fed[symbol] = warm(symbol, with: bars)
        }
        logger.notice("strategies warmed up from venue history", metadata: [
            "bars": "\(fed.values.reduce(0, +))", "symbols": "\(fed.count)/\(symbols.count)", "limit": "\(limit)",
        ])
        return fed
    }

    /// Feeds `bars` (oldest first) of `symbol` to the detector and the strategies, signals
    /// dropped, all but the last, which is held back (see `heldBack`).
    private func warm(_ symbol: String, with bars: [Bar]) -> Int {
        guard let last = bars.last else { return 0 }
        for bar in bars.dropLast() { feedHistory(bar, symbol: symbol) }
        heldBack[symbol] = last
        return bars.count
    }

    private func feedHistory(_ bar: Bar, symbol: String) {
        let parameters = regimeParameters
        let regime = detectors.withValue(for: symbol, make: { RegimeDetector(parameters: parameters) }) { $0.update(bar) }
        for index in strategies.indices {
            _ = strategies[index].onBar(bar, symbol: symbol, regime: regime)
        }
    }

    /// The drain's first step: no new signals are acted on; returns once the bar in flight, if
    /// any, has been fully acted on (so cancelling the consumer next abandons nothing).
    public func stop() async {
        stopped = true
        guard barInFlight else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Hands the intel pass's expectancy gate to every strategy (their indicator state stays).
    public func updateGate(_ gate: ExpectancyGate) {
        for index in strategies.indices { strategies[index].updateGate(gate) }
    }

    /// Sets the hook run on a symbol's first bar.
    public func onNewSymbol(_ hook: @escaping @Sendable (String) async -> Void) { onNewSymbol = hook }

    /// Sets a hook called (synchronously, on this actor) each time a bar has been fully acted on
    /// (or skipped as history already fed): a driver can wait for it instead of polling
    /// `barsProcessed` across actors.
    public func onBarProcessed(_ hook: @escaping @Sendable () -> Void) { onBarProcessed = hook }

    func onBar(_ bar: Bar, symbol: String) async {
        if !heldBack.isEmpty, let held = heldBack.removeValue(forKey: symbol) {
            if bar.openTimeMs < held.openTimeMs {
                // Older than the history's last bar: already fed (and done with, for a driver).
                heldBack[symbol] = held
                onBarProcessed?()
                return
            }
            // A newer bar: the held one closed before the stream began, so it is history. The
            // same bar: it closed after, and is acted on like any live bar.
            if bar.openTimeMs > held.openTimeMs { feedHistory(held, symbol: symbol) }
        }
        barInFlight = true
        barsSeen += 1
        if knownSymbols.insert(symbol).inserted { await onNewSymbol?(symbol) }
        let parameters = regimeParameters
        let regime = detectors.withValue(for: symbol, make: { RegimeDetector(parameters: parameters) }) { $0.update(bar) }
        // No per-bar hops to other actors: the regime travels with each signal, and the router
        // prices from the book it gets from the venue's stream.
        var verdicts: [RiskVerdict] = []
        for index in strategies.indices {
            for signal in strategies[index].onBar(bar, symbol: symbol, regime: regime) {
                signalsSeen += 1
                logger.info("signal", metadata: [
                    "symbol": "\(symbol)", "side": "\(signal.side.rawValue)", "strategy": "\(signal.strategy)",
                    "reason": "\(signal.reason)", "price": "\(signal.referencePrice)", "regime": "\(signal.regime.rawValue)",
                ])
                // The reduction's order leaves before the entry is decided: getting out never
                // waits on a second decision.
                if let reduction = await risk.reduction(for: signal) {
                    if reduction.decision.allowed { await router.submit(reduction) }
                    verdicts.append(reduction)
                }
                if let entry = await risk.entry(for: signal) {
                    if entry.decision.allowed { await router.submit(entry) }
                    verdicts.append(entry)
                }
            }
        }
        // Every order of the bar goes out first; the vetoes' lines and the shadow's bookkeeping
        // (a route preview and its JSON per verdict) after, so a vetoed first signal never delays
        // a second one's order.
        risk.report(verdicts)
        for verdict in verdicts { await shadow.observe(verdict, live: true) }
        barsProcessed += 1
        barInFlight = false
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters = []
        onBarProcessed?()
    }
}
