import Foundation
import HedgeCore

/// Coinbase's refusals as typed `ExchangeError`s.
///
/// HTTP level: 401 (a JWT Coinbase does not accept) and 403 (a key without the permission) are
/// `unauthorized`; 429 is `rateLimited` (Coinbase does not ban, so never `banned`); 5xx is `server`
/// (outcome unknown); 404 on an order is `unknownOrder`; any other status keeps Coinbase's
/// `error` and `message`.
///
/// `POST /orders` answers 200 with `success: false` and a `failure_reason` for a refused order:
/// `DUPLICATE_CLIENT_ORDER_ID` is `duplicateOrder` (the adapter then reads the existing order),
/// `INVALID_LIMIT_PRICE_POST_ONLY` the venue-neutral post-only refusal the router re-prices,
/// `UNKNOWN_PRODUCT_ID`/`INVALID_PRODUCT_ID` `unknownSymbol`, a stop already past its trigger
/// `triggerAlreadyPassed`, and every other reason (`INSUFFICIENT_FUND`, `UNKNOWN_FAILURE_REASON`,
/// size and price precision …) `orderRejected` with the reason and message.
enum CoinbaseAPIError {
    static func map(status: Int, body: Data, retryAfter: String?, clientOrderId: String?, symbol: String?, context: String) -> ExchangeError {
        let decoded = try? JSONDecoder().decode(CoinbaseWire.APIError.self, from: body)
        let code = decoded?.error ?? ""
        let message = [decoded?.message, decoded?.error_details].compactMap { $0?.isEmpty == false ? $0 : nil }.first
            ?? String(decoding: body.prefix(200), as: UTF8.self)
        switch status {
        case 401: return .unauthorized("\(context): Coinbase refused the API key's JWT (401 \(message))")
        case 403: return .unauthorized("\(context): the API key lacks the permission (403 \(code) \(message))")
        case 429: return .rateLimited(retryAfterSeconds: BinanceHeaderValues.seconds(retryAfter) ?? 1, banned: false)
        case 404 where clientOrderId != nil: return .unknownOrder(clientOrderId: clientOrderId ?? "")
        case 404 where symbol != nil && code == "NOT_FOUND": return .unknownSymbol(symbol ?? "")
        case 500...: return .server(status: status, message: "\(code) \(message)".trimmingCharacters(in: .whitespaces))
        default:
            if code == "INVALID_ARGUMENT", let symbol, message.localizedCaseInsensitiveContains("product") {
                return .unknownSymbol(symbol)
            }
            return .orderRejected(code: nil, reason: "\(context): HTTP \(status) \(code) \(message)".trimmingCharacters(in: .whitespaces))
        }
    }

    /// The error of a `success: false` create-order answer.
    static func orderFailure(_ response: CoinbaseWire.CreateOrderResponse, clientOrderId: String, symbol: String) -> ExchangeError {
        let reason = response.error_response?.new_order_failure_reason.flatMap { $0.hasPrefix("UNKNOWN_") ? nil : $0 }
            ?? response.error_response?.preview_failure_reason.flatMap { $0.hasPrefix("UNKNOWN_") ? nil : $0 }
            ?? response.failure_reason ?? response.error_response?.error ?? "UNKNOWN_FAILURE_REASON"
        let message = response.error_response?.message ?? ""
        let described = message.isEmpty ? reason : "\(reason): \(message)"
        switch reason {
        case "DUPLICATE_CLIENT_ORDER_ID": return .duplicateOrder(clientOrderId: clientOrderId)
        case "INVALID_LIMIT_PRICE_POST_ONLY": return .orderRejected(code: ExchangeError.postOnlyWouldCrossCode, reason: described)
        case "UNKNOWN_PRODUCT_ID", "INVALID_PRODUCT_ID": return .unknownSymbol(symbol)
        case "PREVIEW_STOP_PRICE_ABOVE_LAST_TRADE_PRICE", "PREVIEW_STOP_PRICE_BELOW_LAST_TRADE_PRICE":
            return .triggerAlreadyPassed(described)
        default: return .orderRejected(code: nil, reason: described)
        }
    }
}
