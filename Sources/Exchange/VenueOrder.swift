import Foundation
import HedgeCore

/// Order types the daemon sends (Binance names).
public enum VenueOrderType: String, Sendable, Hashable, Codable {
    case market = "MARKET"
    case limit = "LIMIT"
    case stopMarket = "STOP_MARKET"
    case takeProfitMarket = "TAKE_PROFIT_MARKET"
}

/// An order as the daemon asks for it. Prices and quantities are already rounded to the venue's
/// filters (`VenueFilters`).
public struct VenueOrderRequest: Sendable, Hashable {
    /// Idempotency key, derived from the intent: a retry reuses it.
    public var clientOrderId: String
    public var symbol: String
    public var side: Side
    /// Hedge mode leg; nil in one-way mode.
    public var positionSide: PositionSide?
    public var type: VenueOrderType
    public var quantity: Decimal
    /// Limit price (LIMIT).
    public var price: Decimal?
    /// Trigger price (STOP_MARKET, TAKE_PROFIT_MARKET).
    public var stopPrice: Decimal?
    public var timeInForce: TimeInForce?
    /// One-way mode only.
    public var reduceOnly: Bool

    public init(clientOrderId: String, symbol: String, side: Side, positionSide: PositionSide?, type: VenueOrderType,
                quantity: Decimal, price: Decimal? = nil, stopPrice: Decimal? = nil, timeInForce: TimeInForce? = nil,
                reduceOnly: Bool = false) {
        self.clientOrderId = clientOrderId
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.type = type
        self.quantity = quantity
        self.price = price
        self.stopPrice = stopPrice
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
    }
}

/// An order as the venue reports it.
public struct VenueOrder: Sendable, Hashable {
    /// The venue's id.
    public var orderId: String
    public var clientOrderId: String
    public var symbol: String
    public var side: Side
    public var positionSide: PositionSide?
    public var type: VenueOrderType
    public var status: OrderStatus
    public var quantity: Decimal
    public var price: Decimal?
    /// Cumulative filled quantity: monotone for one order, so it orders updates and spots duplicates.
    public var filledQuantity: Decimal
    /// Average fill price of `filledQuantity`, when any filled.
    public var averagePrice: Decimal?
    /// Venue time of this state, epoch ms.
    public var updateTimeMs: Int64
    /// Why the venue rejected, expired or canceled it, when it says.
    public var reason: String?

    public init(orderId: String, clientOrderId: String, symbol: String, side: Side, positionSide: PositionSide?,
                type: VenueOrderType, status: OrderStatus, quantity: Decimal, price: Decimal?, filledQuantity: Decimal,
                averagePrice: Decimal?, updateTimeMs: Int64, reason: String? = nil) {
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.type = type
        self.status = status
        self.quantity = quantity
        self.price = price
        self.filledQuantity = filledQuantity
        self.averagePrice = averagePrice
        self.updateTimeMs = updateTimeMs
        self.reason = reason
    }
}

/// One execution of the account.
public struct VenueFill: Sendable, Hashable {
    /// The venue's trade id (unique per fill).
    public var tradeId: String
    public var orderId: String
    public var clientOrderId: String
    public var symbol: String
    public var side: Side
    public var positionSide: PositionSide?
    public var quantity: Decimal
    public var price: Decimal
    /// Fee in USD.
    public var feeUSD: Decimal
    public var liquidity: Liquidity
    /// PnL the venue says this fill realized, in USD.
    public var realizedPnlUSD: Decimal
    public var timeMs: Int64

    public init(tradeId: String, orderId: String, clientOrderId: String, symbol: String, side: Side, positionSide: PositionSide?,
                quantity: Decimal, price: Decimal, feeUSD: Decimal, liquidity: Liquidity, realizedPnlUSD: Decimal, timeMs: Int64) {
        self.tradeId = tradeId
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.quantity = quantity
        self.price = price
        self.feeUSD = feeUSD
        self.liquidity = liquidity
        self.realizedPnlUSD = realizedPnlUSD
        self.timeMs = timeMs
    }
}
