/// One expectancy bucket: a symbol, a UTC hour of day and a regime (the learning layer's
/// bucketing of trades).
public struct ExpectancyKey: Sendable, Hashable, Codable {
    public var symbol: String
    /// Hour of day in UTC, 0–23.
    public var hourUTC: Int
    public var regime: Regime

    public init(symbol: String, hourUTC: Int, regime: Regime) {
        self.symbol = symbol
        self.hourUTC = hourUTC
        self.regime = regime
    }

    enum CodingKeys: String, CodingKey {
        case symbol, regime
        case hourUTC = "hour_utc"
    }
}

/// The expectancy veto: buckets where past trades lost money on average, in which strategies
/// must not open new positions. A plain table handed to the strategy when it is built (the
/// IntelActor computes it; a new table means a new gate value), so strategies stay pure.
///
/// Allows everything unless a bucket is listed in `blocked`.
public struct ExpectancyGate: Sendable, Hashable {
    /// Buckets in which signals are suppressed.
    public var blocked: Set<ExpectancyKey>

    public init(blocked: Set<ExpectancyKey> = []) {
        self.blocked = blocked
    }

    /// A gate that blocks nothing.
    public static let allowAll = ExpectancyGate()

    /// False when the bucket (symbol, UTC hour 0–23, regime) is blocked.
    public func allows(symbol: String, hourUTC: Int, regime: Regime) -> Bool {
        blocked.isEmpty || !blocked.contains(ExpectancyKey(symbol: symbol, hourUTC: hourUTC, regime: regime))
    }
}
