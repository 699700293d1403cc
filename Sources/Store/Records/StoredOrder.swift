import Foundation
import HedgeCore

/// One order as the daemon recorded it: written before the venue call (write-ahead), then kept
/// up to date as the venue answers. What reconciliation resumes after a restart and what
/// `hedge audit` lists.
public struct StoredOrder: Sendable, Hashable, Codable {
    /// `hm-<run>-<seq>`: unique forever.
    public var clientOrderId: String
    public var runId: String
    public var intentId: String?
    public var venueOrderId: String?
    public var symbol: String
    public var side: Side
    /// The leg (hedge mode), nil in one-way mode.
    public var positionSide: PositionSide?
    /// The venue's order type (`MARKET`, `LIMIT`, `STOP_MARKET`, …).
    public var type: String
    public var timeInForce: String?
    public var reduceOnly: Bool
    public var quantity: Decimal
    public var price: Decimal?
    public var stopPrice: Decimal?
    /// Whether the order grows its leg (an entry) rather than shrinking it.
    public var opening: Bool
    /// `maker` or `taker`.
    public var route: String
    /// The taker order that replaced a post-only one.
    public var fallback: Bool
    /// The strategy whose signal the order serves (`operator`, `reconcile`, … for others).
    public var strategy: String
    /// The router's phase (`OrderPhase` raw value): `submitted` until the venue answers.
    public var state: String
    public var status: OrderStatus
    /// Cumulative filled quantity and its quote value, as the router applied them.
    public var filledQuantity: Decimal
    public var filledQuote: Decimal
    public var createdAtMs: Int64
    public var updatedAtMs: Int64
    /// Why it closed, when it did (`post_only_would_cross`, a rejection reason, …).
    public var reason: String?

    public init(clientOrderId: String, runId: String, intentId: String?, venueOrderId: String? = nil, symbol: String, side: Side,
                positionSide: PositionSide?, type: String, timeInForce: String?, reduceOnly: Bool, quantity: Decimal, price: Decimal?,
                stopPrice: Decimal? = nil, opening: Bool, route: String, fallback: Bool, strategy: String, state: String = "submitted",
                status: OrderStatus = .new, filledQuantity: Decimal = 0, filledQuote: Decimal = 0, createdAtMs: Int64,
                updatedAtMs: Int64, reason: String? = nil) {
        self.clientOrderId = clientOrderId
        self.runId = runId
        self.intentId = intentId
        self.venueOrderId = venueOrderId
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.type = type
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
        self.quantity = quantity
        self.price = price
        self.stopPrice = stopPrice
        self.opening = opening
        self.route = route
        self.fallback = fallback
        self.strategy = strategy
        self.state = state
        self.status = status
        self.filledQuantity = filledQuantity
        self.filledQuote = filledQuote
        self.createdAtMs = createdAtMs
        self.updatedAtMs = updatedAtMs
        self.reason = reason
    }

    /// Whether the order reached a terminal state (the router's `closed` phase).
    public var isFinished: Bool { state == OrderPhase.closed.rawValue }

    /// The order journal's keys (the same as the `orders` table's columns).
    public enum CodingKeys: String, CodingKey {
        case symbol, side, type, quantity, price, opening, route, fallback, strategy, state, status, reason
        case clientOrderId = "client_order_id"
        case runId = "run_id"
        case intentId = "intent_id"
        case venueOrderId = "venue_order_id"
        case positionSide = "position_side"
        case timeInForce = "time_in_force"
        case reduceOnly = "reduce_only"
        case stopPrice = "stop_price"
        case filledQuantity = "filled_quantity"
        case filledQuote = "filled_quote"
        case createdAtMs = "created_at_ms"
        case updatedAtMs = "updated_at_ms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func decimal(_ key: CodingKeys) throws -> Decimal {
            let text = try c.decode(String.self, forKey: key)
            guard let value = Decimal(venueString: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a decimal: \(text.prefix(40))")
            }
            return value
        }
        func optionalDecimal(_ key: CodingKeys) throws -> Decimal? {
            try c.decodeIfPresent(String.self, forKey: key) == nil ? nil : try decimal(key)
        }
        clientOrderId = try c.decode(String.self, forKey: .clientOrderId)
        runId = try c.decode(String.self, forKey: .runId)
        intentId = try c.decodeIfPresent(String.self, forKey: .intentId)
        venueOrderId = try c.decodeIfPresent(String.self, forKey: .venueOrderId)
        symbol = try c.decode(String.self, forKey: .symbol)
        side = try c.decode(Side.self, forKey: .side)
        positionSide = try c.decodeIfPresent(PositionSide.self, forKey: .positionSide)
        type = try c.decode(String.self, forKey: .type)
        timeInForce = try c.decodeIfPresent(String.self, forKey: .timeInForce)
        reduceOnly = try c.decode(Bool.self, forKey: .reduceOnly)
        quantity = try decimal(.quantity)
        price = try optionalDecimal(.price)
        stopPrice = try optionalDecimal(.stopPrice)
        opening = try c.decode(Bool.self, forKey: .opening)
        route = try c.decode(String.self, forKey: .route)
        fallback = try c.decode(Bool.self, forKey: .fallback)
        strategy = try c.decode(String.self, forKey: .strategy)
        state = try c.decode(String.self, forKey: .state)
        status = try c.decode(OrderStatus.self, forKey: .status)
        filledQuantity = try decimal(.filledQuantity)
        filledQuote = try decimal(.filledQuote)
        createdAtMs = try c.decode(Int64.self, forKey: .createdAtMs)
        updatedAtMs = try c.decode(Int64.self, forKey: .updatedAtMs)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
    }

    /// Decimals as the venue's exact strings (never through `Double`), absent optionals left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clientOrderId, forKey: .clientOrderId)
        try c.encode(runId, forKey: .runId)
        try c.encodeIfPresent(intentId, forKey: .intentId)
        try c.encodeIfPresent(venueOrderId, forKey: .venueOrderId)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(side, forKey: .side)
        try c.encodeIfPresent(positionSide, forKey: .positionSide)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(timeInForce, forKey: .timeInForce)
        try c.encode(reduceOnly, forKey: .reduceOnly)
        try c.encode(quantity.venueString, forKey: .quantity)
        try c.encodeIfPresent(price?.venueString, forKey: .price)
        try c.encodeIfPresent(stopPrice?.venueString, forKey: .stopPrice)
        try c.encode(opening, forKey: .opening)
        try c.encode(route, forKey: .route)
        try c.encode(fallback, forKey: .fallback)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(state, forKey: .state)
        try c.encode(status, forKey: .status)
        try c.encode(filledQuantity.venueString, forKey: .filledQuantity)
        try c.encode(filledQuote.venueString, forKey: .filledQuote)
        try c.encode(createdAtMs, forKey: .createdAtMs)
        try c.encode(updatedAtMs, forKey: .updatedAtMs)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}

/// What changes on an order as the venue answers: the write-behind update of a `StoredOrder`.
public struct StoredOrderProgress: Sendable, Hashable {
    public var clientOrderId: String
    public var venueOrderId: String?
    public var state: String
    public var status: OrderStatus
    public var filledQuantity: Decimal
    public var filledQuote: Decimal
    public var updatedAtMs: Int64
    public var reason: String?

    public init(clientOrderId: String, venueOrderId: String?, state: String, status: OrderStatus, filledQuantity: Decimal,
                filledQuote: Decimal, updatedAtMs: Int64, reason: String?) {
        self.clientOrderId = clientOrderId
        self.venueOrderId = venueOrderId
        self.state = state
        self.status = status
        self.filledQuantity = filledQuantity
        self.filledQuote = filledQuote
        self.updatedAtMs = updatedAtMs
        self.reason = reason
    }
}
