import Foundation
import HedgeCore
@testable import HedgeExchange
import Testing

/// Binance's documented and captured bodies decode into the venue types, exactly.
@Suite struct WireDecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try WireDecoding.decode(T.self, from: try BinanceFixtures.data(path), context: path)
    }

    @Test func exchangeInfoGivesFiltersAndLimits() throws {
        let info = try decode(BinanceWire.ExchangeInfo.self, "rest/http_futures_market_exchange_info.json")
        let filters = info.venueFilters()
        let btc = try #require(filters["BTCUSDT"])
        #expect(btc.price.tickSize == Decimal(string: "0.10"))
        #expect(btc.lot.stepSize == Decimal(string: "0.001"))
        #expect(btc.lot.minQty == Decimal(string: "0.001"))
        #expect(btc.minNotional == 10)
        #expect(btc.marketLot?.maxQty == 1000)
        #expect(info.limits == BinanceRateLimits(weightPerMinute: 6000, ordersPer10Seconds: 300, ordersPerMinute: 1200))
    }

    @Test func klinesBookTickerPremiumIndex() throws {
        let klines = try decode([BinanceWire.Kline].self, "rest/http_futures_market_klines.json")
        let bar = try klines[0].bar(context: "klines")
        #expect(bar.openTimeMs == 1_499_040_000_000)
        #expect(bar.open == 0.0163479 && bar.high == 0.8 && bar.close == 0.015771)
        let book = try decode(BinanceWire.BookTicker.self, "rest/http_futures_market_book_ticker.json").bookTop(context: "book")
        #expect(book.bidPrice == Decimal(string: "4.00000000") && book.askPrice == Decimal(string: "4.00000200"))
        let mark = try decode(BinanceWire.PremiumIndex.self, "rest/get_fapi_v1_premiumindex.response.json").markPrice(context: "mark")
        #expect(mark.markPrice == Decimal(string: "11793.63104562"))
        #expect(mark.fundingRate == 0.00038246 && mark.nextFundingTimeMs == 1_597_392_000_000)
        let depth = try decode(BinanceWire.Depth.self, "rest/http_futures_market_depth.json")
        #expect(depth.bids.first == ["4.00000000", "431.00000000"])
    }

    @Test func accountPositionsAndMode() throws {
        for path in ["rest/get_fapi_v2_account.response.json", "rest/get_fapi_v3_account.response.json"] {
            let account = try decode(BinanceWire.Account.self, path).snapshot(timeMs: 7, context: path)
            #expect(account.walletUSD > 0 && account.equityUSD == account.walletUSD, "\(path)")
        }
        let rows = try decode([BinanceWire.PositionRisk].self, "rest/get_fapi_v3_positionrisk.response.json")
        let position = try #require(try rows[0].position(context: "positionRisk"))
        #expect(position.symbol == "ADAUSDT" && position.side == .long && position.quantity == 30)
        #expect(position.entryPrice == Decimal(string: "0.385"))
        let hedge = try decode([BinanceWire.PositionRisk].self, "rest/http_futures_account_positions_hedge.json")
        #expect(try hedge.compactMap { try $0.position(context: "hedge") }.allSatisfy { $0.quantity > 0 })
        #expect(try decode(BinanceWire.PositionMode.self, "rest/http_futures_account_position_side_dual.json").dualSidePosition)
    }

    @Test func ordersAndTrades() throws {
        let query = try decode(BinanceWire.Order.self, "rest/get_fapi_v1_order.response.json")
        #expect(query.orderId > 0 && !query.clientOrderId.isEmpty)
        let open = try decode([BinanceWire.Order].self, "rest/get_fapi_v1_openorders.response.json")
        #expect(!open.isEmpty)
        let trade = try decode([BinanceWire.UserTrade].self, "rest/get_fapi_v1_usertrades.response.json")[0]
            .venueFill(clientOrderId: "x", context: "userTrades")
        #expect(trade.tradeId == "698759" && trade.orderId == "25851813" && trade.side == .sell && trade.positionSide == .short)
        #expect(trade.quantity == Decimal(string: "0.002") && trade.price == Decimal(string: "7819.01"))
        #expect(trade.feeUSD == Decimal(string: "0.07819010") && trade.liquidity == .taker)
        #expect(trade.realizedPnlUSD == Decimal(string: "-0.91539999"))
    }

    @Test func aTrailingStopIsNotMistakenForAnOrderTypeHedgePlaces() throws {
        let order = try decode(BinanceWire.Order.self, "rest/post_fapi_v1_order.response.json")
        #expect(throws: ExchangeError.self) { try order.venueOrder(context: "new order") }
    }

    @Test func malformedBodiesAreErrorsNamingTheField() {
        let missing = Data(#"{"symbol":"BTCUSDT","bidPrice":"1"}"#.utf8)
        #expect {
            try WireDecoding.decode(BinanceWire.BookTicker.self, from: missing, context: "GET book")
        } throws: { error in
            guard case .malformedResponse(let message) = error as? ExchangeError else { return false }
            return message.contains("GET book") && message.contains("missing")
        }
        let notJSON = Data("<html>502 Bad Gateway</html>".utf8)
        #expect(throws: ExchangeError.self) { try WireDecoding.decode(BinanceWire.Account.self, from: notJSON, context: "account") }
        let badNumber = BinanceWire.BookTicker(symbol: "X", bidPrice: "1e5", bidQty: "1", askPrice: "2", askQty: "1")
        #expect {
            try badNumber.bookTop(context: "book")
        } throws: { error in
            guard case .malformedResponse(let message) = error as? ExchangeError else { return false }
            return message.contains("bidPrice")
        }
    }

    @Test func streamEventsDecode() throws {
        guard case .bar(let symbol, let bar)? = try BinanceStreamDecoder.marketEvent(from: BinanceFixtures.data("ws/kline_stream_closed.json")) else {
            Issue.record("closed kline did not decode to a bar"); return
        }
        #expect(symbol == "BTCUSDT" && bar.openTimeMs == 1_638_747_660_000 && bar.close == 0.002 && bar.volume == 1000)
        guard case .book(let bookSymbol, let book, _)? = try BinanceStreamDecoder.marketEvent(from: BinanceFixtures.data("ws/book_ticker_stream.json")) else {
            Issue.record("bookTicker did not decode"); return
        }
        #expect(bookSymbol == "BNBUSDT" && book.bidPrice == Decimal(string: "25.35190000") && book.askQuantity == Decimal(string: "40.66000000"))
        guard case .markPrice(let mark)? = try BinanceStreamDecoder.marketEvent(from: BinanceFixtures.data("ws/mark_price_stream.json")) else {
            Issue.record("markPriceUpdate did not decode"); return
        }
        #expect(mark.fundingRate == 0.00038167 && mark.nextFundingTimeMs == 1_562_306_400_000)
        guard case .trade(_, let price, let quantity, _)? = try BinanceStreamDecoder.marketEvent(from: BinanceFixtures.data("ws/agg_trade_stream.json")) else {
            Issue.record("aggTrade did not decode"); return
        }
        #expect(price == Decimal(string: "0.001") && quantity == 100)
        // The combined-stream wrapper from /stream?streams=…
        let inner = String(decoding: try BinanceFixtures.data("ws/kline_stream_closed.json"), as: UTF8.self)
        let combined = Data(#"{"stream":"btcusdt@kline_1m","data":\#(inner)}"#.utf8)
        guard case .bar? = try BinanceStreamDecoder.marketEvent(from: combined) else { Issue.record("combined kline"); return }
        // A bar still open and a SUBSCRIBE reply mean nothing to the strategies.
        let open = String(decoding: try BinanceFixtures.data("ws/kline_stream_closed.json"), as: UTF8.self).replacingOccurrences(of: "\"x\": true", with: "\"x\": false")
        #expect(try BinanceStreamDecoder.marketEvent(from: Data(open.utf8)) == nil)
        #expect(try BinanceStreamDecoder.marketEvent(from: Data(#"{"result":null,"id":1}"#.utf8)) == nil)
    }

    @Test func userEventsDecode() throws {
        guard case .order(let order, let fill) = try BinanceStreamDecoder.userMessage(from: BinanceFixtures.data("ws/order_update_trade.json")) else {
            Issue.record("ORDER_TRADE_UPDATE trade did not decode"); return
        }
        #expect(order.clientOrderId == "TEST" && order.status == .partiallyFilled && order.positionSide == .long)
        #expect(order.filledQuantity == Decimal(string: "0.001") && order.averagePrice == Decimal(string: "7100.50"))
        let execution = try #require(fill)
        #expect(execution.tradeId == "12345678" && execution.quantity == Decimal(string: "0.001") && execution.price == Decimal(string: "7100.50"))
        #expect(execution.feeUSD == Decimal(string: "0.01") && execution.liquidity == .maker && execution.realizedPnlUSD == Decimal(string: "12.34"))
        // The documented NEW sample is a trailing stop: not an order Hedge places, so not its to track.
        guard case .ignored = try BinanceStreamDecoder.userMessage(from: BinanceFixtures.data("ws/order_update_new.json")) else {
            Issue.record("a trailing stop update was not ignored"); return
        }
        guard case .accountChanged = try BinanceStreamDecoder.userMessage(from: BinanceFixtures.data("ws/account_update.json")) else {
            Issue.record("ACCOUNT_UPDATE"); return
        }
        // The docs show listenKeyExpired's "E" as a string: it must still be recognised.
        guard case .listenKeyExpired = try BinanceStreamDecoder.userMessage(from: BinanceFixtures.data("ws/user_event_user_data_stream_expired.json")) else {
            Issue.record("listenKeyExpired"); return
        }
    }

    /// A captured user-stream message; the captures that wrap it as `{"stream", "data"}` are unwrapped.
    static func userMessage(_ file: String, edit: (String) -> String = { $0 }) throws -> BinanceStreamDecoder.UserMessage {
        // Re-serialised compactly, so an edit can match `"key":"value"` whatever the file's spacing.
        let object = try #require(try JSONSerialization.jsonObject(with: BinanceFixtures.data("ws/\(file)")) as? [String: Any])
        let data = try JSONSerialization.data(withJSONObject: object["data"] ?? object)
        return try BinanceStreamDecoder.userMessage(from: Data(edit(String(decoding: data, as: UTF8.self)).utf8))
    }

    @Test("a liquidation (CALCULATED) and an auto-deleverage are fills of orders Hedge did not send, with their trade ids")
    func liquidationAndADLAreFills() throws {
        guard case .order(let liquidation, let fill?) = try Self.userMessage("order_update_liquidation.json") else {
            Issue.record("the liquidation did not decode to an order with a fill"); return
        }
        #expect(liquidation.clientOrderId == "autoclose-1234567890123456" && liquidation.status == .filled)
        #expect(fill.quantity == Decimal(string: "0.100") && fill.price == 50_000 && fill.side == .sell && fill.tradeId == "1122334455")
        guard case .order(let adl, let adlFill?) = try Self.userMessage("order_update_adl_filled.json") else {
            Issue.record("the ADL fill did not decode"); return
        }
        #expect(adl.clientOrderId.hasPrefix("adl_autoclose") && adlFill.quantity == 1)
    }

    @Test("an insurance-fund liquidation (NEW_INSURANCE) decodes as a new order with its fill, not as a malformed status")
    func insuranceStatus() throws {
        guard case .order(let order, let fill?) = try Self.userMessage("order_update_insurance.json") else {
            Issue.record("NEW_INSURANCE did not decode"); return
        }
        #expect(order.status == .new)
        #expect(fill.quantity == Decimal(string: "0.020"))
    }

    @Test("an order of a type Hedge never places: ignored while it rests, its fill reported alone as a foreign fill")
    func foreignOrderTypes() throws {
        guard case .ignored = try Self.userMessage("order_update_new_stop.json") else {
            Issue.record("a person's STOP order was not ignored"); return
        }
        let filled = try Self.userMessage("order_update_new.json") { json in
            json.replacingOccurrences(of: #""x":"NEW""#, with: #""x":"TRADE""#)
                .replacingOccurrences(of: #""X":"NEW""#, with: #""X":"FILLED""#)
                .replacingOccurrences(of: #""l":"0""#, with: #""l":"0.5""#)
        }
        guard case .foreignFill(let fill) = filled else {
            Issue.record("a trailing stop's fill was not reported: \(filled)"); return
        }
        #expect(fill.quantity == Decimal(string: "0.5") && fill.clientOrderId == "TEST")
    }

    @Test("an order status Binance may add later is refused as malformed, naming it (the stream resyncs); an unknown execution type is an update without a fill")
    func unknownEnumValues() throws {
        #expect(throws: ExchangeError.malformedResponse("ORDER_TRADE_UPDATE TEST: status FROZEN")) {
            try Self.userMessage("order_update_new.json") { json in
                json.replacingOccurrences(of: #""X":"NEW""#, with: #""X":"FROZEN""#)
                    .replacingOccurrences(of: #""TRAILING_STOP_MARKET""#, with: #""LIMIT""#)
            }
        }
        let amended = try Self.userMessage("order_update_new.json") { json in
            json.replacingOccurrences(of: #""x":"NEW""#, with: #""x":"AMENDMENT""#)
                .replacingOccurrences(of: #""TRAILING_STOP_MARKET""#, with: #""LIMIT""#)
                .replacingOccurrences(of: #""l":"0""#, with: #""l":"0.5""#)
        }
        guard case .order(let order, let fill) = amended else { Issue.record("AMENDMENT did not decode: \(amended)"); return }
        #expect(order.status == .new)
        #expect(fill == nil, "only TRADE and CALCULATED executions are fills")
    }
}

@Suite("Binance market stream buffer")
struct BinanceMarketBufferTests {
    static func book(_ n: Int) -> MarketEvent {
        .book(symbol: "BTCUSDT", book: BookTop(bidPrice: 100, bidQuantity: 1, askPrice: 101, askQuantity: 1), timeMs: Int64(n))
    }

    @Test("a flood of book tickers through a full buffer never pushes a closed bar out; the books are what is dropped, and counted")
    func barsSurviveABookFlood() async throws {
        let (stream, continuation) = AsyncThrowingStream<MarketEvent, any Error>.makeStream(bufferingPolicy: .bufferingNewest(4))
        let bar = MarketEvent.bar(symbol: "BTCUSDT", bar: Bar(openTimeMs: 60_000, open: 1, high: 2, low: 1, close: 2, volume: 3))
        #expect(!BinanceUSDMClient.yieldKeepingBars(bar, to: continuation, capacity: 4))
        var dropped = 0
        for n in 0..<10 where BinanceUSDMClient.yieldKeepingBars(Self.book(n), to: continuation, capacity: 4) { dropped += 1 }
        continuation.finish()
        var received: [MarketEvent] = []
        for try await event in stream { received.append(event) }
        #expect(received.count == 4)
        #expect(received.contains(bar))
        #expect(dropped == 7)
        // The newest books are the ones kept beside the bar.
        #expect(received.filter { $0 != bar } == [Self.book(7), Self.book(8), Self.book(9)])
    }
}
