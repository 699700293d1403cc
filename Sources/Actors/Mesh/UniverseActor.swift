import HedgeCore
import HedgeExchange
import Logging

/// Owns the tradable universe: the configured symbols (tier, cluster, enabled) joined with the
/// venue's filters. A configured symbol the venue does not list is not tradable. Refreshed on its
/// interval; a failed refresh keeps the last filters.
public actor UniverseActor {
    private let exchange: any ExchangeClient
    private let configured: PairsUniverse
    private let logger: Logger
    public private(set) var filters: [String: VenueFilters] = [:]
    public private(set) var refreshedAtMs: Int64?

    public init(exchange: any ExchangeClient, universe: PairsUniverse, logger: Logger = Logger(label: "hedge.universe")) {
        self.exchange = exchange
        configured = universe
        self.logger = logger
    }

    /// Reads the venue's filters.
    public func refresh(nowMs: Int64) async {
        do {
            filters = try await exchange.exchangeInfo()
            refreshedAtMs = nowMs
        } catch {
            logger.warning("exchange info refresh failed; keeping the last filters", metadata: ["error": "\(error)"])
        }
    }

    /// Enabled symbols the venue lists, sorted.
    public var tradableSymbols: [String] {
        configured.enabledSymbols.filter { filters[$0] != nil }
    }

    /// The configured universe restricted to what the venue lists (what risk checks against).
    public var effectiveUniverse: PairsUniverse {
        var universe = configured
        for (symbol, entry) in universe.symbols where filters[symbol] == nil && !filters.isEmpty {
            universe.symbols[symbol] = UniverseSymbol(tier: entry.tier, cluster: entry.cluster, enabled: false)
        }
        return universe
    }

    /// `universe.json`.
    public func payload() -> UniversePayload {
        let rows = configured.symbols.keys.sorted().compactMap { symbol -> UniversePayload.Row? in
            guard let entry = configured.symbols[symbol] else { return nil }
            let f = filters[symbol]
            return UniversePayload.Row(symbol: symbol, tier: entry.tier, cluster: entry.cluster, enabled: entry.enabled,
                                       listed: f != nil, tradable: entry.enabled && f != nil,
                                       tickSize: f?.price.tickSize.venueString, stepSize: f?.lot.stepSize.venueString,
                                       minNotional: f?.minNotional.venueString)
        }
        return UniversePayload(sampleCount: rows.count, refreshedAt: refreshedAtMs.map { UTCTime.iso8601(ms: $0) }, symbols: rows)
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

        enum CodingKeys: String, CodingKey {
            case symbol, tier, cluster, enabled, listed, tradable
            case tickSize = "tick_size"
            case stepSize = "step_size"
            case minNotional = "min_notional"
        }
    }

    public var sampleCount: Int
    public var refreshedAt: String?
    public var symbols: [Row]

    enum CodingKeys: String, CodingKey {
        case symbols
        case sampleCount = "sample_count"
        case refreshedAt = "refreshed_at"
    }
}
