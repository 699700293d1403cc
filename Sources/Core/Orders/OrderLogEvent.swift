/// One line of `logs/execution/orders_executed.jsonl`: an order was acknowledged (ACK), filled
/// (FILL, one per execution) or finished (CLOSE, with its terminal status).
public struct OrderLogEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case ack = "ACK"
        case fill = "FILL"
        case close = "CLOSE"
    }

    public var event: Kind
    public var clientOrderId: String
    public var intentId: String?
    public var symbol: String
    public var side: Side
    public var positionSide: PositionSide?
    /// Order quantity (ACK, CLOSE) or fill quantity (FILL).
    public var quantity: Double
    /// Limit price (ACK) or fill price (FILL) or average price (CLOSE).
    public var price: Double?
    /// Notional of the fill (FILL) or of what filled (CLOSE), USD.
    public var grossUSD: Double?
    public var feeUSD: Double?
    public var liquidity: Liquidity?
    public var status: OrderStatus
    /// The order's type (`MARKET`, `LIMIT`, `STOP_MARKET`, `TAKE_PROFIT_MARKET`), on ACK lines.
    public var orderType: String?
    public var slippageBps: Double?
    public var reason: String?
    /// ISO 8601 UTC.
    public var time: String

    public init(event: Kind, clientOrderId: String, intentId: String?, symbol: String, side: Side, positionSide: PositionSide?,
                quantity: Double, price: Double?, grossUSD: Double?, feeUSD: Double?, liquidity: Liquidity?, status: OrderStatus,
                slippageBps: Double?, reason: String?, timeMs: Int64, orderType: String? = nil) {
        self.event = event
        self.clientOrderId = clientOrderId
        self.intentId = intentId
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.quantity = quantity
        self.price = price
        self.grossUSD = grossUSD
        self.feeUSD = feeUSD
        self.liquidity = liquidity
        self.status = status
        self.orderType = orderType
        self.slippageBps = slippageBps
        self.reason = reason
        self.time = UTCTime.iso8601(ms: timeMs)
    }

    enum CodingKeys: String, CodingKey {
        case event, symbol, side, quantity, price, liquidity, status, reason, time
        case clientOrderId = "client_order_id"
        case intentId = "intent_id"
        case positionSide = "position_side"
        case grossUSD = "gross_usd"
        case feeUSD = "fee_usd"
        case slippageBps = "slippage_bps"
        case orderType = "type"
    }
}

// Hand-written JSON (see `JSONLineWritable`): absent optionals are left out, as the synthesized
// Codable encoding does; checked against it by tests.
extension OrderLogEvent: JSONLineWritable {
    public func appendJSON(to bytes: inout [UInt8]) {
        JSONObjectWriter.write(into: &bytes) { json in
            json.string("client_order_id", clientOrderId)
            json.string("event", event.rawValue)
            if let feeUSD { json.number("fee_usd", feeUSD) }
            if let grossUSD { json.number("gross_usd", grossUSD) }
            if let intentId { json.string("intent_id", intentId) }
            if let liquidity { json.string("liquidity", liquidity.rawValue) }
            if let positionSide { json.string("position_side", positionSide.rawValue) }
            if let price { json.number("price", price) }
            json.number("quantity", quantity)
            if let reason { json.string("reason", reason) }
            json.string("side", side.rawValue)
            if let slippageBps { json.number("slippage_bps", slippageBps) }
            json.string("status", status.rawValue)
            json.string("symbol", symbol)
            json.string("time", time)
            if let orderType { json.string("type", orderType) }
        }
    }
}
