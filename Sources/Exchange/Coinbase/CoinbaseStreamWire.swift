import Foundation
import HedgeCore

/// Coinbase Advanced Trade WebSocket messages: every one is `{"channel", "timestamp",
/// "sequence_num", "events": […]}`; `sequence_num` counts up by one per message on a connection,
/// so a jump is a lost message.
enum CoinbaseStreamWire {
    struct Envelope: Decodable {
        let channel: String?
        let type: String?
        let message: String?
        let timestamp: String?
        let sequence_num: Int64?
    }

    struct TickerMessage: Decodable {
        struct Event: Decodable {
            let type: String?
            let tickers: [Ticker]?
        }
        struct Ticker: Decodable {
            let product_id: String
            let price: String?
            let best_bid: String?
            let best_bid_quantity: String?
            let best_ask: String?
            let best_ask_quantity: String?
        }
        let timestamp: String?
        let events: [Event]
    }

    struct CandlesMessage: Decodable {
        struct Event: Decodable {
            let type: String?
            let candles: [Candle]?
        }
        struct Candle: Decodable {
            let product_id: String
            let start: String
            let low: String
            let high: String
            let open: String
            let close: String
            let volume: String
        }
        let events: [Event]
    }

    /// `level2` subscriptions arrive on channel `l2_data`.
    struct Level2Message: Decodable {
        struct Event: Decodable {
            let type: String?
            let product_id: String?
            let updates: [Update]?
        }
        struct Update: Decodable {
            let side: String
            let price_level: String
            let new_quantity: String
        }
        let events: [Event]
    }

    struct UserMessage: Decodable {
        struct Event: Decodable {
            let type: String?
            let orders: [Order]?
        }
        struct Order: Decodable {
            let order_id: String
            let client_order_id: String
            let cumulative_quantity: String
            let leaves_quantity: String
            let avg_price: String
            let total_fees: String
            let status: String
            let product_id: String
            let creation_time: String?
            let order_side: String
            let order_type: String?
            let limit_price: String?
            let stop_price: String?
            let cancel_reason: String?
            let reject_reason: String?
        }
        let timestamp: String?
        let events: [Event]
    }
}

extension CoinbaseStreamWire.TickerMessage.Ticker {
    /// The ticker's best bid and ask, nil when it carries none.
    func bookTop() -> BookTop? {
        guard let bid = best_bid.flatMap({ Decimal(venueString: $0) }), let ask = best_ask.flatMap({ Decimal(venueString: $0) }),
              bid > 0, ask >= bid else { return nil }
        return BookTop(bidPrice: bid, bidQuantity: best_bid_quantity.flatMap { Decimal(venueString: $0) } ?? 0,
                       askPrice: ask, askQuantity: best_ask_quantity.flatMap { Decimal(venueString: $0) } ?? 0)
    }
}

extension CoinbaseStreamWire.UserMessage.Order {
    /// The order as Hedge sees it (`type` from what the adapter placed under this id, else from
    /// Coinbase's `order_type`).
    func venueOrder(timeMs: Int64, knownType: VenueOrderType?, context: String) throws(ExchangeError) -> VenueOrder {
        guard let side = Side(rawValue: order_side) else { throw .malformedResponse("\(context): order_side \(order_side.prefix(20))") }
        let filled = try WireDecoding.decimal(cumulative_quantity, field: "cumulative_quantity", context: context)
        let leaves = try WireDecoding.decimal(leaves_quantity, field: "leaves_quantity", context: context)
        let average = try WireDecoding.decimal(avg_price, field: "avg_price", context: context)
        let status: OrderStatus = switch status {
        case "PENDING", "OPEN", "QUEUED", "CANCEL_QUEUED": filled > 0 ? .partiallyFilled : .new
        case "FILLED": .filled
        case "CANCELLED": .canceled
        case "EXPIRED": .expired
        case "FAILED": .rejected
        default: throw .malformedResponse("\(context): order status \(status.prefix(30))")
        }
        let typeName = (order_type ?? "").lowercased()
        let type = knownType ?? (typeName.contains("market") ? .market : typeName.contains("stop") ? .stopMarket : .limit)
        let price = (type == .limit ? limit_price : stop_price).flatMap { Decimal(venueString: $0) }.flatMap { $0 > 0 ? $0 : nil }
        let reason = [cancel_reason, reject_reason].compactMap { $0?.isEmpty == false ? $0 : nil }.first
        return VenueOrder(orderId: order_id, clientOrderId: client_order_id, symbol: product_id, side: side, positionSide: .long,
                          type: type, status: status, quantity: filled + leaves, price: price, filledQuantity: filled,
                          averagePrice: average > 0 ? average : nil, updateTimeMs: timeMs, reason: status.isTerminal ? reason : nil)
    }
}
