@testable import HedgeCore

/// Trades, router rows and shadow records the intel tests build one field at a time.
enum IntelFixtures {
    /// 2024-03-01T00:00:00Z.
    static let day: Int64 = 1_709_251_200_000
    static let hourMs: Int64 = 3_600_000

    /// A trade exiting at `hour`:`minute` UTC on `day`, 1 000 USD of notional (price 100 × 10).
    static func trade(_ symbol: String = "BTCUSDT", hour: Int = 13, minute: Int = 0, pnl: Double, fees: Double = 0,
                      r: Double = 0, regime: Regime = .bull) -> ClosedTrade {
        let exit = day + Int64(hour) * hourMs + Int64(minute) * 60_000
        return ClosedTrade(symbol: symbol, side: .long, entryTimeMs: exit - hourMs, exitTimeMs: exit,
                           entryPrice: 100, exitPrice: 100 + pnl / 10, quantity: 10, pnlUSD: pnl, feesUSD: fees,
                           rMultiple: r, regime: regime, strategy: "trend", exitReason: "signal")
    }

    static func metrics(_ symbol: String = "BTCUSDT", id: String = "o", maker: Bool, fallback: Bool = false,
                        slippage: Double = 0, latency: Double = 100, at timeMs: Int64 = day) -> OrderMetricsRecord {
        OrderMetricsRecord(symbol: symbol, clientOrderId: id, maker: maker, fallback: fallback, retries: fallback ? 2 : 0,
                           slippageBps: slippage, latencyMs: latency, timeMs: timeMs)
    }

    static func health(orders: Int = 100, makerFill: Double, fallback: Double = 0, slippage: Double = 1) -> RouterHealth {
        RouterHealth(symbol: "BTCUSDT", orderCount: orders, makerFillRatio: makerFill, fallbackRate: fallback,
                     meanSlippageBps: slippage, slippageP50Bps: slippage, slippageP95Bps: slippage,
                     latencyP50Ms: 100, latencyP95Ms: 200)
    }

    static func decision(_ id: String? = nil, _ symbol: String = "BTCUSDT", _ side: Side = .buy, at seconds: Int64,
                         allowed: Bool = true, gross: Double = 1_000, slippage: Double? = 1,
                         heartbeat: Bool = false) -> ShadowDecisionRecord {
        ShadowDecisionRecord(intentId: id, symbol: symbol, side: side, timeMs: day + seconds * 1000, allowed: allowed,
                             vetoes: allowed ? [] : [.maxTradeNavPct], grossUSD: allowed ? gross : 0,
                             router: allowed ? .maker : nil, expectedPrice: allowed ? 100 : nil,
                             expectedSlippageBps: allowed ? slippage : nil, heartbeat: heartbeat)
    }

    static func fill(_ id: String? = nil, _ symbol: String = "BTCUSDT", _ side: Side = .buy, at seconds: Int64,
                     gross: Double = 1_000, slippage: Double? = 2, order: String = "c") -> ExecutedOrderRecord {
        ExecutedOrderRecord(intentId: id, clientOrderId: order, symbol: symbol, side: side, timeMs: day + seconds * 1000,
                            grossUSD: gross, price: 100, slippageBps: slippage)
    }
}
