import Foundation
import HedgeCore

/// What the simulated venue knows of one symbol's market: its engine slot, the bars replayed so
/// far (bounded), the bar interval, the quoted book and how far funding has been settled.
/// A plain value owned by `SimExchange`.
struct SimSymbolMarket: Sendable {
    let slot: SymbolSlot
    var bars: SimHistory<Bar>
    /// Interval of the bars replayed, milliseconds (the replay says it with each bar).
    var barIntervalMs: Int64 = 0
    /// The book quoted around the last close; nil before the first bar.
    var book: BookTop?
    /// The 24 h value and the last hour's volume, for the liquidity readings.
    var liquidity = RollingLiquidityWindow()
    /// Funding settlements at or before this time have been applied.
    var fundingSettledThroughMs = Int64.min

    init(slot: SymbolSlot, klineHistoryLimit: Int) {
        self.slot = slot
        bars = SimHistory(limit: klineHistoryLimit)
    }

    /// The book after `bar` (`SimMarketModel.quote`, shared with the backtest).
    static func quote(after bar: Bar, halfSpreadBps: Double, participation: Double, filters: VenueFilters?) -> BookTop? {
        SimMarketModel.quote(after: bar, halfSpreadBps: halfSpreadBps, participation: participation, filters: filters)
    }
}
