/// A product the venue lists, as discovery ranks it.
public struct ListedProduct: Sendable, Hashable {
    public var symbol: String
    public var baseCurrency: String
    public var quoteCurrency: String
    /// Online and accepting new orders.
    public var tradable: Bool
    public var quoteVolume24hUSD: Double

    public init(symbol: String, baseCurrency: String, quoteCurrency: String, tradable: Bool, quoteVolume24hUSD: Double) {
        self.symbol = symbol
        self.baseCurrency = baseCurrency
        self.quoteCurrency = quoteCurrency
        self.tradable = tradable
        self.quoteVolume24hUSD = quoteVolume24hUSD
    }
}

/// What discovery decided about one product, with the numbers it decided on.
public struct UniverseDecision: Sendable, Hashable, Codable, CustomStringConvertible {
    public var symbol: String
    /// The tier assigned; nil when ineligible.
    public var tier: Tier?
    public var cluster: String
    public var eligible: Bool
    /// Whether it is traded (eligible and within `max_symbols`).
    public var selected: Bool
    /// Volume rank among the candidates, 1 = largest.
    public var rank: Int
    public var reading: LiquidityReading?
    /// Why, in one line ("Volume $13,532,248 < $30,000,000", "near threshold: spread 2.1 bps ≤ 5").
    public var reason: String

    public var description: String {
        if let tier, eligible {
            return "Tier \(tier.rawValue.dropFirst()) asset \(symbol) \(selected ? "selected" : "eligible, beyond max_symbols"): \(reason)"
        }
        return "asset \(symbol) ineligible: \(reason)"
    }

    enum CodingKeys: String, CodingKey {
        case symbol, tier, cluster, eligible, selected, rank, reading, reason
    }
}

/// Discovery's pure part: candidates ranked, checked against the tier filters, assigned the best
/// tier they pass (with the near-threshold override), and the first `max_symbols` selected.
public enum UniverseDiscovery {
    /// The products worth reading a book for: tradable, quoted in `settings.quote`, not excluded,
    /// the `settings.candidates` largest by volume, largest first.
    public static func candidates(_ products: [ListedProduct], settings: DiscoverySettings) -> [ListedProduct] {
        products.filter { $0.tradable && $0.quoteCurrency == settings.quote && !settings.exclude.contains($0.symbol) }
            .sorted { ($0.quoteVolume24hUSD, $1.symbol) > ($1.quoteVolume24hUSD, $0.symbol) }
            .prefix(settings.candidates).map { $0 }
    }

    /// Decides every candidate (in rank order) from its reading; nil reading: the book could not be read.
    public static func decide(_ candidates: [(product: ListedProduct, reading: LiquidityReading?)], filters: [Tier: LiquidityFilter],
                              settings: DiscoverySettings) -> [UniverseDecision] {
        var selected = 0
        return candidates.enumerated().map { index, candidate in
            let symbol = candidate.product.symbol
            let cluster = settings.clusters[candidate.product.baseCurrency] ?? "OTHER"
            var decision = UniverseDecision(symbol: symbol, tier: nil, cluster: cluster, eligible: false, selected: false, rank: index + 1,
                                            reading: candidate.reading, reason: "")
            guard let reading = candidate.reading else {
                decision.reason = "book unavailable"
                return decision
            }
            guard !filters.isEmpty else {
                decision.reason = "no tier filters configured"
                return decision
            }
            for tier in Tier.allCases {
                guard let filter = filters[tier] else { continue }
                if filter.passes(reading) {
                    decision.tier = tier
                    decision.reason = "Volume $\(dollars(reading.quoteVolume24hUSD)) >= $\(dollars(filter.minQuoteVolume24hUSD)), spread "
                        + "\(fixedPoint(reading.spreadBps, 2)) bps, depth $\(dollars(reading.depthUSD))"
                    break
                }
                // Near threshold: the volume alone falls short, by at most the fraction, and the book is tight.
                let floor = filter.minQuoteVolume24hUSD
                var relaxed = filter
                relaxed.minQuoteVolume24hUSD = floor * (1 - settings.nearThresholdFraction)
                if relaxed.passes(reading), reading.spreadBps <= settings.nearThresholdMaxSpreadBps {
                    decision.tier = tier
                    decision.reason = "near threshold: Volume $\(dollars(reading.quoteVolume24hUSD)) < $\(dollars(floor)) "
                        + "by <= \(fixedPoint(settings.nearThresholdFraction * 100, 0))%, spread \(fixedPoint(reading.spreadBps, 2)) bps <= "
                        + "\(fixedPoint(settings.nearThresholdMaxSpreadBps, 2))"
                    break
                }
            }
            guard decision.tier != nil else {
                // The most lenient tier's failures say what is missing.
                let lenient = Tier.allCases.reversed().first { filters[$0] != nil }
                decision.reason = lenient.flatMap { filters[$0] }.map { describe($0.failures(reading), tier: lenient) } ?? "no filter"
                return decision
            }
            decision.eligible = true
            if selected < settings.maxSymbols {
                selected += 1
                decision.selected = true
            }
            return decision
        }
    }

    /// The traded universe: the selected products with their tier and cluster, leverage 1 (spot).
    public static func universe(_ decisions: [UniverseDecision], filters: [Tier: LiquidityFilter], settings: DiscoverySettings) -> PairsUniverse {
        var symbols: [String: UniverseSymbol] = [:]
        for decision in decisions where decision.selected {
            guard let tier = decision.tier else { continue }
            symbols[decision.symbol] = UniverseSymbol(tier: tier, cluster: decision.cluster, enabled: true, leverage: 1)
        }
        return PairsUniverse(symbols: symbols, filters: filters, discovery: settings, spot: true)
    }

    private static func describe(_ failures: [String], tier: Tier?) -> String {
        let prefix = tier.map { "below tier \($0.rawValue): " } ?? ""
        return prefix + failures.map { failure in
            // "24h quote volume 13532248 USD < 30000000" reads as the seed's "Volume $13,532,248 < $30,000,000".
            guard failure.hasPrefix("24h quote volume ") else { return failure }
            let parts = failure.dropFirst("24h quote volume ".count).split(separator: " ")
            guard parts.count == 4, let volume = Double(parts[0]), let floor = Double(parts[3]) else { return failure }
            return "Volume $\(dollars(volume)) < $\(dollars(floor))"
        }.joined(separator: "; ")
    }

    /// Whole dollars with thousands separators: 13532248.4 → "13,532,248".
    static func dollars(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let whole = String(Int64(value.rounded()))
        var out = ""
        for (index, digit) in whole.reversed().enumerated() {
            if index > 0, index.isMultiple(of: 3), digit != "-" { out.append(",") }
            out.append(digit)
        }
        return String(out.reversed())
    }
}
