/// How the universe is discovered from a venue that lists its products (Coinbase), from the
/// `discovery` section of `pairs_universe.json`:
///
/// ```json
/// "discovery": {
///   "quote": "USD", "max_symbols": 6, "candidates": 24,
///   "exclude": ["USDT-USD", "USDC-USD"],
///   "near_threshold_fraction": 0.1, "near_threshold_max_spread_bps": 5,
///   "clusters": { "BTC": "MAJOR", "ETH": "MAJOR", "SOL": "L1" }
/// }
/// ```
///
/// Candidates are the venue's tradable products quoted in `quote`, ranked by 24 h quote volume;
/// the top `candidates` have their book read and are assigned the best tier whose filter they
/// pass (`filters` of the same file); the first `max_symbols` eligible ones are traded.
public struct DiscoverySettings: Sendable, Hashable {
    public var quote: String
    public var maxSymbols: Int
    /// How many of the ranked products have their book read (each costs two requests).
    public var candidates: Int
    /// Symbols never traded: stablecoins, and names the operator excludes.
    public var exclude: Set<String>
    /// A volume this fraction or less below a tier's floor still passes when the spread is at most
    /// `nearThresholdMaxSpreadBps` (a tight book says the volume is there).
    public var nearThresholdFraction: Double
    public var nearThresholdMaxSpreadBps: Double
    /// Cluster tag per base currency (`BTC` → `MAJOR`); others are `OTHER`.
    public var clusters: [String: String]

    public init(quote: String = "USD", maxSymbols: Int = 6, candidates: Int = 24, exclude: Set<String> = DiscoverySettings.stablecoins,
                nearThresholdFraction: Double = 0.1, nearThresholdMaxSpreadBps: Double = 5, clusters: [String: String] = [:]) {
        self.quote = quote
        self.maxSymbols = maxSymbols
        self.candidates = candidates
        self.exclude = exclude
        self.nearThresholdFraction = nearThresholdFraction
        self.nearThresholdMaxSpreadBps = nearThresholdMaxSpreadBps
        self.clusters = clusters
    }

    /// Stable-value pairs against USD: nothing to trade on.
    public static let stablecoins: Set<String> = ["USDT-USD", "USDC-USD", "DAI-USD", "PYUSD-USD", "EURC-USD", "GUSD-USD", "PAX-USD", "USDS-USD"]

    static func read(_ section: inout ConfigObjectReader, file: String, problems: inout ConfigProblems) -> DiscoverySettings {
        var settings = DiscoverySettings()
        if let quote = section.string("quote", required: false, problems: &problems) { settings.quote = quote }
        if let count = section.integer("max_symbols", .closed(1, 50), required: false, problems: &problems) { settings.maxSymbols = count }
        if let count = section.integer("candidates", .closed(1, 200), required: false, problems: &problems) { settings.candidates = count }
        if let names = section.stringArray("exclude", required: false, problems: &problems) { settings.exclude = Set(names) }
        if let fraction = section.number("near_threshold_fraction", .closed(0, 0.5), required: false, problems: &problems) {
            settings.nearThresholdFraction = fraction
        }
        if let spread = section.number("near_threshold_max_spread_bps", .positive, required: false, problems: &problems) {
            settings.nearThresholdMaxSpreadBps = spread
        }
        if var clusters = section.object("clusters", required: false, problems: &problems) {
            clusters.acceptAllKeys()
            for base in clusters.keys {
                if let tag = clusters.string(base, problems: &problems) { settings.clusters[base] = tag }
            }
        }
        settings.candidates = max(settings.candidates, settings.maxSymbols)
        return settings
    }
}
