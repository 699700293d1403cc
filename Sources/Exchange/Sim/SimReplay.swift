import HedgeCore

/// Moves a `SimExchange` through bars: the venue's feed. Bars come from a `MarketDataSet` (the
/// bundled `data/demo/1m` or `1h`, merged in time order) or from an array built by a test.
///
/// Two ways to drive it, one driver at a time:
/// - `step()` / `advance(to:)`: a test replays bar by bar, deterministically, with no clock;
/// - `run(speed:clock:)`: a loop that replays the rest of the bars, sleeping on the injected
///   clock between bar times (the gap between open times divided by `speed`).
///
/// The actor owns the bar source (a `MergedBarStream` holds open files) and the lookahead bar.
public actor SimReplay {
    private enum Source {
        case files(MergedBarStream)
        case bars([BarEvent], next: Int)
    }

    /// The venue this replay moves.
    public nonisolated let exchange: SimExchange
    private var source: Source
    /// Bar interval by symbol, milliseconds; `defaultIntervalMs` for the others.
    private let intervals: [String: Int64]
    private let defaultIntervalMs: Int64
    /// Funding handed to the exchange before the first bar.
    private var fundingToInstall: [FundingSeries]
    /// The next bar, read ahead by `advance(to:)` and `run`.
    private var pending: BarEvent?
    /// Bars replayed so far.
    public private(set) var barsReplayed = 0
    /// The latest bar replayed.
    public private(set) var lastEvent: BarEvent?

    /// Replays every file of `dataSet` from its start, with its funding. Each symbol's interval
    /// comes from its file name (`BTCUSDT-1m.csv` → 60 000 ms).
    public init(exchange: SimExchange, dataSet: MarketDataSet) throws(MarketDataError) {
        self.exchange = exchange
        source = .files(try dataSet.makeStream())
        var intervals: [String: Int64] = [:]
        for file in dataSet.files { intervals[file.symbol] = file.barIntervalMs }
        self.intervals = intervals
        defaultIntervalMs = 60_000
        fundingToInstall = dataSet.funding.keys.sorted().compactMap { dataSet.funding[$0] }
    }

    /// Replays `bars` in the order given (sort them by time first), each `barIntervalMs` long.
    public init(exchange: SimExchange, bars: [BarEvent], barIntervalMs: Int64 = 60_000, funding: [FundingSeries] = []) {
        self.exchange = exchange
        source = .bars(bars, next: 0)
        intervals = [:]
        defaultIntervalMs = barIntervalMs
        fundingToInstall = funding
    }

    /// Replays the next bar; nil when the data is exhausted. With `holdingMarket`, the bar's
    /// order updates and market events wait for `exchange.publishHeldUserEvents()` and
    /// `exchange.publishHeldMarket()` (a lockstep driver's step).
    @discardableResult
    public func step(holdingMarket: Bool = false) async throws(MarketDataError) -> BarEvent? {
        guard let event = try peek() else { return nil }
        pending = nil
        if !fundingToInstall.isEmpty {
            for series in fundingToInstall { await exchange.setFunding(series) }
            fundingToInstall = []
        }
        let intervalMs = intervals[event.symbol] ?? defaultIntervalMs
        if holdingMarket {
            await exchange.advance(event, barIntervalMs: intervalMs, holdingUserEvents: true)
        } else {
            await exchange.process(event, barIntervalMs: intervalMs)
        }
        barsReplayed += 1
        lastEvent = event
        return event
    }

    /// The open time of the next bar, without replaying it; nil at the end of the data.
    public func nextBarOpenTimeMs() throws(MarketDataError) -> Int64? {
        try peek()?.bar.openTimeMs
    }

    /// Rebuilds the venue from the inputs an earlier process recorded (`SimVenueEvent`), over the
    /// same data: each bar is stepped again (and checked against the data), each order placed or
    /// canceled again at the same point. Call before anything else drives the replay or the
    /// venue. Throws when the events do not match the data (another data set, edited files).
    public func restore(_ events: [SimVenueEvent]) async throws(MarketDataError) {
        for (index, event) in events.enumerated() {
            switch event {
            case .bar(let symbol, let openTimeMs):
                guard let stepped = try await step() else {
                    throw MarketDataError(file: "sim venue journal", line: index + 1,
                                          reason: "replays a bar of \(symbol) at \(UTCTime.iso8601(ms: openTimeMs)) after the end of the data")
                }
                guard stepped.symbol == symbol, stepped.bar.openTimeMs == openTimeMs else {
                    throw MarketDataError(file: "sim venue journal", line: index + 1,
                                          reason: "replays \(symbol) at \(UTCTime.iso8601(ms: openTimeMs)), the data has \(stepped.symbol) at "
                                              + "\(UTCTime.iso8601(ms: stepped.bar.openTimeMs)) (another data set?)")
                }
            case .place(let request):
                _ = try? await exchange.placeOrder(request)
            case .cancel(let symbol, let clientOrderId):
                _ = try? await exchange.cancelOrder(symbol: symbol, clientOrderId: clientOrderId)
            }
        }
    }

    /// Replays every bar that opens at or before `timeMs`; returns how many.
    @discardableResult
    public func advance(to timeMs: Int64) async throws(MarketDataError) -> Int {
        var count = 0
        while let next = try peek(), next.bar.openTimeMs <= timeMs {
            try await step()
            count += 1
        }
        return count
    }

    /// Replays the rest of the bars at `speed` × real time on `clock`: before a bar that opens
    /// later than the previous one, sleeps the gap between their open times divided by `speed`
    /// (bars of several symbols at one time go out back to back). `speed: .infinity` never
    /// sleeps. Returns at the end of the data, leaving the streams open (`finishStreams()` ends
    /// them); throws `CancellationError` when cancelled while asleep, and
    /// `ExchangeError.notAllowed` when `speed` is not > 0.
    public func run(speed: Double, clock: any Clock<Duration>) async throws {
        guard speed > 0 else { throw ExchangeError.notAllowed("replay speed must be > 0, got \(speed)") }
        var previousMs = lastEvent?.bar.openTimeMs
        while let next = try peek() {
            if let previousMs, next.bar.openTimeMs > previousMs, speed.isFinite {
                try await clock.sleep(for: .milliseconds(next.bar.openTimeMs - previousMs) / speed)
            }
            guard let event = try await step() else { return }
            previousMs = event.bar.openTimeMs
        }
    }

    /// The next bar without replaying it.
    private func peek() throws(MarketDataError) -> BarEvent? {
        if let pending { return pending }
        switch source {
        case .files(let stream):
            pending = try stream.next()
        case .bars(let bars, let next):
            guard next < bars.count else { return nil }
            pending = bars[next]
            source = .bars(bars, next: next + 1)
        }
        return pending
    }
}
