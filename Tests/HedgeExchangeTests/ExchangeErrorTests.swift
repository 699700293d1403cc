import HedgeExchange
import Testing

@Suite("Exchange errors")
struct ExchangeErrorTests {
    @Test("only transport failures and 5xx leave an order's outcome unknown")
    func outcomeUnknown() {
        #expect(ExchangeError.transport("timeout").outcomeUnknown)
        #expect(ExchangeError.server(status: 503, message: "busy").outcomeUnknown)
        #expect(!ExchangeError.orderRejected(code: -2019, reason: "Margin is insufficient").outcomeUnknown)
        #expect(!ExchangeError.duplicateOrder(clientOrderId: "h-1").outcomeUnknown)
        #expect(ExchangeError.rateLimited(retryAfterSeconds: 12, banned: true).description == "IP banned for 12.0 s (418)")
    }
}
