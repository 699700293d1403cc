import Foundation
@testable import HedgeExchange
import Testing

/// Real Binance error bodies (quoted in public issue threads) and the documented codes map to the
/// typed error a caller acts on.
@Suite struct BinanceErrorMappingTests {
    private func map(_ status: Int, _ body: String, retryAfter: String? = nil, nowMs: Int64 = 1_516_180_000_000) -> ExchangeError {
        BinanceAPIError.map(status: status, body: Data(body.utf8), retryAfter: retryAfter, nowMs: nowMs, clientOrderId: "hm-1", symbol: "BTCUSDT")
    }

    @Test func observedBodiesMapToTheirMeaning() {
        #expect(map(400, #"{"code":-1021,"msg":"Timestamp for this request was 1000ms ahead of the server's time."}"#) == .timestampOutsideWindow)
        #expect(map(418, #"{"code":-1003,"msg":"Way too many requests; IP banned until 1516180405741."}"#)
            == .rateLimited(retryAfterSeconds: 405.741, banned: true))
        #expect(map(429, #"{"code":-1003,"msg":"Too many requests; current request has limited."}"#, retryAfter: "7")
            == .rateLimited(retryAfterSeconds: 7, banned: false))
        #expect(map(400, #"{"code":-2019,"msg":"Margin is insufficient."}"#) == .orderRejected(code: -2019, reason: "Margin is insufficient."))
        #expect(map(400, #"{"code":-4131,"msg":"The counterparty's best price does not meet the PERCENT_PRICE filter limit."}"#)
            == .orderRejected(code: -4131, reason: "The counterparty's best price does not meet the PERCENT_PRICE filter limit."))
        #expect(map(400, #"{"code":-2011,"msg":"Unknown order sent."}"#) == .unknownOrder(clientOrderId: "hm-1"))
    }

    @Test func documentedCodes() {
        #expect(map(400, #"{"code":-1022,"msg":"Signature for this request is not valid."}"#) == .unauthorized("-1022 Signature for this request is not valid."))
        #expect(map(401, #"{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#).description.contains("unauthorized"))
        #expect(map(400, #"{"code":-2013,"msg":"Order does not exist."}"#) == .unknownOrder(clientOrderId: "hm-1"))
        #expect(map(400, #"{"code":-4116,"msg":"clientOrderId is duplicated"}"#) == .duplicateOrder(clientOrderId: "hm-1"))
        #expect(map(400, #"{"code":-2022,"msg":"ReduceOnly Order is rejected."}"#) == .orderRejected(code: -2022, reason: "ReduceOnly Order is rejected."))
        #expect(map(400, #"{"code":-5022,"msg":"Due to the order could not be executed as maker, the Post Only order will be rejected."}"#)
            == .orderRejected(code: -5022, reason: "Due to the order could not be executed as maker, the Post Only order will be rejected."))
        #expect(map(400, #"{"code":-2010,"msg":"NEW_ORDER_REJECTED"}"#) == .orderRejected(code: -2010, reason: "NEW_ORDER_REJECTED"))
        #expect(map(400, #"{"code":-2021,"msg":"Order would immediately trigger."}"#) == .triggerAlreadyPassed("-2021 Order would immediately trigger."))
        #expect(map(400, #"{"code":-1121,"msg":"Invalid symbol."}"#) == .unknownSymbol("BTCUSDT"))
    }

    @Test func serverErrorsLeaveTheOutcomeUnknown() {
        let gateway = map(502, "<html>Bad Gateway</html>")
        #expect(gateway.outcomeUnknown)
        let timeout = map(503, #"{"code":-1007,"msg":"Timeout waiting for response from backend server. Send status unknown; execution status unknown."}"#)
        #expect(timeout.outcomeUnknown)
        #expect(!map(400, #"{"code":-2019,"msg":"Margin is insufficient."}"#).outcomeUnknown)
        // A 4xx without a Binance body is a malformed answer, not a crash.
        guard case .malformedResponse = map(404, "not found") else { Issue.record("404 without body"); return }
    }

    @Test func aBanWithoutATimeInTheBodyUsesRetryAfter() {
        #expect(map(418, #"{"code":-1003,"msg":"banned"}"#, retryAfter: "120") == .rateLimited(retryAfterSeconds: 120, banned: true))
    }
}
