import Foundation

/// What the backtest's router knows and follows, as the daemon's `RouterActor` and `RiskActor`
/// do on the sim venue: each symbol's market as the venue shows it (filters, book, liquidity),
/// the orders sent and what the venue reported of them, maker entries in progress, exposure
/// reserved for approved entries, each leg's targets and protective orders.
struct BacktestRouterState: Sendable {
    /// One symbol as the sim venue shows it.
    struct Market: Sendable {
        var filters: VenueFilters?
        var lastBar: Bar
        /// The close of the last bar (the book's venue time).
        var bookTimeMs: Int64
        var intervalMs: Int64
        /// The book quoted after `lastBar`, computed when first needed.
        var cachedBook: BookTop?
        var liquidity = RollingLiquidityWindow()

        mutating func note(_ bar: Bar, intervalMs: Int64, trackLiquidity: Bool) {
            lastBar = bar
            self.intervalMs = intervalMs
            bookTimeMs = bar.openTimeMs + intervalMs
            cachedBook = nil
            if trackLiquidity { liquidity.add(bar, barIntervalMs: intervalMs) }
        }
    }

    /// An order sent, as the router tracks it.
    struct Order: Sendable {
        var symbol: String
        var leg: PositionSide
        var side: Side
        var opening: Bool
        var strategy: String
        /// The entry's intent (its reservation), nil for closing orders.
        var intent: Int?
        /// `stop`, `take_profit`, `max_hold`; nil for entries and a signal's reduction.
        var exitReason: String?
        /// True for a protective (trigger) order.
        var protective: Bool
        var quantity: Decimal
        /// What the venue reported filled so far (on the step grid, as the sim reports it).
        var reportedFilled: Decimal = 0
        /// The engine's price of the latest fill.
        var lastFillPrice = 0.0
        /// Fees of the engine's fills not yet reported (reported with the next update that moves
        /// the cumulative, as the venue reports them).
        var unreportedFeeUSD = 0.0
    }

    /// A maker-first entry in progress, by the client id of its working attempt.
    struct MakerEntry: Sendable {
        var plan: MakerFallbackPlan
        var intent: Int
        var symbol: String
        var leg: PositionSide
        var strategy: String
        /// What its fills pass on to the engine's round trip (strategy, regime, stop).
        var tag: OrderTag
        /// When the attempt was placed, the router's clock (market time in a replay).
        var placedAtMs: Int64
        var placedAtMarketMs: Int64
        /// The attempt's place among all orders (stale attempts are canceled in this order).
        var sequence: Int
        var canceledForTimeout = false
        var wouldCross = false
    }

    /// Exposure an approved entry holds until it fills, ends or is refused.
    struct Reservation: Sendable {
        var symbol: String
        var leg: PositionSide
        var notionalUSD: Double
    }

    /// A leg's protective orders and the quantity they close.
    struct Protection: Sendable {
        var ids: [String]
        var quantity: Decimal
        /// When they were last (re)placed (a missing one is placed again 30 s after, at most).
        var placedAtMs: Int64
    }

    /// Every symbol the venue has run a bar of.
    struct Venue: Sendable {
        var markets: [Market] = []
        var index: [String: Int] = [:]

        subscript(symbol: String) -> Market? { index[symbol].map { markets[$0] } }
        var count: Int { markets.count }
        var isEmpty: Bool { markets.isEmpty }

        /// The index of `symbol`'s market, created from its first bar (rules derived from its
        /// close, as the sim venue derives them) when it has none.
        mutating func index(of symbol: String, firstBar bar: Bar, intervalMs: Int64) -> Int {
            if let existing = index[symbol] { return existing }
            markets.append(Market(filters: VenueFilters.simDefault(symbol: symbol, referencePrice: bar.close), lastBar: bar,
                                  bookTimeMs: bar.openTimeMs + intervalMs, intervalMs: intervalMs))
            index[symbol] = markets.count - 1
            return markets.count - 1
        }
    }

    var venue = Venue()
    /// The latest book time over all symbols (the router's `marketTimeMs`).
    var marketTimeMs: Int64 = 0
    var orders: [String: Order] = [:]
    /// Client ids of orders not yet finished.
    var working: Set<String> = []
    var makerEntries: [String: MakerEntry] = [:]
    var reservations: [Int: Reservation] = [:]
    var intentNumber = 0
    /// Each leg as the venue's reports build it (the router's round-trip tracker): quantity,
    /// entry, the strategy's stop and take-profit; its round trips feed risk and the gate.
    var tracker = RoundTripTracker()
    /// The market time each held leg opened (its first opening fill).
    var legOpenedAtMarketMs: [String: Int64] = [:]
    var protections: [String: Protection] = [:]
    /// What a universe check saw of a symbol, for its verdict when a decision needs it.
    struct LiquidityCheck: Sendable {
        var bar: Bar
        var filters: VenueFilters?
        var quoteVolume24h: Double
        var meanHourVolume: Double
    }

    /// The latest universe check's reading of each symbol whose verdict no decision needed yet.
    var pendingLiquidity: [String: LiquidityCheck] = [:]
    /// Symbols that fail their liquidity filter.
    var illiquid: Set<String> = []
    /// How many symbols the venue listed at the last universe check.
    var listedSymbolCount = 0
    var lastUniverseCheckMs: Int64?
    var lastIntelMs: Int64?
    /// The strategy each leg was entered by (risk's per-strategy exposure).
    var legStrategies: [String: String] = [:]
    /// Set when a held leg's protection may be missing (a protective order ended or was refused
    /// while its leg was open): `ensureProtection` runs only then.
    var protectionCheckDue = false
    /// The shortest max hold of any strategy (nil: none configured), so legs are only walked
    /// once one may be past it.
    var shortestMaxHoldMs: Int64?
    /// Set at the end of the data: nothing new is sent.
    var draining = false
    /// Research runs: legs are followed at the engine's exact quantities (no venue rounding).
    var exactQuantities = false

    /// Below this a leg is flat (sums of reported fills).
    static let flatQuantity = 1e-9

    static func key(_ symbol: String, _ leg: PositionSide) -> String { "\(symbol)|\(leg.rawValue)" }

    /// The symbol and leg of a `key`.
    static func split(_ key: String) -> (String, PositionSide)? {
        guard let bar = key.lastIndex(of: "|"), let leg = PositionSide(rawValue: String(key[key.index(after: bar)...])) else { return nil }
        return (String(key[..<bar]), leg)
    }

    /// The venue runs a bar of the symbol at `index` (from `venue.index(of:making:)`): its last
    /// bar and liquidity window; the router sees its book at once. By index: the hot path hashes
    /// no symbol name.
    mutating func noteBar(_ bar: Bar, at index: Int, intervalMs: Int64, trackLiquidity: Bool) {
        venue.markets[index].note(bar, intervalMs: intervalMs, trackLiquidity: trackLiquidity)
        marketTimeMs = max(marketTimeMs, bar.openTimeMs + intervalMs)
    }

    /// The book of `symbol` after its last bar (nil before its first).
    mutating func book(_ symbol: String, halfSpreadBps: Double, participation: Double) -> BookTop? {
        guard let index = venue.index[symbol] else { return nil }
        if let cached = venue.markets[index].cachedBook { return cached }
        let market = venue.markets[index]
        let book = SimMarketModel.quote(after: market.lastBar, halfSpreadBps: halfSpreadBps, participation: participation,
                                        filters: market.filters)
        venue.markets[index].cachedBook = book
        return book
    }

    /// Whether `symbol`'s `leg` is held or an approved entry on it is on its way (no pyramiding).
    func isOpenOrPending(_ symbol: String, _ leg: PositionSide, engineHolds: Bool) -> Bool {
        engineHolds || reservations.values.contains { $0.symbol == symbol && $0.leg == leg }
    }

    /// Whether any order of `intent` still works.
    func intentWorking(_ intent: Int) -> Bool {
        working.contains { orders[$0]?.intent == intent }
    }
}
