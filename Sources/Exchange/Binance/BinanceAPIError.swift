import Foundation
import HedgeCore

/// Turns a non-2xx Binance response into a typed `ExchangeError`.
///
/// - 418: an IP ban (`rateLimited(banned: true)`), until `Retry-After` or the time in the body;
/// - 429 and -1003/-1015: too many requests;
/// - 5xx and -1000/-1001/-1006/-1007: the venue could not say what happened (outcome unknown);
/// - -1021: the timestamp was outside recvWindow (resync the clock);
/// - -1022, -2014, -2015: authentication;
/// - -2011, -2013: unknown order; -4116: duplicate client order id; -1121: unknown symbol;
/// - any other code: the request (an order, usually) was refused, code and message kept.
enum BinanceAPIError {
    static func map(status: Int, body: Data, retryAfter: String?, nowMs: Int64, clientOrderId: String?, symbol: String?) -> ExchangeError {
        let decoded = try? JSONDecoder().decode(BinanceWire.ErrorBody.self, from: body)
        let message = decoded?.msg ?? String(decoding: body.prefix(200), as: UTF8.self)
        let retrySeconds = BinanceHeaderValues.seconds(retryAfter)
        if status == 418 {
            let untilMs = bannedUntil(in: message, nowMs: nowMs) ?? nowMs + BinanceHeaderValues.milliseconds(retrySeconds ?? 120)
            return .rateLimited(retryAfterSeconds: Double(max(0, untilMs - nowMs)) / 1000, banned: true)
        }
        if status == 429 { return .rateLimited(retryAfterSeconds: retrySeconds ?? 1, banned: false) }
        guard let code = decoded?.code else {
            return status >= 500 ? .server(status: status, message: message) : .malformedResponse("HTTP \(status) without a Binance error body")
        }
        switch BinanceErrorCode(rawValue: code) {
        case .invalidTimestamp: return .timestampOutsideWindow
        case .invalidSignature, .badAPIKeyFormat, .rejectedAPIKey: return .unauthorized("\(code) \(message)")
        case .tooManyRequests:
            if let untilMs = bannedUntil(in: message, nowMs: nowMs) {
                return .rateLimited(retryAfterSeconds: Double(max(0, untilMs - nowMs)) / 1000, banned: true)
            }
            return .rateLimited(retryAfterSeconds: retrySeconds ?? 1, banned: false)
        case .tooManyOrders: return .rateLimited(retryAfterSeconds: retrySeconds ?? 1, banned: false)
        case .unknown, .disconnected, .unexpectedResponse, .timeout: return .server(status: status, message: "\(code) \(message)")
        case .cancelRejected, .noSuchOrder: return .unknownOrder(clientOrderId: clientOrderId ?? "")
        case .duplicatedClientOrderId: return .duplicateOrder(clientOrderId: clientOrderId ?? "")
        case .orderWouldImmediatelyTrigger: return .triggerAlreadyPassed("\(code) \(message)")
        case .badSymbol: return .unknownSymbol(symbol ?? "")
        default:
            if status >= 500 { return .server(status: status, message: "\(code) \(message)") }
            return .orderRejected(code: code, reason: message)
        }
    }

    /// The epoch ms in "IP banned until 1615183669840", when present, capped at the longest ban
    /// Binance imposes from `nowMs` (a time beyond `Int64` counts as that cap too).
    static func bannedUntil(in message: String, nowMs: Int64) -> Int64? {
        guard let range = message.range(of: "banned until ") else { return nil }
        let digits = message[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        let cap = nowMs + BinanceHeaderValues.milliseconds(BinanceHeaderValues.maxWaitSeconds)
        return min(Int64(digits) ?? cap, cap)
    }
}
