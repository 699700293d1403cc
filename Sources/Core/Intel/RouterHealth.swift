/// How well the router executed one symbol's orders, aggregated from `OrderMetricsRecord`s: the
/// router KPIs the symbol score and router auto-tune read, and the `router_health.json` state
/// file shows. Analytics values (`Double`); percentiles are nearest-rank (`Percentile`).
///
/// JSON: `{"symbol", "order_count", "maker_fill_ratio", "fallback_rate", "mean_slippage_bps",
/// "slippage_p50_bps", "slippage_p95_bps", "latency_p50_ms", "latency_p95_ms"}`.
public struct RouterHealth: Sendable, Hashable, Codable {
    public var symbol: String
    public var orderCount: Int
    /// Share of orders that filled as maker, a fraction in [0, 1].
    public var makerFillRatio: Double
    /// Share of orders that fell back to taker, a fraction in [0, 1].
    public var fallbackRate: Double
    /// Mean slippage in bps, positive adverse.
    public var meanSlippageBps: Double
    public var slippageP50Bps: Double
    public var slippageP95Bps: Double
    public var latencyP50Ms: Double
    public var latencyP95Ms: Double

    public init(symbol: String, orderCount: Int, makerFillRatio: Double, fallbackRate: Double, meanSlippageBps: Double,
                slippageP50Bps: Double, slippageP95Bps: Double, latencyP50Ms: Double, latencyP95Ms: Double) {
        self.symbol = symbol
        self.orderCount = orderCount
        self.makerFillRatio = makerFillRatio
        self.fallbackRate = fallbackRate
        self.meanSlippageBps = meanSlippageBps
        self.slippageP50Bps = slippageP50Bps
        self.slippageP95Bps = slippageP95Bps
        self.latencyP50Ms = latencyP50Ms
        self.latencyP95Ms = latencyP95Ms
    }

    /// The health of `records` taken as one group, labelled `symbol` (also used for the
    /// account-wide figure the risk auto-tune reads). No records: every figure 0.
    public init(symbol: String, records: some Collection<OrderMetricsRecord>) {
        let n = Double(records.count)
        let slippage = SampleStats(records.map(\.slippageBps))
        let latency = SampleStats(records.map(\.latencyMs))
        self.init(symbol: symbol, orderCount: records.count,
                  makerFillRatio: n > 0 ? Double(records.count(where: \.maker)) / n : 0,
                  fallbackRate: n > 0 ? Double(records.count(where: \.fallback)) / n : 0,
                  meanSlippageBps: slippage.mean, slippageP50Bps: slippage.p50, slippageP95Bps: slippage.p95,
                  latencyP50Ms: latency.p50, latencyP95Ms: latency.p95)
    }

    /// One health per symbol present in `records`.
    public static func bySymbol(_ records: [OrderMetricsRecord]) -> [String: RouterHealth] {
        Dictionary(grouping: records, by: \.symbol).reduce(into: [:]) { result, group in
            result[group.key] = RouterHealth(symbol: group.key, records: group.value)
        }
    }

    enum CodingKeys: String, CodingKey {
        case symbol
        case orderCount = "order_count"
        case makerFillRatio = "maker_fill_ratio"
        case fallbackRate = "fallback_rate"
        case meanSlippageBps = "mean_slippage_bps"
        case slippageP50Bps = "slippage_p50_bps"
        case slippageP95Bps = "slippage_p95_bps"
        case latencyP50Ms = "latency_p50_ms"
        case latencyP95Ms = "latency_p95_ms"
    }
}
