import HedgeExchange

/// The Binance USD-M REST endpoints the loopback venue serves, with their security type and
/// request weight as Binance documents them (`X-MBX-USED-WEIGHT-1M`).
enum LoopbackRoute: String, Sendable, Hashable, CaseIterable {
    case ping, time, exchangeInfo, klines, bookTicker, depth, premiumIndex, tickerPrice, ticker24hr
    case accountV2, accountV3, balanceV2, balanceV3, positionRiskV2, positionRiskV3
    case positionSideGet, positionSidePost, leverageBracket, changeLeverage, openOrders, allOrders, newOrder, queryOrder, cancelOrder, userTrades
    case listenKeyCreate, listenKeyKeepAlive, listenKeyClose

    /// How a request proves who sent it.
    enum Security: Sendable {
        /// Public market data.
        case none
        /// `X-MBX-APIKEY` only (listen keys).
        case apiKey
        /// `X-MBX-APIKEY`, `timestamp` in recvWindow and an HMAC-SHA256 `signature`.
        case signed
    }

    /// The route of `method` `path`, nil when Binance has no such endpoint here.
    init?(method: String, path: String) {
        let found: LoopbackRoute? = switch (method, path) {
        case ("GET", "/fapi/v1/ping"): .ping
        case ("GET", "/fapi/v1/time"): .time
        case ("GET", "/fapi/v1/exchangeInfo"): .exchangeInfo
        case ("GET", "/fapi/v1/klines"): .klines
        case ("GET", "/fapi/v1/ticker/bookTicker"): .bookTicker
        case ("GET", "/fapi/v1/depth"): .depth
        case ("GET", "/fapi/v1/premiumIndex"): .premiumIndex
        case ("GET", "/fapi/v1/ticker/price"), ("GET", "/fapi/v2/ticker/price"): .tickerPrice
        case ("GET", "/fapi/v1/ticker/24hr"): .ticker24hr
        case ("GET", "/fapi/v2/account"): .accountV2
        case ("GET", "/fapi/v3/account"): .accountV3
        case ("GET", "/fapi/v2/balance"): .balanceV2
        case ("GET", "/fapi/v3/balance"): .balanceV3
        case ("GET", "/fapi/v2/positionRisk"): .positionRiskV2
        case ("GET", "/fapi/v3/positionRisk"): .positionRiskV3
        case ("GET", "/fapi/v1/positionSide/dual"): .positionSideGet
        case ("POST", "/fapi/v1/positionSide/dual"): .positionSidePost
        case ("GET", "/fapi/v1/leverageBracket"): .leverageBracket
        case ("POST", "/fapi/v1/leverage"): .changeLeverage
        case ("GET", "/fapi/v1/openOrders"): .openOrders
        case ("GET", "/fapi/v1/allOrders"): .allOrders
        case ("POST", "/fapi/v1/order"): .newOrder
        case ("GET", "/fapi/v1/order"): .queryOrder
        case ("DELETE", "/fapi/v1/order"): .cancelOrder
        case ("GET", "/fapi/v1/userTrades"): .userTrades
        case ("POST", "/fapi/v1/listenKey"): .listenKeyCreate
        case ("PUT", "/fapi/v1/listenKey"): .listenKeyKeepAlive
        case ("DELETE", "/fapi/v1/listenKey"): .listenKeyClose
        default: nil
        }
        guard let found else { return nil }
        self = found
    }

    var security: Security {
        switch self {
        case .ping, .time, .exchangeInfo, .klines, .bookTicker, .depth, .premiumIndex, .tickerPrice, .ticker24hr: .none
        case .listenKeyCreate, .listenKeyKeepAlive, .listenKeyClose: .apiKey
        default: .signed
        }
    }

    /// Whether responses carry `X-MBX-ORDER-COUNT-10S` / `-1M`.
    var isOrderEndpoint: Bool {
        self == .newOrder || self == .cancelOrder || self == .queryOrder
    }

    /// Request weight of one call with `parameters` (Binance's table; some depend on `limit` or
    /// on whether a symbol was given). Placing an order weighs 0 on the IP limit: it counts on the
    /// order limits instead.
    func weight(_ parameters: BinanceQuery) -> Int {
        let hasSymbol = parameters.value(of: "symbol") != nil
        let limit = parameters.value(of: "limit").flatMap { Int($0) }
        switch self {
        case .ping, .time, .exchangeInfo, .listenKeyCreate, .listenKeyKeepAlive, .listenKeyClose, .positionSidePost, .queryOrder, .cancelOrder,
             .leverageBracket, .changeLeverage:
            return 1
        case .newOrder:
            return 0
        case .klines:
            let limit = limit ?? 500
            return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10
        case .depth:
            let limit = limit ?? 500
            return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20
        case .bookTicker, .tickerPrice: return hasSymbol ? (self == .bookTicker ? 2 : 1) : (self == .bookTicker ? 5 : 2)
        case .premiumIndex: return hasSymbol ? 1 : 10
        case .ticker24hr: return hasSymbol ? 1 : 40
        case .openOrders: return hasSymbol ? 1 : 40
        case .accountV2, .accountV3, .balanceV2, .balanceV3, .positionRiskV2, .positionRiskV3, .allOrders, .userTrades: return 5
        case .positionSideGet: return 30
        }
    }
}
