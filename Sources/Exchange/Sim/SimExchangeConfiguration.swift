import HedgeCore

/// How a `SimExchange` behaves: the matching engine's rules, the starting wallet, the quoted book,
/// the trading rules per symbol, how much it remembers and which faults it injects. Defaulted, so
/// `SimExchangeConfiguration()` is a working venue.
public struct SimExchangeConfiguration: Sendable, Hashable {
    /// A short name for logs and state files.
    public var venueName: String
    /// Fees, slippage, participation, margin and position mode of the matching engine.
    public var matching: MatchingConfiguration
    /// The wallet at start, USD.
    public var initialWalletUSD: Double
    /// The quoted book sits this many bps of the last close on each side (bid below, ask above),
    /// widened to at least one tick each way so that bid < ask.
    public var halfSpreadBps: Double
    /// Trading rules by symbol. A symbol without an entry gets `VenueFilters.simDefault` derived
    /// from its first bar's close, and keeps them for the run.
    public var filters: [String: VenueFilters]
    /// Bars kept per symbol for `klines` (Binance serves at most 1500 per call).
    public var klineHistoryLimit: Int
    /// Finished orders kept queryable by client order id.
    public var orderHistoryLimit: Int
    /// Fills kept for `userTrades`.
    public var fillHistoryLimit: Int
    /// Each market stream buffers at most this many events and drops the oldest beyond it.
    public var marketBufferSize: Int
    /// Faults armed from the start.
    public var faults: SimFaults

    public init(
        venueName: String = "sim",
        matching: MatchingConfiguration = .default,
        initialWalletUSD: Double = 10_000,
        halfSpreadBps: Double = 1,
        filters: [String: VenueFilters] = [:],
        klineHistoryLimit: Int = 1_500,
        orderHistoryLimit: Int = 10_000,
        fillHistoryLimit: Int = 10_000,
        marketBufferSize: Int = 4_096,
        faults: SimFaults = .none
    ) {
        self.venueName = venueName
        self.matching = matching
        self.initialWalletUSD = initialWalletUSD
        self.halfSpreadBps = halfSpreadBps
        self.filters = filters
        self.klineHistoryLimit = klineHistoryLimit
        self.orderHistoryLimit = orderHistoryLimit
        self.fillHistoryLimit = fillHistoryLimit
        self.marketBufferSize = marketBufferSize
        self.faults = faults
    }
}
