import Foundation

/// The expectancy table: closed trades bucketed by symbol × UTC hour of exit × regime. Built by
/// the IntelActor on its interval and written whole to `logs/state/expectancy_v6.json`; the
/// same value decodes back unchanged (save/load round-trip).
///
/// JSON: `{"sample_count", "min_sample_size", "buckets": [ExpectancyBucket…]}`, buckets ordered
/// by symbol, then hour, then regime (declaration order bull, chop, bear, crash), so the same
/// trades always give the same bytes. An empty table is `sample_count` 0 with no buckets.
public struct ExpectancySnapshot: Sendable, Hashable, Codable {
    /// The default minimum trades per bucket before it leaves warm-up.
    public static let defaultMinSampleSize = 20

    /// Trades the table was built from.
    public var sampleCount: Int
    /// Buckets with fewer trades than this are marked `is_warmup`.
    public var minSampleSize: Int
    public var buckets: [ExpectancyBucket]

    public init(sampleCount: Int, minSampleSize: Int, buckets: [ExpectancyBucket]) {
        self.sampleCount = sampleCount
        self.minSampleSize = minSampleSize
        self.buckets = buckets
    }

    /// Buckets `trades` and computes each bucket's count, mean net PnL, win rate and mean R.
    /// Deterministic: the result depends only on the trades (and their order only through
    /// floating-point summation order, which follows the input).
    /// - Parameter minSampleSize: buckets with fewer trades are warm-up; values below 1 are
    ///   treated as 1.
    public static func build(trades: [ClosedTrade], minSampleSize: Int = defaultMinSampleSize) -> ExpectancySnapshot {
        TradeLedger(trades: trades).expectancy(minSampleSize: minSampleSize)
    }

    /// Trades per symbol over all its buckets (the sample behind a symbol's score and caps).
    public var tradeCountBySymbol: [String: Int] {
        buckets.reduce(into: [:]) { $0[$1.symbol, default: 0] += $1.count }
    }

    /// Decodes a snapshot written by `JSONOutput.encode` (the `expectancy_v6.json` state file).
    public static func decode(_ data: Data) throws -> ExpectancySnapshot {
        try JSONDecoder().decode(ExpectancySnapshot.self, from: data)
    }

    enum CodingKeys: String, CodingKey {
        case buckets
        case sampleCount = "sample_count"
        case minSampleSize = "min_sample_size"
    }

    static func bucketOrder(_ a: ExpectancyBucket, _ b: ExpectancyBucket) -> Bool {
        if a.symbol != b.symbol { return a.symbol < b.symbol }
        if a.hour != b.hour { return a.hour < b.hour }
        return regimeRank(a.regime) < regimeRank(b.regime)
    }

    private static func regimeRank(_ regime: Regime) -> Int {
        Regime.allCases.firstIndex(of: regime) ?? Regime.allCases.count
    }
}
