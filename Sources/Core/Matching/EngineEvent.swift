/// Whether a fill added liquidity (a resting limit order) or took it.
public enum Liquidity: String, Sendable, Hashable, Codable {
    case maker = "MAKER"
    case taker = "TAKER"
}

/// One execution against the simulated book.
public struct EngineFill: Sendable, Hashable {
    public var orderId: Int64
    public var clientOrderId: String
    public var symbol: String
    public var side: Side
    /// The leg the fill acted on.
    public var positionSide: PositionSide
    public var quantity: Double
    public var price: Double
    /// Fee in USD (≥ 0).
    public var feeUSD: Double
    public var liquidity: Liquidity
    /// PnL realized by this fill (0 for an opening fill), before fees.
    public var realizedPnlUSD: Double
    public var timeMs: Int64
}

/// Everything the engine reports, in the order it happened. Consumers (backtest, SimExchange)
/// turn these into order updates, trades and telemetry.
public enum EngineEvent: Sendable, Hashable {
    /// The order's state changed (accepted, partially filled, filled, canceled, rejected, expired).
    case order(SimOrder, reason: String?)
    case fill(EngineFill)
    /// Funding settled on a leg: `amountUSD` is what the account received (negative: paid).
    case funding(symbol: String, positionSide: PositionSide, rate: Double, amountUSD: Double, timeMs: Int64)
    /// A leg was closed by the engine at its liquidation price.
    case liquidation(symbol: String, positionSide: PositionSide, quantity: Double, price: Double, timeMs: Int64)
    /// A leg went flat: the round trip it completed.
    case tradeClosed(ClosedTrade)
}
