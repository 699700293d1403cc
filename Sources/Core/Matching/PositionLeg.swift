/// One leg of a symbol's position (hedge mode: LONG or SHORT; one-way mode: whichever side the
/// net position is on), with the round-trip bookkeeping that becomes a `ClosedTrade` when the leg
/// goes flat. Owned by the `MatchingEngine`.
public struct PositionLeg: Sendable, Hashable {
    public var side: PositionSide
    /// Base quantity held, ≥ 0.
    public var quantity: Double = 0
    /// Average entry price of what is held.
    public var entryPrice: Double = 0
    public var leverage: Double = 1

    // Round-trip bookkeeping since the leg last opened from flat.
    var openedAtMs: Int64 = 0
    var tradeEntryNotional: Double = 0
    var tradeEntryQuantity: Double = 0
    var tradeExitNotional: Double = 0
    var tradeExitQuantity: Double = 0
    var tradeRealizedPnl: Double = 0
    var tradeFees: Double = 0
    var tag = OrderTag()

    public init(side: PositionSide) {
        self.side = side
    }

    public var isOpen: Bool { quantity > 0 }

    /// +1 for LONG, −1 for SHORT.
    public var direction: Double { side == .long ? 1 : -1 }

    public func notional(at price: Double) -> Double { quantity * price }

    public func unrealizedPnl(at price: Double) -> Double {
        direction * (price - entryPrice) * quantity
    }

    /// Initial margin: entry notional / leverage.
    public var margin: Double { quantity * entryPrice / leverage }

    /// The isolated-margin liquidation price: where the loss eats the margin down to the
    /// maintenance requirement. LONG: entry × (1 − 1/leverage + mmr); SHORT: entry × (1 + 1/leverage − mmr).
    public func liquidationPrice(maintenanceMarginRate mmr: Double) -> Double? {
        guard isOpen else { return nil }
        let price = entryPrice * (1 - direction / leverage + direction * mmr)
        return price > 0 ? price : nil
    }
}
