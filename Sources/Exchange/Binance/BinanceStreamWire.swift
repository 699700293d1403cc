import Foundation
import HedgeCore

/// Binance USD-M WebSocket payloads: market streams (`kline`, `bookTicker`, `markPriceUpdate`,
/// `aggTrade`, raw or wrapped as `{"stream":…,"data":…}` on `/stream`) and user data events
/// (`ORDER_TRADE_UPDATE`, `ACCOUNT_UPDATE`, `listenKeyExpired`).
enum BinanceStreamWire {
    /// Enough of any message to route it: the event type, or the combined-stream wrapper, or a
    /// reply to a SUBSCRIBE request (`{"result":null,"id":1}`).
    struct Probe: Decodable {
        var e: String?
        var stream: String?
        var id: Int?
    }

    struct Combined<Payload: Decodable>: Decodable {
        var data: Payload
    }

    struct Kline: Decodable {
        var s: String
        var k: Body

        struct Body: Decodable {
            var t: Int64
            var o: String
            var h: String
            var l: String
            var c: String
            var v: String
            var x: Bool
        }
    }

    struct BookTicker: Decodable {
        var s: String
        var b: String
        var B: String
        var a: String
        var A: String
        var E: Int64?
        var T: Int64?
    }

    struct MarkPriceUpdate: Decodable {
        var s: String
        var p: String
        var r: String
        var T: Int64
        var E: Int64
    }

    struct AggTrade: Decodable {
        var s: String
        var p: String
        var q: String
        var T: Int64
    }

    struct OrderTradeUpdate: Decodable {
        var E: Int64
        var o: Order

        struct Order: Decodable {
            var s: String
            var c: String
            var S: String
            var o: String
            var ot: String?
            var q: String
            var p: String
            var ap: String
            var x: String
            var X: String
            var i: Int64
            var l: String
            var z: String
            var L: String
            var n: String?
            var N: String?
            var T: Int64
            var t: Int64
            var m: Bool
            var ps: String?
            var rp: String?
        }
    }
}

/// Decoding of whole stream messages into venue events.
enum BinanceStreamDecoder {
    /// What one market-stream message means: an event, nothing (an open bar, a SUBSCRIBE reply, a
    /// type Hedge does not use), or an error naming what is wrong.
    static func marketEvent(from data: Data) throws(ExchangeError) -> MarketEvent? {
        let probe = try WireDecoding.decode(BinanceStreamWire.Probe.self, from: data, context: "market stream")
        if probe.stream != nil {
            let inner = try WireDecoding.decode(BinanceStreamWire.Combined<BinanceStreamWire.Probe>.self, from: data, context: "market stream")
            return try marketEvent(type: inner.data.e, data: data, combined: true)
        }
        return try marketEvent(type: probe.e, data: data, combined: false)
    }

    private static func marketEvent(type: String?, data: Data, combined: Bool) throws(ExchangeError) -> MarketEvent? {
        let context = "\(type ?? "?") event"
        switch type {
        case "kline":
            let kline: BinanceStreamWire.Kline = try payload(data, combined: combined, context: context)
            guard kline.k.x else { return nil }  // only closed bars drive strategies
            let bar = Bar(openTimeMs: kline.k.t,
                          open: try WireDecoding.double(kline.k.o, field: "k.o", context: context),
                          high: try WireDecoding.double(kline.k.h, field: "k.h", context: context),
                          low: try WireDecoding.double(kline.k.l, field: "k.l", context: context),
                          close: try WireDecoding.double(kline.k.c, field: "k.c", context: context),
                          volume: try WireDecoding.double(kline.k.v, field: "k.v", context: context))
            return .bar(symbol: kline.s, bar: bar)
        case "bookTicker":
            let ticker: BinanceStreamWire.BookTicker = try payload(data, combined: combined, context: context)
            let book = BookTop(bidPrice: try WireDecoding.decimal(ticker.b, field: "b", context: context),
                               bidQuantity: try WireDecoding.decimal(ticker.B, field: "B", context: context),
                               askPrice: try WireDecoding.decimal(ticker.a, field: "a", context: context),
                               askQuantity: try WireDecoding.decimal(ticker.A, field: "A", context: context))
            return .book(symbol: ticker.s, book: book, timeMs: ticker.T ?? ticker.E ?? 0)
        case "markPriceUpdate":
            let mark: BinanceStreamWire.MarkPriceUpdate = try payload(data, combined: combined, context: context)
            return .markPrice(MarkPrice(symbol: mark.s, markPrice: try WireDecoding.decimal(mark.p, field: "p", context: context),
                                        fundingRate: try WireDecoding.double(mark.r, field: "r", context: context),
                                        nextFundingTimeMs: mark.T, timeMs: mark.E))
        case "aggTrade":
            let trade: BinanceStreamWire.AggTrade = try payload(data, combined: combined, context: context)
            return .trade(symbol: trade.s, price: try WireDecoding.decimal(trade.p, field: "p", context: context),
                          quantity: try WireDecoding.decimal(trade.q, field: "q", context: context), timeMs: trade.T)
        default:
            return nil
        }
    }

    /// What one user-stream message is.
    enum UserMessage {
        case order(VenueOrder, fill: VenueFill?)
        /// A fill of an order of a type Hedge never places (see `UserEvent.foreignFill`).
        case foreignFill(VenueFill)
        /// Balances or positions changed; the adapter reads the account over REST for the totals.
        case accountChanged
        /// The listenKey expired: reconnect with a new one.
        case listenKeyExpired
        /// An event Hedge does not act on.
        case ignored
    }

    static func userMessage(from data: Data) throws(ExchangeError) -> UserMessage {
        let probe = try WireDecoding.decode(BinanceStreamWire.Probe.self, from: data, context: "user stream")
        switch probe.e {
        case "ORDER_TRADE_UPDATE":
            let update = try WireDecoding.decode(BinanceStreamWire.OrderTradeUpdate.self, from: data, context: "ORDER_TRADE_UPDATE")
            return try orderMessage(update)
        case "ACCOUNT_UPDATE": return .accountChanged
        case "listenKeyExpired": return .listenKeyExpired
        default: return .ignored
        }
    }

    /// An `ORDER_TRADE_UPDATE`: the order and, when the update is an execution (`x` TRADE, or
    /// CALCULATED for a liquidation or auto-deleverage) of a positive quantity, its fill. An order
    /// of a type Hedge never places is reported by its fill alone (or not at all without one).
    private static func orderMessage(_ update: BinanceStreamWire.OrderTradeUpdate) throws(ExchangeError) -> UserMessage {
        let o = update.o
        let context = "ORDER_TRADE_UPDATE \(o.c)"
        guard let side = Side(rawValue: o.S) else { throw .malformedResponse("\(context): side \(o.S)") }
        let positionSide = o.ps.flatMap(PositionSide.init(rawValue:))
        let fill = try execution(o, side: side, positionSide: positionSide, context: context)
        guard let type = VenueOrderType(rawValue: o.ot ?? o.o) ?? VenueOrderType(rawValue: o.o) else {
            return fill.map(UserMessage.foreignFill) ?? .ignored
        }
        guard let status = BinanceOrderStatus.venueStatus(o.X) else { throw .malformedResponse("\(context): status \(o.X)") }
        let filled = try WireDecoding.decimal(o.z, field: "o.z", context: context)
        let average = try WireDecoding.decimal(o.ap, field: "o.ap", context: context)
        let price = try WireDecoding.decimal(o.p, field: "o.p", context: context)
        let order = VenueOrder(
            orderId: String(o.i), clientOrderId: o.c, symbol: o.s, side: side, positionSide: positionSide, type: type,
            status: status, quantity: try WireDecoding.decimal(o.q, field: "o.q", context: context),
            price: price == 0 ? nil : price, filledQuantity: filled, averagePrice: filled > 0 && average > 0 ? average : nil,
            updateTimeMs: o.T)
        return .order(order, fill: fill)
    }

    /// The fill an order update reports, if it is an execution of a positive quantity.
    private static func execution(_ o: BinanceStreamWire.OrderTradeUpdate.Order, side: Side, positionSide: PositionSide?,
                                  context: String) throws(ExchangeError) -> VenueFill? {
        let lastQuantity = try WireDecoding.decimal(o.l, field: "o.l", context: context)
        guard o.x == "TRADE" || o.x == "CALCULATED", lastQuantity > 0 else { return nil }
        let commission = try o.n.map { (n) throws(ExchangeError) in try WireDecoding.decimal(n, field: "o.n", context: context) } ?? 0
        return VenueFill(
            tradeId: String(o.t), orderId: String(o.i), clientOrderId: o.c, symbol: o.s, side: side, positionSide: positionSide,
            quantity: lastQuantity, price: try WireDecoding.decimal(o.L, field: "o.L", context: context),
            feeUSD: commission < 0 ? -commission : commission, liquidity: o.m ? .maker : .taker,
            realizedPnlUSD: try o.rp.map { (rp) throws(ExchangeError) in try WireDecoding.decimal(rp, field: "o.rp", context: context) } ?? 0,
            timeMs: o.T)
    }

    private static func payload<T: Decodable>(_ data: Data, combined: Bool, context: String) throws(ExchangeError) -> T {
        combined
            ? try WireDecoding.decode(BinanceStreamWire.Combined<T>.self, from: data, context: context).data
            : try WireDecoding.decode(T.self, from: data, context: context)
    }
}
