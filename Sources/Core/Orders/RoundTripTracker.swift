/// Turns a venue's fills into closed round trips (`ClosedTrade`), leg by leg, for the live daemon:
/// the same records the backtest writes, so the learning layer sees one format.
///
/// A leg opens with a fill that grows it from flat and closes with the fill that brings it back to
/// zero; price PnL is computed from average entry and exit prices, fees are summed over every
/// fill of the round trip. Pure value; the RouterActor owns one.
public struct RoundTripTracker: Sendable {
    struct OpenLeg: Sendable {
        var quantity = 0.0
        var entryNotional = 0.0
        var entryQuantity = 0.0
        var exitNotional = 0.0
        var exitQuantity = 0.0
        var realizedUSD = 0.0
        var feesUSD = 0.0
        var openedAtMs: Int64 = 0
        var regime: Regime = .chop
        var strategy = "unknown"
        var stopPrice: Double?
        var averageEntry: Double { entryQuantity > 0 ? entryNotional / entryQuantity : 0 }
    }

    private var legs: [String: OpenLeg] = [:]

    public init() {}

    /// Labels the leg a fill will open (strategy, regime, stop for the R multiple). Call before
    /// the opening fill arrives; later calls for an open leg change nothing.
    public mutating func label(symbol: String, leg: PositionSide, strategy: String, regime: Regime, stopPrice: Double?) {
        let key = Self.key(symbol, leg)
        guard (legs[key]?.quantity ?? 0) == 0 else { return }
        var open = legs[key] ?? OpenLeg()
        open.strategy = strategy
        open.regime = regime
        open.stopPrice = stopPrice
        legs[key] = open
    }

    /// Records one fill on `leg`; returns the round trip when this fill closed the leg.
    /// - Parameters:
    ///   - opening: true when the fill grows the leg (hedge mode: BUY on LONG, SELL on SHORT).
    public mutating func record(symbol: String, leg: PositionSide, opening: Bool, quantity: Double, price: Double,
                                feeUSD: Double, timeMs: Int64, exitReason: String = "signal") -> ClosedTrade? {
        guard quantity > 0, price > 0 else { return nil }
        let key = Self.key(symbol, leg)
        var open = legs[key] ?? OpenLeg()
        let direction = leg == .long ? 1.0 : -1.0
        if opening {
            if open.quantity == 0 {
                open = OpenLeg(openedAtMs: timeMs, regime: open.regime, strategy: open.strategy, stopPrice: open.stopPrice)
            }
            open.quantity += quantity
            open.entryNotional += quantity * price
            open.entryQuantity += quantity
            open.feesUSD += feeUSD
            legs[key] = open
            return nil
        }
        let closing = min(quantity, open.quantity)
        guard closing > 0 else { return nil }
        open.realizedUSD += direction * (price - open.averageEntry) * closing
        open.quantity -= closing
        open.exitNotional += closing * price
        open.exitQuantity += closing
        open.feesUSD += feeUSD
        guard open.quantity <= open.entryQuantity * 1e-12 else {
            legs[key] = open
            return nil
        }
        legs[key] = nil
        let entry = open.averageEntry
        let net = open.realizedUSD - open.feesUSD
        var rMultiple = 0.0
        if let stop = open.stopPrice, abs(entry - stop) > 0 { rMultiple = net / (abs(entry - stop) * open.entryQuantity) }
        return ClosedTrade(
            symbol: symbol, side: leg, entryTimeMs: open.openedAtMs, exitTimeMs: timeMs, entryPrice: entry,
            exitPrice: open.exitQuantity > 0 ? open.exitNotional / open.exitQuantity : 0, quantity: open.entryQuantity,
            pnlUSD: open.realizedUSD, feesUSD: open.feesUSD, rMultiple: rMultiple, regime: open.regime,
            strategy: open.strategy, exitReason: exitReason)
    }

    /// What the leg holds now, from the fills seen (0 when flat).
    public func openQuantity(symbol: String, leg: PositionSide) -> Double {
        legs[Self.key(symbol, leg)]?.quantity ?? 0
    }

    private static func key(_ symbol: String, _ leg: PositionSide) -> String { "\(symbol)|\(leg.rawValue)" }
}
