/// Compares the orders two runs sent over the same bars (the backtest's `orders.jsonl` and the
/// daemon's `orders_executed.jsonl`): the ACK lines in sequence, each by symbol, side, position
/// side, type, quantity, price and reason. Client ids, intent ids and times are not compared (each
/// run names and stamps its orders its own way).
public struct OrderParity: Sendable, Hashable, Encodable {
    /// One order as compared.
    public struct Order: Sendable, Hashable, Encodable {
        public var symbol: String
        public var side: Side
        public var positionSide: PositionSide?
        public var type: String?
        public var quantity: Double
        public var price: Double?
        public var reason: String?
        /// Not compared; shown so a difference can be found in either file.
        public var clientOrderId: String
        public var time: String

        public init(_ event: OrderLogEvent) {
            symbol = event.symbol
            side = event.side
            positionSide = event.positionSide
            type = event.orderType
            quantity = event.quantity
            price = event.price
            reason = event.reason
            clientOrderId = event.clientOrderId
            time = event.time
        }

        /// Same order: every compared field equal (quantities and prices to one part in 10⁹,
        /// which absorbs decimal → binary conversions and nothing a venue could tell apart).
        public func matches(_ other: Order) -> Bool {
            symbol == other.symbol && side == other.side && positionSide == other.positionSide && type == other.type
                && reason == other.reason && Self.close(quantity, other.quantity)
                && Self.close(price ?? 0, other.price ?? 0) && (price == nil) == (other.price == nil)
        }

        static func close(_ a: Double, _ b: Double) -> Bool {
            a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
        }

        enum CodingKeys: String, CodingKey {
            case symbol, side, type, quantity, price, reason, time
            case positionSide = "position_side"
            case clientOrderId = "client_order_id"
        }
    }

    /// The first place the sequences part: the index and each side's order there (nil past its end).
    public struct Difference: Sendable, Hashable, Encodable {
        public var index: Int
        public var backtest: Order?
        public var daemon: Order?
    }

    public var identical: Bool
    public var backtestOrders: Int
    public var daemonOrders: Int
    public var firstDifference: Difference?

    /// Compares the ACK lines of `backtest` and `daemon` (other events are skipped).
    public init(backtest: [OrderLogEvent], daemon: [OrderLogEvent]) {
        let left = backtest.filter { $0.event == .ack }.map(Order.init)
        let right = daemon.filter { $0.event == .ack }.map(Order.init)
        backtestOrders = left.count
        daemonOrders = right.count
        let mismatch = zip(left, right).enumerated().first { !$0.element.0.matches($0.element.1) }?.offset
        let index = mismatch ?? (left.count == right.count ? nil : min(left.count, right.count))
        firstDifference = index.map { Difference(index: $0, backtest: $0 < left.count ? left[$0] : nil, daemon: $0 < right.count ? right[$0] : nil) }
        identical = firstDifference == nil
    }

    enum CodingKeys: String, CodingKey {
        case identical
        case backtestOrders = "backtest_orders"
        case daemonOrders = "daemon_orders"
        case firstDifference = "first_difference"
    }

    /// Encodes `first_difference` as null when there is none (the command's contract).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(identical, forKey: .identical)
        try container.encode(backtestOrders, forKey: .backtestOrders)
        try container.encode(daemonOrders, forKey: .daemonOrders)
        try container.encode(firstDifference, forKey: .firstDifference)
    }
}
