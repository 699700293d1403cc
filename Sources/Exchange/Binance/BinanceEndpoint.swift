/// One Binance USD-M REST endpoint: method, path, how it is authenticated and what it costs
/// against the rate limits (weights as documented for USD-M futures).
public struct BinanceEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum Method: String, Sendable { case get = "GET", post = "POST", put = "PUT", delete = "DELETE" }
    public enum Security: Sendable { case none, apiKey, signed }

    public var method: Method
    public var path: String
    public var security: Security
    public var weight: Int
    /// Counts against the order limits (`X-MBX-ORDER-COUNT-*`).
    public var isOrder: Bool

    public var description: String { "\(method.rawValue) \(path)" }

    public static let ping = BinanceEndpoint(method: .get, path: "/fapi/v1/ping", security: .none, weight: 1, isOrder: false)
    public static let time = BinanceEndpoint(method: .get, path: "/fapi/v1/time", security: .none, weight: 1, isOrder: false)
    public static let exchangeInfo = BinanceEndpoint(method: .get, path: "/fapi/v1/exchangeInfo", security: .none, weight: 1, isOrder: false)
    public static func klines(limit: Int) -> BinanceEndpoint {
        let weight = switch limit { case ..<100: 1; case ..<500: 2; case ...1000: 5; default: 10 }
        return BinanceEndpoint(method: .get, path: "/fapi/v1/klines", security: .none, weight: weight, isOrder: false)
    }
    public static let bookTicker = BinanceEndpoint(method: .get, path: "/fapi/v1/ticker/bookTicker", security: .none, weight: 2, isOrder: false)
    public static func depth(limit: Int) -> BinanceEndpoint {
        let weight = switch limit { case ...50: 2; case ...100: 5; case ...500: 10; default: 20 }
        return BinanceEndpoint(method: .get, path: "/fapi/v1/depth", security: .none, weight: weight, isOrder: false)
    }
    /// One symbol's 24 h rolling ticker (weight 1 with a symbol).
    public static let ticker24hr = BinanceEndpoint(method: .get, path: "/fapi/v1/ticker/24hr", security: .none, weight: 1, isOrder: false)
    public static let premiumIndex = BinanceEndpoint(method: .get, path: "/fapi/v1/premiumIndex", security: .none, weight: 1, isOrder: false)
    public static let account = BinanceEndpoint(method: .get, path: "/fapi/v2/account", security: .signed, weight: 5, isOrder: false)
    public static let positionRisk = BinanceEndpoint(method: .get, path: "/fapi/v2/positionRisk", security: .signed, weight: 5, isOrder: false)
    public static let positionMode = BinanceEndpoint(method: .get, path: "/fapi/v1/positionSide/dual", security: .signed, weight: 30, isOrder: false)
    public static func openOrders(allSymbols: Bool) -> BinanceEndpoint {
        BinanceEndpoint(method: .get, path: "/fapi/v1/openOrders", security: .signed, weight: allSymbols ? 40 : 1, isOrder: false)
    }
    public static let allOrders = BinanceEndpoint(method: .get, path: "/fapi/v1/allOrders", security: .signed, weight: 5, isOrder: false)
    public static let newOrder = BinanceEndpoint(method: .post, path: "/fapi/v1/order", security: .signed, weight: 1, isOrder: true)
    public static let queryOrder = BinanceEndpoint(method: .get, path: "/fapi/v1/order", security: .signed, weight: 1, isOrder: false)
    public static let cancelOrder = BinanceEndpoint(method: .delete, path: "/fapi/v1/order", security: .signed, weight: 1, isOrder: false)
    public static let changeLeverage = BinanceEndpoint(method: .post, path: "/fapi/v1/leverage", security: .signed, weight: 1, isOrder: false)
    public static let userTrades = BinanceEndpoint(method: .get, path: "/fapi/v1/userTrades", security: .signed, weight: 5, isOrder: false)
    public static let createListenKey = BinanceEndpoint(method: .post, path: "/fapi/v1/listenKey", security: .apiKey, weight: 1, isOrder: false)
    public static let keepAliveListenKey = BinanceEndpoint(method: .put, path: "/fapi/v1/listenKey", security: .apiKey, weight: 1, isOrder: false)
    public static let closeListenKey = BinanceEndpoint(method: .delete, path: "/fapi/v1/listenKey", security: .apiKey, weight: 1, isOrder: false)
}
