/// A symbol's caps as the allocator reports them, in percent of NAV (3 = 3 %) and in USD at the
/// NAV given.
///
/// JSON: `{"max_nav_pct", "max_trade_nav_pct", "max_nav_usd", "max_trade_usd"}`.
public struct AllocationCaps: Sendable, Hashable, Codable {
    /// The symbol's total notional, percent of NAV.
    public var maxNavPct: Double
    /// One order's notional, percent of NAV.
    public var maxTradeNavPct: Double
    public var maxNavUSD: Double
    public var maxTradeUSD: Double

    public init(maxNavPct: Double, maxTradeNavPct: Double, navUSD: Double) {
        self.maxNavPct = maxNavPct
        self.maxTradeNavPct = maxTradeNavPct
        self.maxNavUSD = navUSD * maxNavPct / 100
        self.maxTradeUSD = navUSD * maxTradeNavPct / 100
    }

    enum CodingKeys: String, CodingKey {
        case maxNavPct = "max_nav_pct"
        case maxTradeNavPct = "max_trade_nav_pct"
        case maxNavUSD = "max_nav_usd"
        case maxTradeUSD = "max_trade_usd"
    }
}
