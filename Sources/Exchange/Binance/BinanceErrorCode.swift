/// The Binance USD-M error codes Hedge handles by name, with the message Binance sends for each.
/// Other codes still decode (`BinanceAPIError.code` keeps the number); these are the ones whose
/// handling differs (retry, resync the clock, back off, query, give up).
public enum BinanceErrorCode: Int, Sendable, CaseIterable {
    case unknown = -1000
    case disconnected = -1001
    case tooManyRequests = -1003
    case unexpectedResponse = -1006
    case timeout = -1007
    case tooManyOrders = -1015
    case invalidTimestamp = -1021
    case invalidSignature = -1022
    case mandatoryParameter = -1102
    case badPrecision = -1111
    case badSymbol = -1121
    case newOrderRejected = -2010
    case cancelRejected = -2011
    case noSuchOrder = -2013
    case badAPIKeyFormat = -2014
    case rejectedAPIKey = -2015
    case marginInsufficient = -2019
    case orderWouldImmediatelyTrigger = -2021
    case reduceOnlyRejected = -2022
    case priceNotOnTick = -4014
    case invalidClientOrderId = -4015
    case noNeedToChangePositionSide = -4059
    case positionSideMismatch = -4061
    case duplicatedClientOrderId = -4116
    case marketOrderRejected = -4131
    case minNotional = -4164
    case postOnlyRejected = -5022

    /// The message Binance sends with this code (the first documented variant).
    public var message: String {
        switch self {
        case .unknown: "An unknown error occured while processing the request."
        case .disconnected: "Internal error; unable to process your request. Please try again."
        case .tooManyRequests: "Too many requests; please use the websocket for live updates to avoid polling the API."
        case .unexpectedResponse: "An unexpected response was received from the message bus. Execution status unknown."
        case .timeout: "Timeout waiting for response from backend server. Send status unknown; execution status unknown."
        case .tooManyOrders: "Too many new orders."
        case .invalidTimestamp: "Timestamp for this request is outside of the recvWindow."
        case .invalidSignature: "Signature for this request is not valid."
        case .mandatoryParameter: "A mandatory parameter was not sent, was empty/null, or malformed."
        case .badPrecision: "Precision is over the maximum defined for this asset."
        case .badSymbol: "Invalid symbol."
        case .newOrderRejected: "NEW_ORDER_REJECTED"
        case .cancelRejected: "Unknown order sent."
        case .noSuchOrder: "Order does not exist."
        case .badAPIKeyFormat: "API-key format invalid."
        case .rejectedAPIKey: "Invalid API-key, IP, or permissions for action."
        case .marginInsufficient: "Margin is insufficient."
        case .orderWouldImmediatelyTrigger: "Order would immediately trigger."
        case .reduceOnlyRejected: "ReduceOnly Order is rejected."
        case .priceNotOnTick: "Price not increased by tick size."
        case .invalidClientOrderId: "Client order id is not valid."
        case .noNeedToChangePositionSide: "No need to change position side."
        case .positionSideMismatch: "Order's position side does not match user's setting."
        case .duplicatedClientOrderId: "clientOrderId is duplicated"
        case .marketOrderRejected: "The counterparty's best price does not meet the PERCENT_PRICE filter limit"
        case .minNotional: "Order's notional must be no smaller than 5.0 (unless you choose reduce only)"
        case .postOnlyRejected: "Due to the order could not be executed as maker, the Post Only order will be rejected."
        }
    }
}
