/// What kind of order, with its price where it has one.
public enum SimOrderType: Sendable, Hashable {
    case market
    case limit(price: Double)
    /// Binance STOP_MARKET: becomes a market order when the bar trades at or through `trigger`.
    case stopMarket(trigger: Double)
    /// Binance TAKE_PROFIT_MARKET: becomes a market order when the bar reaches `trigger`.
    case takeProfitMarket(trigger: Double)

    public var name: String {
        switch self {
        case .market: "MARKET"
        case .limit: "LIMIT"
        case .stopMarket: "STOP_MARKET"
        case .takeProfitMarket: "TAKE_PROFIT_MARKET"
        }
    }
}

/// Binance's time-in-force values for limit orders. `gtx` is post-only: an order that would
/// take liquidity on arrival expires instead of filling.
public enum TimeInForce: String, Sendable, Hashable, Codable {
    case gtc = "GTC"
    case ioc = "IOC"
    case gtx = "GTX"
}

/// Labels an opening order passes on to the trade it starts (strategy, regime, initial stop for
/// the R multiple) and a closing order to the trade it ends (why it closed).
public struct OrderTag: Sendable, Hashable {
    public var strategy: String
    public var regime: Regime
    /// The protective stop at entry, for the trade's R multiple.
    public var stopPrice: Double?
    /// Why a closing order closes: `stop`, `take_profit`, `signal`, `end_of_data`, ….
    public var exitReason: String

    public init(strategy: String = "manual", regime: Regime = .chop, stopPrice: Double? = nil, exitReason: String = "signal") {
        self.strategy = strategy
        self.regime = regime
        self.stopPrice = stopPrice
        self.exitReason = exitReason
    }
}

/// An order as submitted to the simulated venue.
public struct SimOrderRequest: Sendable, Hashable {
    public var clientOrderId: String
    public var symbol: String
    public var side: Side
    public var type: SimOrderType
    /// Base quantity (contracts), > 0.
    public var quantity: Double
    public var timeInForce: TimeInForce
    /// Hedge mode: the leg (LONG/SHORT) the order acts on; must be nil in one-way mode.
    public var positionSide: PositionSide?
    /// One-way mode: only reduce the net position. In hedge mode the leg and side say it: a SELL
    /// on LONG or a BUY on SHORT always reduces.
    public var reduceOnly: Bool
    public var tag: OrderTag

    public init(clientOrderId: String, symbol: String, side: Side, type: SimOrderType, quantity: Double,
                timeInForce: TimeInForce = .gtc, positionSide: PositionSide? = nil, reduceOnly: Bool = false,
                tag: OrderTag = OrderTag()) {
        self.clientOrderId = clientOrderId
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.timeInForce = timeInForce
        self.positionSide = positionSide
        self.reduceOnly = reduceOnly
        self.tag = tag
    }
}

/// An order the engine holds: the request, its venue id and how much has filled.
public struct SimOrder: Sendable, Hashable {
    public var orderId: Int64
    public var request: SimOrderRequest
    public var status: OrderStatus
    public var filledQuantity: Double
    /// Σ price × quantity of fills, for the average fill price.
    public var filledNotional: Double
    /// Time the order was accepted (epoch ms).
    public var submittedAtMs: Int64
    /// False until the order has met its first bar: a limit order is judged marketable only then.
    var hasSeenBar: Bool

    public var remainingQuantity: Double { max(0, request.quantity - filledQuantity) }
    public var averageFillPrice: Double? { filledQuantity > 0 ? filledNotional / filledQuantity : nil }

    /// Whether a fill of this order shrinks a leg rather than growing one.
    public func reduces(mode: PositionMode) -> Bool {
        switch mode {
        case .hedge:
            guard let leg = request.positionSide else { return false }
            return (request.side == .sell && leg == .long) || (request.side == .buy && leg == .short)
        case .oneWay:
            return request.reduceOnly
        }
    }
}
