import Foundation
import Testing
@testable import HedgeCore

@Suite("Routing: effective fill price and slippage")
struct RoutingFillTests {
    private func dec(_ string: String) throws -> Decimal {
        try #require(Decimal(venueString: string))
    }

    @Test("the effective price of several partial fills is their quantity-weighted average")
    func weightedAverage() throws {
        let fills = [
            Fill(price: try dec("94230.2"), quantity: try dec("0.002")),
            Fill(price: try dec("94230.5"), quantity: try dec("0.005")),
            Fill(price: try dec("94231.0"), quantity: try dec("0.003")),
        ]
        // (188.4604 + 471.1525 + 282.693) / 0.01 = 94230.59
        #expect(effectivePrice(of: fills) == (try dec("94230.59")))
    }

    @Test("a single fill's effective price is its own price, and zero-quantity fills weigh nothing")
    func singleAndZeroFills() throws {
        let price = try dec("0.1234")
        #expect(effectivePrice(of: [Fill(price: price, quantity: 7)]) == price)
        #expect(effectivePrice(of: [Fill(price: price, quantity: 7), Fill(price: 1, quantity: 0)]) == price)
    }

    @Test("no effective price without filled quantity or with bad fills", arguments: [
        [Fill](),
        [Fill(price: 100, quantity: 0)],
        [Fill(price: 0, quantity: 1)],
        [Fill(price: 100, quantity: -1), Fill(price: 100, quantity: 2)],
        [Fill(price: .nan, quantity: 1)],
    ])
    func noEffectivePrice(fills: [Fill]) {
        #expect(effectivePrice(of: fills) == nil)
    }

    @Test("slippage is positive when adverse and negative when improved, for both sides", arguments: [
        // side, price, mid, expected bps
        (Side.buy, "100.01", "100", 1.0),   // paid above mid
        (.buy, "99.99", "100", -1.0),       // bought below mid
        (.sell, "99.99", "100", 1.0),       // received below mid
        (.sell, "100.01", "100", -1.0),     // sold above mid
        (.buy, "100", "100", 0.0),
    ])
    func slippageSign(side: Side, price: String, mid: String, expected: Double) throws {
        let bps = try #require(slippageBps(side: side, price: dec(price), mid: dec(mid)))
        #expect(abs(bps - expected) < 1e-9)
        // The analytics version fills and previews record agrees with the exact one.
        let fromDoubles = slippageBps(side: side, price: try dec(price).analyticsDouble, mid: try dec(mid).analyticsDouble)
        #expect(abs(fromDoubles - expected) < 1e-9)
    }

    @Test("slippage needs a positive mid")
    func slippageNeedsMid() {
        #expect(slippageBps(side: .buy, price: Decimal(100), mid: 0) == nil)
        #expect(slippageBps(side: .sell, price: Decimal.nan, mid: 100) == nil)
        #expect(slippageBps(side: .buy, price: 100.0, mid: 0.0) == 0)
    }
}
