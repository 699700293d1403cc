/// One funding settlement of a perpetual: at `timeMs` longs pay shorts `rate` × position notional
/// (shorts pay longs when negative).
public struct FundingRate: Sendable, Hashable, Codable {
    /// Settlement time, UTC epoch milliseconds.
    public var timeMs: Int64
    /// Fraction of notional per settlement (0.0001 = 0.01 % = 1 bp), not percent. `Double`:
    /// funding feeds analytics and PnL estimates, never an order.
    public var rate: Double

    public init(timeMs: Int64, rate: Double) {
        self.timeMs = timeMs
        self.rate = rate
    }
}
