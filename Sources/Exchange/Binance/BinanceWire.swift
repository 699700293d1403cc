import Foundation

/// Binance USD-M REST response bodies, decoded as Binance sends them: decimals as strings, ids and
/// times as numbers. Only the fields Hedge reads are declared; the rest are ignored, so additions
/// on Binance's side never break decoding. Conversion to venue types lives in
/// `BinanceWire+Venue.swift`.
enum BinanceWire {
    struct ErrorBody: Decodable {
        var code: Int
        var msg: String
    }

    struct ServerTime: Decodable {
        var serverTime: Int64
    }

    struct ExchangeInfo: Decodable {
        var rateLimits: [RateLimit]
        var symbols: [SymbolInfo]
    }

    struct RateLimit: Decodable {
        var rateLimitType: String
        var interval: String
        var intervalNum: Int
        var limit: Int
    }

    struct SymbolInfo: Decodable {
        var symbol: String
        var status: String
        var contractType: String?
        var filters: [Filter]
    }

    /// One entry of `filters`: every filter type shares one shape with optional fields.
    struct Filter: Decodable {
        var filterType: String
        var tickSize: String?
        var minPrice: String?
        var maxPrice: String?
        var stepSize: String?
        var minQty: String?
        var maxQty: String?
        var notional: String?
    }

    /// `[openTime, open, high, low, close, volume, closeTime, …]`.
    struct Kline: Decodable {
        var openTime: Int64
        var open: String
        var high: String
        var low: String
        var close: String
        var volume: String
        var closeTime: Int64

        init(from decoder: any Decoder) throws {
            var row = try decoder.unkeyedContainer()
            openTime = try row.decode(Int64.self)
            open = try row.decode(String.self)
            high = try row.decode(String.self)
            low = try row.decode(String.self)
            close = try row.decode(String.self)
            volume = try row.decode(String.self)
            closeTime = try row.decode(Int64.self)
        }
    }

    struct BookTicker: Decodable {
        var symbol: String
        var bidPrice: String
        var bidQty: String
        var askPrice: String
        var askQty: String
        var time: Int64?
    }

    struct Ticker24hr: Decodable {
        var symbol: String
        var quoteVolume: String
    }

    struct Depth: Decodable {
        var lastUpdateId: Int64
        var bids: [[String]]
        var asks: [[String]]
    }

    struct PremiumIndex: Decodable {
        var symbol: String
        var markPrice: String
        var lastFundingRate: String
        var nextFundingTime: Int64
        var time: Int64
    }

    /// `/fapi/v2/account` and `/fapi/v3/account` (the totals Hedge reads are in both).
    struct Account: Decodable {
        var totalWalletBalance: String
        var totalUnrealizedProfit: String
        var totalMarginBalance: String
        var totalInitialMargin: String
        var availableBalance: String
        var updateTime: Int64?
    }

    /// `/fapi/v2/positionRisk` and `/fapi/v3/positionRisk` rows.
    struct PositionRisk: Decodable {
        var symbol: String
        var positionSide: String
        var positionAmt: String
        var entryPrice: String
        var markPrice: String
        var unRealizedProfit: String
        var leverage: String?
        var notional: String?
        var initialMargin: String?
    }

    /// `POST /fapi/v1/leverage`'s answer.
    struct LeverageChange: Decodable {
        var symbol: String
        var leverage: Int
    }

    struct PositionMode: Decodable {
        var dualSidePosition: Bool
    }

    /// An order as `/fapi/v1/order` (new, query, cancel) and `/fapi/v1/openOrders` return it.
    struct Order: Decodable {
        var orderId: Int64
        var clientOrderId: String
        var symbol: String
        var side: String
        var positionSide: String?
        var type: String
        var origType: String?
        var status: String
        var origQty: String
        var price: String?
        var executedQty: String
        var avgPrice: String?
        var stopPrice: String?
        var timeInForce: String?
        var reduceOnly: Bool?
        var updateTime: Int64?
        var time: Int64?
    }

    struct UserTrade: Decodable {
        var id: Int64
        var orderId: Int64
        var symbol: String
        var side: String
        var positionSide: String?
        var price: String
        var qty: String
        var commission: String
        var commissionAsset: String
        var realizedPnl: String
        var maker: Bool
        var time: Int64
    }

    struct ListenKey: Decodable {
        var listenKey: String
    }
}
