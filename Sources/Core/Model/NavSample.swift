/// One reading of the account's NAV. Freshness is judged by the reader against its own limit
/// (`risk_limits.json` `nav_max_age_s`), from `sampledAtMs`.
public struct NavSample: Sendable, Hashable, Codable {
    public var navUSD: Double
    public var walletUSD: Double
    public var unrealizedPnlUSD: Double
    public var marginUSD: Double
    public var availableUSD: Double
    /// Wall time of the sample, epoch ms.
    public var sampledAtMs: Int64

    public init(navUSD: Double, walletUSD: Double, unrealizedPnlUSD: Double, marginUSD: Double, availableUSD: Double, sampledAtMs: Int64) {
        self.navUSD = navUSD
        self.walletUSD = walletUSD
        self.unrealizedPnlUSD = unrealizedPnlUSD
        self.marginUSD = marginUSD
        self.availableUSD = availableUSD
        self.sampledAtMs = sampledAtMs
    }

    /// Seconds between the sample and `nowMs`.
    public func ageSeconds(nowMs: Int64) -> Double { Double(nowMs - sampledAtMs) / 1000 }

    /// Whether the sample is younger than `maxAgeSeconds` at `nowMs` (and NAV is positive).
    public func isFresh(nowMs: Int64, maxAgeSeconds: Double) -> Bool {
        navUSD > 0 && ageSeconds(nowMs: nowMs) <= maxAgeSeconds
    }

    enum CodingKeys: String, CodingKey {
        case navUSD = "nav_usd"
        case walletUSD = "wallet_usd"
        case unrealizedPnlUSD = "unrealized_pnl_usd"
        case marginUSD = "margin_usd"
        case availableUSD = "available_usd"
        case sampledAtMs = "sampled_at_ms"
    }
}
