import Foundation
import HedgeCore
import HedgeExchange

/// The loopback Coinbase venue's JSON bodies, in the shapes of Coinbase's captured responses
/// (`../shared/data/exchange/coinbase_advanced`): decimals as strings, times as RFC 3339 UTC.
enum CoinbasePayloads {
    typealias JSON = BinanceJSON

    static func time(_ ms: Int64) -> JSON {
        .object([("iso", .string(UTCTime.iso8601(ms: ms))), ("epochSeconds", .string(String(ms / 1000))),
                 ("epochMillis", .string(String(ms)))])
    }

    /// Coinbase's body for a refused request.
    static func error(_ code: String, _ message: String, details: String = "") -> JSON {
        .object([("error", .string(code)), ("error_details", .string(details)), ("message", .string(message))])
    }

    static func product(id: String, filters: VenueFilters, price: Decimal, quoteVolume24h: Double) -> JSON {
        let base = CoinbaseLoopbackProducts.baseCurrency(productId: id)
        let volume = price > 0 ? quoteVolume24h / price.analyticsDouble : 0
        return .object([
            ("product_id", .string(id)), ("price", .decimal(price)),
            ("volume_24h", .string(String(format: "%.8f", volume))),
            ("approximate_quote_24h_volume", .string(String(format: "%.2f", quoteVolume24h))),
            ("base_increment", .decimal(filters.lot.stepSize)), ("quote_increment", .string("0.01")),
            ("quote_min_size", .decimal(max(1, filters.minNotional))), ("quote_max_size", .string("150000000")),
            ("base_min_size", .decimal(filters.lot.minQty)),
            ("base_max_size", .decimal(filters.lot.maxQty > 0 ? filters.lot.maxQty : 1_000_000)),
            ("base_name", .string(base)), ("quote_name", .string("US Dollar")), ("status", .string("online")),
            ("is_disabled", .bool(false)), ("cancel_only", .bool(false)), ("limit_only", .bool(false)), ("post_only", .bool(false)),
            ("trading_disabled", .bool(false)), ("auction_mode", .bool(false)), ("product_type", .string("SPOT")),
            ("quote_currency_id", .string("USD")), ("base_currency_id", .string(base)), ("view_only", .bool(false)),
            ("price_increment", .decimal(filters.price.tickSize)), ("display_name", .string(id)), ("product_venue", .string("CBE")),
        ])
    }

    static func account(currency: String, available: Decimal, hold: Decimal) -> JSON {
        .object([
            ("uuid", .string("loopback-\(currency.lowercased())-wallet")), ("name", .string("\(currency) Wallet")),
            ("currency", .string(currency)),
            ("available_balance", .object([("value", .decimal(available)), ("currency", .string(currency))])),
            ("default", .bool(currency == "USD")), ("active", .bool(true)), ("type", .string(currency == "USD" ? "ACCOUNT_TYPE_FIAT" : "ACCOUNT_TYPE_CRYPTO")),
            ("ready", .bool(true)), ("hold", .object([("value", .decimal(hold)), ("currency", .string(currency))])),
        ])
    }

    static func pricebook(productId: String, bids: [PriceLevel], asks: [PriceLevel], timeMs: Int64) -> JSON {
        func levels(_ rows: [PriceLevel]) -> JSON {
            .array(rows.map { .object([("price", .decimal($0.price)), ("size", .decimal($0.quantity))]) })
        }
        return .object([("product_id", .string(productId)), ("bids", levels(bids)), ("asks", levels(asks)),
                        ("time", .string(UTCTime.iso8601(ms: timeMs)))])
    }

    static func candle(_ bar: Bar, productId: String? = nil) -> JSON {
        var members: [(String, JSON)] = [
            ("start", .string(String(bar.openTimeMs / 1000))), ("low", .string(plain(bar.low))), ("high", .string(plain(bar.high))),
            ("open", .string(plain(bar.open))), ("close", .string(plain(bar.close))), ("volume", .string(plain(bar.volume))),
        ]
        if let productId { members.append(("product_id", .string(productId))) }
        return .object(members)
    }

    private static func plain(_ value: Double) -> String {
        Decimal(string: String(value)).map(\.venueString) ?? String(value)
    }

    /// Coinbase's status for the sim's.
    static func status(_ status: OrderStatus) -> String {
        switch status {
        case .new, .partiallyFilled: "OPEN"
        case .filled: "FILLED"
        case .canceled: "CANCELLED"
        case .expired: "EXPIRED"
        case .rejected: "FAILED"
        }
    }

    static func orderType(_ key: String) -> String {
        switch key {
        case "market_market_ioc": "MARKET"
        case "stop_limit_stop_limit_gtc": "STOP_LIMIT"
        default: "LIMIT"
        }
    }

    static func timeInForce(_ key: String) -> String {
        switch key {
        case "market_market_ioc", "sor_limit_ioc": "IMMEDIATE_OR_CANCEL"
        default: "GOOD_UNTIL_CANCELLED"
        }
    }

    /// `GET /orders/historical/{id}`'s order.
    static func order(_ entry: CoinbaseLoopbackOrders.Entry, _ order: VenueOrder, fees: Decimal, fills: Int) -> JSON {
        let filled = order.filledQuantity
        let average = order.averagePrice ?? 0
        let value = filled * average
        let completion = order.quantity > 0 ? filled / order.quantity * 100 : 0
        let isStop = entry.configurationKey == "stop_limit_stop_limit_gtc"
        return .object([
            ("order_id", .string(entry.orderId)), ("product_id", .string(entry.productId)), ("user_id", .string("loopback-user")),
            ("order_configuration", .object([(entry.configurationKey, .object(entry.configuration))])),
            ("side", .string(entry.side)), ("client_order_id", .string(entry.clientOrderId)), ("status", .string(status(order.status))),
            ("time_in_force", .string(timeInForce(entry.configurationKey))), ("created_time", .string(UTCTime.iso8601(ms: entry.createdAtMs))),
            ("completion_percentage", .decimal(completion.rounded(toMultipleOf: 0.01, .nearest))),
            ("filled_size", .decimal(filled)), ("average_filled_price", .decimal(average)), ("fee", .string("")),
            ("number_of_fills", .string(String(fills))), ("filled_value", .decimal(value)), ("pending_cancel", .bool(false)),
            ("size_in_quote", .bool(entry.configuration.contains { $0.0 == "quote_size" })), ("total_fees", .decimal(fees)),
            ("size_inclusive_of_fees", .bool(false)), ("total_value_after_fees", .decimal(entry.side == "BUY" ? value + fees : value - fees)),
            ("trigger_status", .string(isStop ? (order.status == .new ? "STOP_PENDING" : "STOP_TRIGGERED") : "INVALID_ORDER_TYPE")),
            ("order_type", .string(orderType(entry.configurationKey))),
            ("reject_reason", .string(order.status == .rejected ? "REJECT_REASON_UNSPECIFIED" : "")), ("settled", .bool(order.status.isTerminal)),
            ("product_type", .string("SPOT")), ("reject_message", .string(order.status == .rejected ? order.reason ?? "" : "")),
            ("cancel_message", .string(order.status == .canceled ? order.reason ?? "User requested cancel" : "")),
            ("order_placement_source", .string("RETAIL_ADVANCED")), ("outstanding_hold_amount", .string("0")),
            ("is_liquidation", .bool(false)), ("last_fill_time", filled > 0 ? .string(UTCTime.iso8601(ms: order.updateTimeMs)) : .null),
        ])
    }

    /// One order of a `user` channel event.
    static func userOrder(_ entry: CoinbaseLoopbackOrders.Entry, _ order: VenueOrder, fees: Decimal) -> JSON {
        let limit = entry.configuration.first { $0.0 == "limit_price" }?.1 ?? .string("0")
        let stop = entry.configuration.first { $0.0 == "stop_price" }?.1 ?? .string("0")
        return .object([
            ("order_id", .string(entry.orderId)), ("client_order_id", .string(entry.clientOrderId)),
            ("cumulative_quantity", .decimal(order.filledQuantity)),
            ("leaves_quantity", .decimal(order.status.isTerminal ? 0 : max(0, order.quantity - order.filledQuantity))),
            ("avg_price", .decimal(order.averagePrice ?? 0)), ("total_fees", .decimal(fees)), ("status", .string(status(order.status))),
            ("product_id", .string(entry.productId)), ("creation_time", .string(UTCTime.iso8601(ms: entry.createdAtMs))),
            ("order_side", .string(entry.side)), ("order_type", .string(orderType(entry.configurationKey))),
            ("limit_price", limit), ("stop_price", stop),
            ("cancel_reason", .string(order.status == .canceled ? order.reason ?? "User requested cancel" : "")),
            ("reject_reason", .string(order.status == .rejected ? order.reason ?? "" : "")), ("product_type", .string("SPOT")),
            ("time_in_force", .string(timeInForce(entry.configurationKey))),
        ])
    }

    static func fill(_ fill: VenueFill, productId: String) -> JSON {
        .object([
            ("entry_id", .string("entry-\(fill.tradeId)")), ("trade_id", .string(fill.tradeId)), ("order_id", .string(fill.orderId)),
            ("trade_time", .string(UTCTime.iso8601(ms: fill.timeMs))), ("trade_type", .string("FILL")), ("price", .decimal(fill.price)),
            ("size", .decimal(fill.quantity)), ("commission", .decimal(fill.feeUSD)), ("product_id", .string(productId)),
            ("sequence_timestamp", .string(UTCTime.iso8601(ms: fill.timeMs))), ("liquidity_indicator", .string(fill.liquidity.rawValue)),
            ("size_in_quote", .bool(false)), ("user_id", .string("loopback-user")), ("side", .string(fill.side.rawValue)),
        ])
    }

    /// A WebSocket message: `{"channel", "client_id", "timestamp", "sequence_num", "events"}`.
    static func message(channel: String, timeMs: Int64, sequence: Int64, events: [JSON]) -> JSON {
        .object([("channel", .string(channel)), ("client_id", .string("")), ("timestamp", .string(UTCTime.iso8601(ms: timeMs))),
                 ("sequence_num", .int(sequence)), ("events", .array(events))])
    }
}
