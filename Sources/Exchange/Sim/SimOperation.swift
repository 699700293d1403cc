/// A call of the `ExchangeClient` protocol, named so faults can target it (`SimFaults`).
public enum SimOperation: String, Sendable, Hashable, CaseIterable {
    case exchangeInfo
    case klines
    case bookTicker
    case markPrice
    case account
    case positions
    case openOrders
    case placeOrder
    case cancelOrder
    case queryOrder
    case userTrades
    case setLeverage
}
