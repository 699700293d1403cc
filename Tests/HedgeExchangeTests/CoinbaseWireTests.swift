import Foundation
import HedgeCore
@testable import HedgeExchange
import Testing

/// Coinbase bodies from captures and ccxt's request vectors, read and written as the venue does.
@Suite struct CoinbaseWireTests {
    @Test func anOrderReadsWithItsFillsAndConfiguration() throws {
        let order = try WireDecoding.decode(CoinbaseWire.GetOrder.self, from: CoinbaseFixtures.data("http_order.json"), context: "t").order
        let venue = try #require(order).venueOrder(context: "t")
        #expect(venue.orderId == "0000-000000-000000")
        #expect(venue.clientOrderId == "11111-000000-000000")
        #expect(venue.symbol == "BTC-USD")
        #expect(venue.type == .limit)
        #expect(venue.status == .partiallyFilled)
        #expect(venue.quantity == Decimal(string: "0.001"))
        #expect(venue.price == 10_000)
        #expect(venue.filledQuantity == Decimal(string: "0.001"))
        #expect(venue.averagePrice == 50)
        #expect(venue.positionSide == .long)
        #expect(venue.updateTimeMs == UTCTime.parse("2021-05-31T10:30:00Z"))
    }

    @Test func fillsAccountsAndProductsRead() throws {
        let fills = try WireDecoding.decode(CoinbaseWire.Fills.self, from: CoinbaseFixtures.data("http_fills.json"), context: "t").fills
        let first = try fills[0].venueFill(clientOrderId: "c1", context: "t")
        #expect(first.tradeId == "1111-11111-111111")
        #expect(first.price == Decimal(string: "45123.45"))
        #expect(first.quantity == Decimal(string: "0.005"))
        #expect(first.feeUSD == Decimal(string: "1.14"))
        #expect(first.liquidity == .maker)
        #expect(first.timeMs == UTCTime.parse("2024-01-15T10:30:00Z"))
        #expect(try fills[1].venueFill(clientOrderId: "", context: "t").side == .sell)

        let accounts = try WireDecoding.decode(CoinbaseWire.Accounts.self, from: CoinbaseFixtures.data("http_accounts.json"), context: "t")
        #expect(accounts.accounts.map(\.currency) == ["BTC", "USD"])
        #expect(accounts.accounts[1].hold?.value == "450.00")

        let product = try WireDecoding.decode(CoinbaseWire.Product.self, from: CoinbaseFixtures.data("http_product.json"), context: "t")
        let filters = try product.venueFilters(context: "t")
        #expect(filters.price.tickSize == Decimal(string: "0.01"))
        #expect(filters.lot.stepSize == Decimal(string: "0.00000001"))
        #expect(filters.minNotional == 1)
        #expect(try product.quoteVolume24h(context: "t") == 758_506_771.41)
        #expect(product.isTradable)
    }

    @Test func timestampsWithMicrosecondsParse() {
        #expect(CoinbaseWire.epochMs("2024-01-15T10:30:00.123456Z") == UTCTime.parse("2024-01-15T10:30:00.123Z"))
        #expect(CoinbaseWire.epochMs("2024-01-15T10:30:00.1Z") == UTCTime.parse("2024-01-15T10:30:00.100Z"))
        #expect(CoinbaseWire.epochMs("2024-01-15T10:30:00Z") == UTCTime.parse("2024-01-15T10:30:00Z"))
        #expect(CoinbaseWire.epochMs("2024-01-15 10:30:00+00:00") == nil)
    }

    @Test func refusedOrdersMapToTypedErrors() throws {
        let postOnly = try WireDecoding.decode(CoinbaseWire.CreateOrderResponse.self,
                                               from: CoinbaseFixtures.data("create_order_rejected_post_only.json"), context: "t")
        let refusal = CoinbaseAPIError.orderFailure(postOnly, clientOrderId: "c1", symbol: "BTC-USD")
        #expect(refusal.isPostOnlyRefusal)
        #expect(refusal == .orderRejected(code: -5022, reason: "INVALID_LIMIT_PRICE_POST_ONLY: Post only limit order would cross the order book"))
        let duplicate = try WireDecoding.decode(CoinbaseWire.CreateOrderResponse.self,
                                                from: CoinbaseFixtures.data("create_order_rejected_duplicate.json"), context: "t")
        #expect(CoinbaseAPIError.orderFailure(duplicate, clientOrderId: "c1", symbol: "BTC-USD") == .duplicateOrder(clientOrderId: "c1"))

        let body = Data(#"{"error":"PERMISSION_DENIED","message":"Missing required scopes"}"#.utf8)
        #expect(CoinbaseAPIError.map(status: 403, body: body, retryAfter: nil, clientOrderId: nil, symbol: nil, context: "POST /orders")
            == .unauthorized("POST /orders: the API key lacks the permission (403 PERMISSION_DENIED Missing required scopes)"))
        #expect(CoinbaseAPIError.map(status: 429, body: Data(), retryAfter: "2", clientOrderId: nil, symbol: nil, context: "x")
            == .rateLimited(retryAfterSeconds: 2, banned: false))
        #expect(CoinbaseAPIError.map(status: 503, body: Data(), retryAfter: nil, clientOrderId: "c1", symbol: nil, context: "x").outcomeUnknown)
        #expect(CoinbaseAPIError.map(status: 404, body: Data(), retryAfter: nil, clientOrderId: "c1", symbol: nil, context: "x")
            == .unknownOrder(clientOrderId: "c1"))
    }

    @Test func userChannelOrdersRead() throws {
        let message = try JSONDecoder().decode(CoinbaseStreamWire.UserMessage.self, from: CoinbaseFixtures.data("ws_user.json"))
        let row = try #require(message.events.first?.orders?.first)
        let order = try row.venueOrder(timeMs: 1, knownType: nil, context: "t")
        #expect(order.status == .new)
        #expect(order.type == .limit)
        #expect(order.quantity == Decimal(string: "0.001"))
        #expect(order.clientOrderId == "11111-000000-000001")
    }

    /// ccxt's request vectors: the bodies Hedge sends for the same orders are the same JSON
    /// (client order ids aside, which ccxt marks as random).
    @Test func orderBodiesMatchCcxtsVectors() throws {
        struct Vectors: Decodable {
            struct Vector: Decodable {
                let description: String
                let url: String
                let body: String?
            }
            let vectors: [Vector]
        }
        let vectors = try JSONDecoder().decode(Vectors.self, from: CoinbaseFixtures.data("ccxt_request_coinbase_v3_subset.json")).vectors
        func expected(_ description: String) throws -> NSDictionary {
            let vector = try #require(vectors.first { $0.description == description })
            let text = try #require(vector.body)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8), options: .mutableContainers) as? NSMutableDictionary)
            object["client_order_id"] = "id"
            return object
        }
        func body(_ request: VenueOrderRequest, ask: Decimal? = nil) throws -> NSDictionary {
            let encoded = CoinbaseAdvancedClient.encode(try CoinbaseOrderPlan.body(for: request, bestAsk: ask, filters: nil, quoteIncrement: 0.01))
            return try #require(try JSONSerialization.jsonObject(with: encoded) as? NSDictionary)
        }
        func request(_ symbol: String, _ side: Side, _ type: VenueOrderType, _ quantity: Decimal, price: Decimal? = nil,
                     tif: TimeInForce? = nil) -> VenueOrderRequest {
            VenueOrderRequest(clientOrderId: "id", symbol: symbol, side: side, positionSide: .long, type: type, quantity: quantity,
                              price: price, timeInForce: tif)
        }
        #expect(try body(request("ADA-USDT", .buy, .limit, 4, price: Decimal(string: "0.2"), tif: .gtc)) == expected("spot limit buy"))
        #expect(try body(request("ADA-USDT", .buy, .limit, 10, price: Decimal(string: "0.25"), tif: .gtx)) == expected("Spot limit buy with postOnly"))
        #expect(try body(request("ADA-USDT", .sell, .market, 10)) == expected("Spot market sell"))
        #expect(try body(request("DOGE-USDT", .buy, .limit, 10, price: Decimal(string: "0.05"), tif: .ioc)) == expected("create limit IOC order"))
        // A market buy is sized in quote: 1 ADA at a best ask of 5 is quote_size 5.
        #expect(try body(request("ADA-USDT", .buy, .market, 1), ask: 5) == expected("Spot market buy (quote size)"))
    }

    @Test func protectiveExitsBecomeStopLimitsPastTheTrigger() throws {
        let filters = try #require(VenueFilters(symbol: "BTC-USD", tickSize: "0.01", minPrice: "0", maxPrice: "0", stepSize: "0.00000001",
                                                minQty: "0.00000001", maxQty: "3400", minNotional: "1"))
        let stop = VenueOrderRequest(clientOrderId: "s", symbol: "BTC-USD", side: .sell, positionSide: .long, type: .stopMarket,
                                     quantity: Decimal(string: "0.5")!, stopPrice: Decimal(string: "60000.55"))
        let body = try CoinbaseOrderPlan.body(for: stop, bestAsk: nil, filters: filters, quoteIncrement: 0.01)
        #expect(body.order_configuration.stop_limit_stop_limit_gtc == .init(base_size: "0.5", limit_price: "59400.54", stop_price: "60000.55",
                                                                             stop_direction: CoinbaseOrderPlan.stopDown))
        var takeProfit = stop
        takeProfit.type = .takeProfitMarket
        takeProfit.stopPrice = 70_000
        #expect(try CoinbaseOrderPlan.body(for: takeProfit, bestAsk: nil, filters: filters, quoteIncrement: 0.01)
            .order_configuration.stop_limit_stop_limit_gtc?.stop_direction == CoinbaseOrderPlan.stopUp)
    }

    @Test func candlesCloseOnceInOrderAndASnapshotOnlySeeds() {
        func bar(_ minute: Int64, _ close: Double) -> Bar {
            Bar(openTimeMs: minute * 300_000, open: 1, high: 2, low: 0.5, close: close, volume: 1)
        }
        let closer = CandleCloser()
        // A subscription's snapshot of recent candles: history, nothing closes.
        #expect(closer.update(symbol: "BTC-USD", with: bar(1, 10), snapshot: true) == nil)
        #expect(closer.update(symbol: "BTC-USD", with: bar(2, 11), snapshot: true) == nil)
        // Updates of the forming candle, then the next bucket: the previous one closes, with its last values.
        #expect(closer.update(symbol: "BTC-USD", with: bar(2, 12)) == nil)
        #expect(closer.update(symbol: "BTC-USD", with: bar(3, 13)) == bar(2, 12))
        // A late update of an older bucket neither closes anything nor moves the forming candle back.
        #expect(closer.update(symbol: "BTC-USD", with: bar(2, 99)) == nil)
        #expect(closer.update(symbol: "BTC-USD", with: bar(4, 14)) == bar(3, 13))
        // Products are independent.
        #expect(closer.update(symbol: "ETH-USD", with: bar(4, 1)) == nil)
    }

    @Test func sequenceNumbersOpenAGapOnlyWhenOneIsSkipped() {
        let tracker = SequenceTracker()
        #expect(tracker.observe(5) == nil)
        #expect(tracker.observe(6) == nil)
        // A repeat or an older number is not a gap and does not move the mark.
        #expect(tracker.observe(6) == nil)
        #expect(tracker.observe(4) == nil)
        #expect(tracker.observe(7) == nil)
        #expect(tracker.observe(9) == "7 → 9")
        tracker.reset()
        #expect(tracker.observe(0) == nil, "a new connection counts afresh")
    }
}

