/// The most a taker order may pay beyond mid, in basis points, per liquidity tier.
///
/// Defaults: T1 5, T2 15, T3 30 bps. The Python system allowed 20/35/60 bps on Coinbase spot;
/// USD-M perpetual spreads are an order of magnitude tighter, so a touch that far from mid on
/// Binance means a thin or broken book rather than normal cost.
public struct SlippageBudget: Sendable, Hashable {
    public var t1Bps: Double
    public var t2Bps: Double
    public var t3Bps: Double

    public init(t1Bps: Double = 5, t2Bps: Double = 15, t3Bps: Double = 30) {
        self.t1Bps = t1Bps
        self.t2Bps = t2Bps
        self.t3Bps = t3Bps
    }

    /// The budget for `tier`, in basis points of mid.
    public func maxSlippageBps(for tier: Tier) -> Double {
        switch tier {
        case .t1: t1Bps
        case .t2: t2Bps
        case .t3: t3Bps
        }
    }
}
