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
            case .book(let symbol, let book, _):
                await router.updateBook(book, for: symbol)
            case .markPrice, .trade:
                break
            }
        }
    }

    /// The drain's first step: no new signals are acted on; returns once the bar in flight, if
    /// any, has been fully acted on (so cancelling the consumer next abandons nothing).
    public func stop() async {
        stopped = true
        guard barInFlight else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Sets the hook run on a symbol's first bar.
    public func onNewSymbol(_ hook: @escaping @Sendable (String) async -> Void) { onNewSymbol = hook }

    /// Sets a hook called (synchronously, on this actor) each time a bar has been fully acted on:
    /// a driver can wait for it instead of polling `barsProcessed` across actors.
    public func onBarProcessed(_ hook: @escaping @Sendable () -> Void) { onBarProcessed = hook }

    func onBar(_ bar: Bar, symbol: String) async {
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
                for verdict in await risk.process(signal: signal) {
                    if verdict.decision.allowed { await router.submit(verdict) }
                    verdicts.append(verdict)
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
