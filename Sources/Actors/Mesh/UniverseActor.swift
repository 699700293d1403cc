import HedgeCore
import HedgeExchange
import Logging

/// Owns the tradable universe: the configured symbols (tier, cluster, enabled, leverage) joined
/// with the venue's filters and leverage. A configured symbol the venue does not list is not
/// tradable. Refreshed on its interval; a failed refresh keeps the last filters.
///
/// Leverage: each enabled symbol's configured `leverage` is set on the venue at the first refresh
/// that lists it, and the venue's answer is what intents carry (so `max_leverage` checks what the
/// venue really applies). A symbol whose leverage could not be set is not tradable for entries,
/// with the reason in `universe.json`; it is tried again at each refresh.
///
/// Liquidity: at each refresh every enabled, listed symbol whose tier has a filter
/// (`pairs_universe.json` `filters`) is read from the venue (24 h quote volume, book spread,
/// depth within ±20 bps) and checked; one that fails is not tradable for entries (reductions still
/// go) with the failed bounds in `universe.json` `reason`, until a refresh finds it liquid again.
/// A failed read keeps the last verdict.
public actor UniverseActor {
    private let exchange: any ExchangeClient
    private let configured: PairsUniverse
    private let logger: Logger
    public private(set) var filters: [String: VenueFilters] = [:]
    public private(set) var refreshedAtMs: Int64?
    /// The leverage the venue confirmed, per symbol.
    public private(set) var venueLeverage: [String: Int] = [:]
    /// Why an enabled, listed symbol is not tradable (leverage not set).
    private var notTradable: [String: String] = [:]
    /// The latest liquidity read per symbol, and why a symbol failed its tier's filter.
    private var liquidity: [String: LiquidityReading] = [:]
    private var illiquid: [String: String] = [:]
    /// The latest discovery round's decisions (a venue that lists its products, with
    /// `pairs_universe.json` `discovery`); a symbol that discovery no longer selects takes no new
    /// entries, one newly selected joins at the next start (the streams are subscribed at start).
    private var decisions: [UniverseDecision] = []

    public init(exchange: any ExchangeClient, universe: PairsUniverse, logger: Logger = Logger(label: "hedge.universe")) {
        self.exchange = exchange
        configured = universe
        self.logger = logger
    }

    /// Reads the venue's filters, sets leverage, checks liquidity and, with `discover` (the
    /// universe job; not when a symbol's first bar asks for the filters), runs discovery.
    public func refresh(nowMs: Int64, discover runDiscovery: Bool = true) async {
        do {
            filters = try await exchange.exchangeInfo()
            refreshedAtMs = nowMs
        } catch {
            logger.warning("exchange info refresh failed; keeping the last filters", metadata: ["error": "\(error)"])
        }
        await setLeverage()
        await checkLiquidity()
        if runDiscovery { await discover() }
    }

    /// Runs a discovery round when the venue lists its products and discovery is configured.
    private func discover() async {
        guard let settings = configured.discovery, let venue = exchange as? any ProductListing else { return }
        do {
            decisions = try await UniverseScan.run(venue: venue, filters: configured.filters, settings: settings, logger: logger)
        } catch {
            logger.warning("universe discovery failed; keeping the last decisions", metadata: ["error": "\(error)"])
            return
        }
        let selected = Set(decisions.filter(\.selected).map(\.symbol))
        for symbol in configured.enabledSymbols where !selected.contains(symbol) {
            let reason = decisions.first { $0.symbol == symbol }.map { "discovery: \($0.reason)" } ?? "discovery: no longer among the candidates"
            if illiquid[symbol] == nil { logger.warning("symbol no longer selected by discovery; no new entries on it", metadata: ["symbol": "\(symbol)", "reason": "\(reason)"]) }
            illiquid[symbol] = reason
        }
    }

    /// Reads and checks the liquidity of every enabled, listed symbol whose tier has a filter.
    private func checkLiquidity() async {
        for symbol in configured.enabledSymbols where filters[symbol] != nil {
            guard let tier = configured.symbols[symbol]?.tier, let filter = configured.filters[tier] else { continue }
            let reading: LiquidityReading
            do {
                reading = try await readLiquidity(symbol)
            } catch {
                logger.warning("liquidity read failed; keeping the last verdict", metadata: ["symbol": "\(symbol)", "error": "\(error)"])
                continue
            }
            liquidity[symbol] = reading
            let failures = filter.failures(reading)
            let reason = failures.isEmpty ? nil : "liquidity below the \(tier.rawValue) filter: \(failures.joined(separator: "; "))"
            if reason != illiquid[symbol] {
                if let reason {
                    logger.warning("symbol fails its liquidity filter; no new entries on it", metadata: ["symbol": "\(symbol)", "reason": "\(reason)"])
                } else {
                    logger.notice("symbol passes its liquidity filter again", metadata: ["symbol": "\(symbol)"])
                }
            }
            illiquid[symbol] = reason
        }
    }

    private func readLiquidity(_ symbol: String) async throws(ExchangeError) -> LiquidityReading {
        let volume = try await exchange.quoteVolume24h(symbol: symbol)
        let book = try await exchange.bookTicker(symbol: symbol)
        let depth = try await exchange.depth(symbol: symbol, limit: 20)
        let mid = book.mid.analyticsDouble
        let spread = book.isValid && mid > 0 ? (book.askPrice - book.bidPrice).analyticsDouble / mid * 10_000 : .infinity
        return LiquidityReading(quoteVolume24hUSD: volume, spreadBps: spread,
                                depthUSD: depth.notionalWithin(bps: LiquidityFilter.depthBandBps))
    }

    /// Sets the configured leverage of every enabled, listed symbol the venue has not confirmed.
    private func setLeverage() async {
        for symbol in configured.enabledSymbols where filters[symbol] != nil && venueLeverage[symbol] == nil {
            let wanted = configured.symbols[symbol]?.leverage ?? 1
            do {
                let confirmed = try await exchange.setLeverage(symbol: symbol, leverage: wanted)
                venueLeverage[symbol] = confirmed
                notTradable[symbol] = nil
                if confirmed == wanted {
                    logger.notice("leverage set", metadata: ["symbol": "\(symbol)", "leverage": "\(confirmed)"])
                } else {
                    logger.warning("the venue keeps another leverage than configured; intents carry the venue's", metadata: [
                        "symbol": "\(symbol)", "configured": "\(wanted)", "venue": "\(confirmed)"])
                }
            } catch {
                notTradable[symbol] = "leverage \(wanted) not set: \(error)"
                logger.error("leverage not set; no entries on the symbol until it is", metadata: [
                    "symbol": "\(symbol)", "leverage": "\(wanted)", "error": "\(error)"])
            }
        }
    }

    /// Enabled symbols the venue lists, sorted.
    public var tradableSymbols: [String] {
        configured.enabledSymbols.filter { filters[$0] != nil }
    }

    /// The configured universe restricted to what the venue lists and has confirmed a leverage
    /// for, each symbol carrying the venue's leverage (what risk checks against).
    public var effectiveUniverse: PairsUniverse {
        var universe = configured
        for (symbol, entry) in universe.symbols {
            if (filters[symbol] == nil && !filters.isEmpty) || notTradable[symbol] != nil || illiquid[symbol] != nil {
                universe.symbols[symbol]?.enabled = false
            }
            if let leverage = venueLeverage[symbol] { universe.symbols[symbol]?.leverage = leverage } else { _ = entry }
        }
        return universe
    }

    /// Every reason a symbol is not tradable, in one line; nil when there is none.
    private static func reason(_ reasons: String?...) -> String? {
        let known = reasons.compactMap { $0 }
        return known.isEmpty ? nil : known.joined(separator: "; ")
    }

    /// `universe.json`.
    public func payload() -> UniversePayload {
        let rows = configured.symbols.keys.sorted().compactMap { symbol -> UniversePayload.Row? in
            guard let entry = configured.symbols[symbol] else { return nil }
            let f = filters[symbol]
            return UniversePayload.Row(symbol: symbol, tier: entry.tier, cluster: entry.cluster, enabled: entry.enabled,
                                       listed: f != nil,
                                       tradable: entry.enabled && f != nil && notTradable[symbol] == nil && illiquid[symbol] == nil,
                                       tickSize: f?.price.tickSize.venueString, stepSize: f?.lot.stepSize.venueString,
                                       minNotional: f?.minNotional.venueString, leverage: venueLeverage[symbol],
                                       reason: Self.reason(notTradable[symbol], illiquid[symbol]),
                                       liquidity: liquidity[symbol])
        }
        return UniversePayload(sampleCount: rows.count, refreshedAt: refreshedAtMs.map { UTCTime.iso8601(ms: $0) }, symbols: rows,
                               discovery: decisions.isEmpty ? nil : decisions)
    }
}

/// `universe.json`.
public struct UniversePayload: Sendable, Codable {
    public struct Row: Sendable, Codable {
        public var symbol: String
        public var tier: Tier
        public var cluster: String
        public var enabled: Bool
        public var listed: Bool
        public var tradable: Bool
        public var tickSize: String?
        public var stepSize: String?
        public var minNotional: String?
        /// The leverage the venue confirmed (nil until it has).
        public var leverage: Int?
        /// Why an enabled, listed symbol is not tradable.
        public var reason: String?
        /// The latest liquidity read (symbols whose tier has a filter).
        public var liquidity: LiquidityReading?

        enum CodingKeys: String, CodingKey {
            case symbol, tier, cluster, enabled, listed, tradable, leverage, reason, liquidity
            case tickSize = "tick_size"
            case stepSize = "step_size"
            case minNotional = "min_notional"
        }
    }

    public var sampleCount: Int
    public var refreshedAt: String?
    public var symbols: [Row]
    /// Every decision of the latest discovery round, in volume rank order (venues that list
    /// their products; absent otherwise).
    public var discovery: [UniverseDecision]?

    public init(sampleCount: Int, refreshedAt: String?, symbols: [Row], discovery: [UniverseDecision]? = nil) {
        self.sampleCount = sampleCount
        self.refreshedAt = refreshedAt
        self.symbols = symbols
        self.discovery = discovery
    }

    enum CodingKeys: String, CodingKey {
        case symbols, discovery
        case sampleCount = "sample_count"
        case refreshedAt = "refreshed_at"
    }
}
