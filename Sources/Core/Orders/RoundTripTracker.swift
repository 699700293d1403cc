/// Turns a venue's fills into closed round trips (`ClosedTrade`), leg by leg, for the live daemon:
/// the same records the backtest writes, so the learning layer sees one format.
///
/// A leg opens with a fill that grows it from flat and closes with the fill that brings it back to
/// zero; price PnL is computed from average entry and exit prices, fees are summed over every
/// fill of the round trip. Pure value; the RouterActor owns one.
public struct RoundTripTracker: Sendable {
    /// One leg's round trip so far: what the store keeps so that a restart can still close it
    /// (size the close from it, and report its trade with the right entry and strategy).
    public struct LegState: Sendable, Hashable, Codable {
        public var symbol: String
        public var leg: PositionSide
        public var quantity = 0.0
        public var entryNotional = 0.0
        public var entryQuantity = 0.0
        public var exitNotional = 0.0
        public var exitQuantity = 0.0
        public var realizedUSD = 0.0
        public var feesUSD = 0.0
        public var openedAtMs: Int64 = 0
        public var regime: Regime = .chop
        public var strategy = "unknown"
        public var stopPrice: Double?
        /// The take-profit the entry's signal asked for: with `stopPrice`, what the leg's
        /// protective orders are placed at (again after a restart).
        public var takeProfitPrice: Double?
        var averageEntry: Double { entryQuantity > 0 ? entryNotional / entryQuantity : 0 }

        public init(symbol: String, leg: PositionSide) {
            self.symbol = symbol
            self.leg = leg
        }
    }

    private var legs: [String: LegState] = [:]

    public init() {}

    /// A tracker that continues the round trips of `states` (from the store, after a restart).
    public init(restoring states: [LegState]) {
        for state in states where state.quantity > 0 { legs[Self.key(state.symbol, state.leg)] = state }
    }

    /// The legs with something open, sorted by symbol and leg: what the store saves.
    public var openLegStates: [LegState] {
        legs.values.filter { $0.quantity > 0 }.sorted { ($0.symbol, $0.leg.rawValue) < ($1.symbol, $1.leg.rawValue) }
    }

    /// Makes `leg` of `symbol` hold what the venue says it holds. A leg the tracker already holds
    /// at that quantity is kept as it is (its entry, strategy and fees stay); otherwise it is
    /// replaced by a leg opened at the venue's entry price, labelled `adopted` (or its old
    /// strategy), and a quantity of 0 makes it flat. Returns whether anything changed.
    @discardableResult
    public mutating func adopt(symbol: String, leg: PositionSide, quantity: Double, entryPrice: Double, timeMs: Int64) -> Bool {
        let key = Self.key(symbol, leg)
        let known = legs[key]
        if let known, abs(known.quantity - quantity) <= max(quantity, known.quantity) * 1e-12 { return false }
        guard quantity > 0 else {
            legs[key] = nil
            return known != nil
        }
        var adopted = LegState(symbol: symbol, leg: leg)
        adopted.quantity = quantity
        adopted.entryQuantity = quantity
        adopted.entryNotional = quantity * entryPrice
        adopted.openedAtMs = known?.openedAtMs ?? timeMs
        adopted.strategy = known?.strategy ?? "adopted"
        adopted.regime = known?.regime ?? .chop
        adopted.stopPrice = known?.stopPrice
        adopted.takeProfitPrice = known?.takeProfitPrice
        legs[key] = adopted
        return true
    }

    /// Labels the leg a fill will open (strategy, regime, stop for the R multiple, the exits its
    /// protective orders use). Call before the opening fill arrives; later calls for an open leg
    /// change nothing.
    public mutating func label(symbol: String, leg: PositionSide, strategy: String, regime: Regime, stopPrice: Double?,
                               takeProfitPrice: Double? = nil) {
        let key = Self.key(symbol, leg)
        guard (legs[key]?.quantity ?? 0) == 0 else { return }
        var open = legs[key] ?? LegState(symbol: symbol, leg: leg)
        open.strategy = strategy
        open.regime = regime
        open.stopPrice = stopPrice
        open.takeProfitPrice = takeProfitPrice
        legs[key] = open
    }

    /// Records one fill on `leg`; returns the round trip when this fill closed the leg.
    /// - Parameters:
    ///   - opening: true when the fill grows the leg (hedge mode: BUY on LONG, SELL on SHORT).
    public mutating func record(symbol: String, leg: PositionSide, opening: Bool, quantity: Double, price: Double,
                                feeUSD: Double, timeMs: Int64, exitReason: String = "signal") -> ClosedTrade? {
        guard quantity > 0, price > 0 else { return nil }
        let key = Self.key(symbol, leg)
        var open = legs[key] ?? LegState(symbol: symbol, leg: leg)
        let direction = leg == .long ? 1.0 : -1.0
        if opening {
            if open.quantity == 0 {
                var fresh = LegState(symbol: symbol, leg: leg)
                fresh.openedAtMs = timeMs
                fresh.regime = open.regime
                fresh.strategy = open.strategy
                fresh.stopPrice = open.stopPrice
                fresh.takeProfitPrice = open.takeProfitPrice
                open = fresh
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

    /// The leg's state when something is open on it.
    public func openLeg(symbol: String, leg: PositionSide) -> LegState? {
        legs[Self.key(symbol, leg)].flatMap { $0.quantity > 0 ? $0 : nil }
    }

    /// What the leg holds now, from the fills seen (0 when flat).
    public func openQuantity(symbol: String, leg: PositionSide) -> Double {
        legs[Self.key(symbol, leg)]?.quantity ?? 0
    }

    private static func key(_ symbol: String, _ leg: PositionSide) -> String { "\(symbol)|\(leg.rawValue)" }
}
