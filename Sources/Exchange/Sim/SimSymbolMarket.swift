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
    /// Funding settlements at or before this time have been applied.
    var fundingSettledThroughMs = Int64.min

    init(slot: SymbolSlot, klineHistoryLimit: Int) {
        self.slot = slot
        bars = SimHistory(limit: klineHistoryLimit)
    }

    /// The book quoted after `bar`: bid and ask `halfSpreadBps` below and above the close, on the
    /// tick grid (bid down, ask up), at least one tick apart; each side shows what the engine
    /// would let one bar fill (participation × volume), at least one step.
    static func quote(after bar: Bar, halfSpreadBps: Double, participation: Double, filters: VenueFilters?) -> BookTop? {
        let half = bar.close * max(0, halfSpreadBps) / 10_000
        guard let rawBid = Decimal(shortestRepresentationOf: bar.close - half),
              let rawAsk = Decimal(shortestRepresentationOf: bar.close + half) else { return nil }
        let tick = filters?.price.tickSize ?? 0
        var bid = rawBid.rounded(toMultipleOf: tick, .down)
        var ask = rawAsk.rounded(toMultipleOf: tick, .up)
        if ask <= bid {
            // No spread configured and no grid to widen onto: one part in a million each way.
            let gap = tick > 0 ? tick : max(rawBid / 1_000_000, Decimal(sign: .plus, exponent: -12, significand: 1))
            bid = tick > 0 ? bid : bid - gap
            ask = bid + (tick > 0 ? tick : 2 * gap)
        }
        let step = filters?.lot.stepSize ?? 0
        let shown = SimOrderJournal.decimal(bar.volume * participation, onGrid: nil).rounded(toMultipleOf: step, .down)
        let quantity = max(shown, step)
        return BookTop(bidPrice: bid, bidQuantity: quantity, askPrice: ask, askQuantity: quantity)
    }
}
