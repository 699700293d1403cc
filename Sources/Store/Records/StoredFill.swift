import Foundation
import HedgeCore

/// One execution at the venue, recorded once: the venue's trade id (unique per symbol) is the
/// key, so a fill seen on the stream, again in a resync and again after a restart is one row.
public struct StoredFill: Sendable, Hashable, Encodable {
    public var symbol: String
    public var tradeId: String
    public var clientOrderId: String
    public var venueOrderId: String?
    public var side: Side
    public var positionSide: PositionSide?
    public var quantity: Decimal
    public var price: Decimal
    public var feeUSD: Decimal
    /// `maker` or `taker`.
    public var liquidity: String
    public var timeMs: Int64
    public var runId: String
    /// A fill of an order this daemon did not send (liquidation, auto-deleverage, a manual trade).
    public var foreign: Bool

    public init(symbol: String, tradeId: String, clientOrderId: String, venueOrderId: String?, side: Side, positionSide: PositionSide?,
                quantity: Decimal, price: Decimal, feeUSD: Decimal, liquidity: String, timeMs: Int64, runId: String, foreign: Bool) {
        self.symbol = symbol
        self.tradeId = tradeId
        self.clientOrderId = clientOrderId
        self.venueOrderId = venueOrderId
        self.side = side
        self.positionSide = positionSide
        self.quantity = quantity
        self.price = price
        self.feeUSD = feeUSD
        self.liquidity = liquidity
        self.timeMs = timeMs
        self.runId = runId
        self.foreign = foreign
    }

    enum CodingKeys: String, CodingKey {
        case symbol, side, quantity, price, liquidity, foreign
        case tradeId = "trade_id"
        case clientOrderId = "client_order_id"
        case venueOrderId = "venue_order_id"
        case positionSide = "position_side"
        case feeUSD = "fee_usd"
        case timeMs = "time_ms"
        case runId = "run_id"
    }

    /// Decimals as the venue's exact strings.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(tradeId, forKey: .tradeId)
        try c.encode(clientOrderId, forKey: .clientOrderId)
        try c.encodeIfPresent(venueOrderId, forKey: .venueOrderId)
        try c.encode(side, forKey: .side)
        try c.encodeIfPresent(positionSide, forKey: .positionSide)
        try c.encode(quantity.venueString, forKey: .quantity)
        try c.encode(price.venueString, forKey: .price)
        try c.encode(feeUSD.venueString, forKey: .feeUSD)
        try c.encode(liquidity, forKey: .liquidity)
        try c.encode(timeMs, forKey: .timeMs)
        try c.encode(runId, forKey: .runId)
        try c.encode(foreign, forKey: .foreign)
    }
}
