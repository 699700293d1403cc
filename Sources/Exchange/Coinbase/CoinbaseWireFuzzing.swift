import Foundation
import HedgeCore

/// Every reader of what a Coinbase venue sends, run over one input (as `BinanceWireFuzzing` does
/// for Binance): REST bodies and their conversions, stream messages, the error mapping and the
/// rate-limit headers. Each must answer (a value or an `ExchangeError`) and never trap.
public enum CoinbaseWireFuzzing {
    public static func exercise(_ bytes: [UInt8]) {
        let data = Data(bytes)
        let context = "fuzz"
        if let products = try? WireDecoding.decode(CoinbaseWire.Products.self, from: data, context: context) {
            for product in products.products {
                _ = try? product.venueFilters(context: context)
                _ = try? product.quoteVolume24h(context: context)
                _ = product.isTradable
            }
        }
        if let book = try? WireDecoding.decode(CoinbaseWire.BestBidAsk.self, from: data, context: context) {
            for entry in book.pricebooks {
                _ = try? entry.bookTop(context: context)
                _ = try? entry.depth(context: context)
            }
        }
        if let candles = try? WireDecoding.decode(CoinbaseWire.Candles.self, from: data, context: context) {
            for candle in candles.candles { _ = try? candle.bar(context: context) }
        }
        if let order = try? WireDecoding.decode(CoinbaseWire.GetOrder.self, from: data, context: context) { _ = try? order.order?.venueOrder(context: context) }
        if let orders = try? WireDecoding.decode(CoinbaseWire.Orders.self, from: data, context: context) {
            for order in orders.orders { _ = try? order.venueOrder(context: context) }
        }
        if let fills = try? WireDecoding.decode(CoinbaseWire.Fills.self, from: data, context: context) {
            for fill in fills.fills { _ = try? fill.venueFill(clientOrderId: "", context: context) }
        }
        if let answer = try? WireDecoding.decode(CoinbaseWire.CreateOrderResponse.self, from: data, context: context) {
            _ = CoinbaseAPIError.orderFailure(answer, clientOrderId: "hm-fuzz-1", symbol: "BTC-USD")
        }
        _ = try? WireDecoding.decode(CoinbaseWire.Accounts.self, from: data, context: context)
        streams(data)
        let header = String(decoding: bytes.prefix(64), as: UTF8.self)
        for status in [400, 401, 403, 404, 429, 503] {
            _ = CoinbaseAPIError.map(status: status, body: data, retryAfter: header, clientOrderId: "hm-fuzz-1", symbol: "BTC-USD", context: context)
        }
        _ = CoinbaseWire.epochMs(header)
        _ = Int64(header).flatMap(CoinbaseRESTClient.milliseconds)
    }

    private static func streams(_ data: Data) {
        let decoder = JSONDecoder()
        _ = try? decoder.decode(CoinbaseStreamWire.Envelope.self, from: data)
        if let ticker = try? decoder.decode(CoinbaseStreamWire.TickerMessage.self, from: data) {
            for event in ticker.events { for row in event.tickers ?? [] { _ = row.bookTop() } }
        }
        if let user = try? decoder.decode(CoinbaseStreamWire.UserMessage.self, from: data) {
            for event in user.events { for row in event.orders ?? [] { _ = try? row.venueOrder(timeMs: 0, knownType: nil, context: "fuzz") } }
        }
        if let level2 = try? decoder.decode(CoinbaseStreamWire.Level2Message.self, from: data) {
            let books = CoinbaseLocalBooks()
            for event in level2.events {
                let updates = (event.updates ?? []).compactMap { update -> (bid: Bool, price: Decimal, quantity: Decimal)? in
                    guard let price = Decimal(venueString: update.price_level), let quantity = Decimal(venueString: update.new_quantity) else { return nil }
                    return (update.side == "bid", price, quantity)
                }
                books.apply(product: event.product_id ?? "", snapshot: event.type == "snapshot", updates: updates)
                _ = books.depth(event.product_id ?? "", limit: 10)
            }
        }
    }
}
