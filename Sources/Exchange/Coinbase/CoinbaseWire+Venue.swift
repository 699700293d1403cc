import Foundation
import HedgeCore

/// Coinbase bodies as venue types. Every number is checked: a field that is not a decimal is a
/// `malformedResponse` naming it.
extension CoinbaseWire {
    /// A Coinbase timestamp (`2024-01-15T10:30:00.123456Z`, any number of fraction digits) as
    /// epoch ms; nil when it is not one.
    static func epochMs(_ text: String) -> Int64? {
        var s = Substring(text)
        guard s.hasSuffix("Z") else { return nil }
        s = s.dropLast()
        if let dot = s.lastIndex(of: ".") {
            let fraction = s[s.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber) else { return nil }
            let millis = String(fraction.prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
            s = s[..<dot] + "." + millis
        }
        return UTCTime.parse(String(s))
    }
}

extension CoinbaseWire.Product {
    /// Whether new orders may be placed (online, not disabled, not cancel-only or view-only).
    var isTradable: Bool {
        (status ?? "online") == "online" && is_disabled != true && trading_disabled != true && cancel_only != true && view_only != true
    }

    /// The product's increments and minimums as Hedge's filters: tick = `price_increment`
    /// (`quote_increment` when absent), step = `base_increment`, minimum notional = `quote_min_size`.
    func venueFilters(context: String) throws(ExchangeError) -> VenueFilters {
        guard let filters = VenueFilters(
            symbol: product_id, tickSize: price_increment ?? quote_increment, minPrice: "0", maxPrice: "0",
            stepSize: base_increment, minQty: base_min_size, maxQty: base_max_size, minNotional: quote_min_size)
        else {
            throw .malformedResponse("\(context): \(product_id) increments or sizes are not decimals "
                + "(base_increment \(base_increment), price_increment \(price_increment ?? quote_increment), base_min_size \(base_min_size))")
        }
        return filters
    }

    /// Traded value over 24 h in quote currency: Coinbase's own approximation when sent, else
    /// base volume × price.
    func quoteVolume24h(context: String) throws(ExchangeError) -> Double {
        if let approximate = approximate_quote_24h_volume, !approximate.isEmpty {
            return try WireDecoding.double(approximate, field: "approximate_quote_24h_volume", context: context)
        }
        let volume = try WireDecoding.double(volume_24h ?? "0", field: "volume_24h", context: context)
        let price = try WireDecoding.double(price ?? "0", field: "price", context: context)
        return volume * price
    }
}

extension CoinbaseWire.PriceBook {
    func bookTop(context: String) throws(ExchangeError) -> BookTop {
        guard let bid = bids.first, let ask = asks.first else {
            throw .malformedResponse("\(context): \(product_id) has an empty side")
        }
        return BookTop(bidPrice: try WireDecoding.decimal(bid.price, field: "bids.price", context: context),
                       bidQuantity: try WireDecoding.decimal(bid.size, field: "bids.size", context: context),
                       askPrice: try WireDecoding.decimal(ask.price, field: "asks.price", context: context),
                       askQuantity: try WireDecoding.decimal(ask.size, field: "asks.size", context: context))
    }

    func depth(context: String) throws(ExchangeError) -> OrderBookDepth {
        func levels(_ rows: [CoinbaseWire.Level], _ side: String) throws(ExchangeError) -> [PriceLevel] {
            var out: [PriceLevel] = []
            out.reserveCapacity(rows.count)
            for row in rows {
                out.append(PriceLevel(price: try WireDecoding.decimal(row.price, field: "\(side).price", context: context),
                                      quantity: try WireDecoding.decimal(row.size, field: "\(side).size", context: context)))
            }
            return out
        }
        return OrderBookDepth(bids: try levels(bids, "bids"), asks: try levels(asks, "asks"))
    }
}

extension CoinbaseWire.Candle {
    /// The candle as a bar (Coinbase sends `start` in epoch seconds).
    func bar(context: String) throws(ExchangeError) -> Bar {
        guard let seconds = Int64(start), case let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000), !overflow else {
            throw .malformedResponse("\(context): candle start \(start.prefix(20)) is not epoch seconds")
        }
        return Bar(openTimeMs: ms,
                   open: try WireDecoding.double(open, field: "open", context: context),
                   high: try WireDecoding.double(high, field: "high", context: context),
                   low: try WireDecoding.double(low, field: "low", context: context),
                   close: try WireDecoding.double(close, field: "close", context: context),
                   volume: try WireDecoding.double(volume, field: "volume", context: context))
    }
}

extension CoinbaseWire.Order {
    /// The order as Hedge sees it. A stop-limit that triggers on a fall is a protective stop
    /// (`STOP_MARKET`), one that triggers on a rise a take-profit; a market order sized in quote
    /// currency has the quantity it filled.
    func venueOrder(context: String) throws(ExchangeError) -> VenueOrder {
        guard let side = Side(rawValue: side) else { throw .malformedResponse("\(context): side \(side.prefix(20))") }
        let filled = try WireDecoding.decimal(filled_size ?? "0", field: "filled_size", context: context)
        let average = try average_filled_price.flatMap { (text) throws(ExchangeError) -> Decimal? in
            let value = try WireDecoding.decimal(text, field: "average_filled_price", context: context)
            return value > 0 ? value : nil
        }
        let configuration = order_configuration ?? CoinbaseWire.OrderConfiguration()
        var type = VenueOrderType.limit
        var sizeText: String?
        var priceText: String?
        if let market = configuration.market_market_ioc {
            type = .market
            sizeText = market.base_size
        } else if let limit = configuration.limit_limit_gtc {
            sizeText = limit.base_size
            priceText = limit.limit_price
        } else if let limit = configuration.sor_limit_ioc {
            sizeText = limit.base_size
            priceText = limit.limit_price
        } else if let stop = configuration.stop_limit_stop_limit_gtc {
            type = stop.stop_direction == CoinbaseOrderPlan.stopUp ? .takeProfitMarket : .stopMarket
            sizeText = stop.base_size
            priceText = stop.stop_price
        }
        let quantity = try sizeText.map { (text) throws(ExchangeError) in try WireDecoding.decimal(text, field: "base_size", context: context) } ?? filled
        let price = try priceText.map { (text) throws(ExchangeError) in try WireDecoding.decimal(text, field: "limit_price", context: context) }
        let status = try venueStatus(filled: filled, context: context)
        let time = (last_fill_time.flatMap(CoinbaseWire.epochMs)) ?? (created_time.flatMap(CoinbaseWire.epochMs)) ?? 0
        var reason: String?
        if status == .rejected { reason = [reject_reason, reject_message].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ": ") }
        if status == .canceled, let message = cancel_message, !message.isEmpty { reason = message }
        // Spot holdings are all long: every order belongs to the long leg of the hedge-mode mesh.
        return VenueOrder(orderId: order_id, clientOrderId: client_order_id, symbol: product_id, side: side, positionSide: .long,
                          type: type, status: status, quantity: quantity, price: price, filledQuantity: filled, averagePrice: average,
                          updateTimeMs: time, reason: reason)
    }

    /// Coinbase's order statuses as Hedge's: PENDING/QUEUED/OPEN (and a cancel still queued) are
    /// working, partly filled when anything filled.
    private func venueStatus(filled: Decimal, context: String) throws(ExchangeError) -> OrderStatus {
        switch status {
        case "PENDING", "QUEUED", "OPEN", "CANCEL_QUEUED", "EDIT_QUEUED": filled > 0 ? .partiallyFilled : .new
        case "FILLED": .filled
        case "CANCELLED": .canceled
        case "EXPIRED": .expired
        case "FAILED": .rejected
        default: throw .malformedResponse("\(context): order status \(status.prefix(30)) is not one Coinbase documents")
        }
    }
}

extension CoinbaseWire.Fill {
    /// The fill with its commission (quote currency: USD for the pairs Hedge trades).
    func venueFill(clientOrderId: String, context: String) throws(ExchangeError) -> VenueFill {
        guard let side = Side(rawValue: side) else { throw .malformedResponse("\(context): fill side \(side.prefix(20))") }
        guard let time = CoinbaseWire.epochMs(trade_time) else { throw .malformedResponse("\(context): trade_time \(trade_time.prefix(40))") }
        let price = try WireDecoding.decimal(price, field: "price", context: context)
        var quantity = try WireDecoding.decimal(size, field: "size", context: context)
        // A fill of an order sized in quote currency reports its size in quote: base = quote / price.
        if size_in_quote == true, price > 0 { quantity /= price }
        return VenueFill(tradeId: trade_id, orderId: order_id, clientOrderId: clientOrderId, symbol: product_id, side: side,
                         positionSide: .long, quantity: quantity, price: price,
                         feeUSD: try WireDecoding.decimal(commission, field: "commission", context: context),
                         liquidity: liquidity_indicator == "MAKER" ? .maker : .taker, realizedPnlUSD: 0, timeMs: time)
    }
}
