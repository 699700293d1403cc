import HedgeCore
import Testing

@Suite("Order parity: the backtest's and the daemon's accepted orders, in sequence")
struct OrderParityTests {
    static func ack(_ id: String, _ symbol: String = "BTCUSDT", side: Side = .buy, type: String = "LIMIT", quantity: Double = 0.031,
                    price: Double? = 94_608.8, reason: String? = nil, timeMs: Int64 = 0) -> OrderLogEvent {
        OrderLogEvent(event: .ack, clientOrderId: id, intentId: nil, symbol: symbol, side: side, positionSide: .long, quantity: quantity,
                      price: price, grossUSD: nil, feeUSD: nil, liquidity: nil, status: .new, slippageBps: nil, reason: reason,
                      timeMs: timeMs, orderType: type)
    }

    static func fill(_ id: String) -> OrderLogEvent {
        OrderLogEvent(event: .fill, clientOrderId: id, intentId: nil, symbol: "BTCUSDT", side: .buy, positionSide: .long, quantity: 0.031,
                      price: 94_600, grossUSD: nil, feeUSD: nil, liquidity: .maker, status: .filled, slippageBps: nil, reason: nil, timeMs: 0)
    }

    @Test("ids, times and non-ACK events aside, the same orders are identical")
    func identical() {
        let backtest = [Self.ack("bt-1", timeMs: 1), Self.fill("bt-1"), Self.ack("bt-2", type: "STOP_MARKET", price: 90_000, reason: "stop")]
        let daemon = [Self.ack("hm-1-1", timeMs: 60_001), Self.ack("hm-1-2", type: "STOP_MARKET", price: 90_000, reason: "stop")]
        let parity = OrderParity(backtest: backtest, daemon: daemon)
        #expect(parity.identical && parity.firstDifference == nil)
        #expect(parity.backtestOrders == 2 && parity.daemonOrders == 2)
    }

    @Test("the first order that differs in any compared field is reported with both sides")
    func firstDifference() throws {
        let base = [Self.ack("a"), Self.ack("b", type: "TAKE_PROFIT_MARKET", price: 99_000, reason: "take_profit")]
        for changed in [Self.ack("x", type: "STOP_MARKET", price: 99_000, reason: "take_profit"),
                        Self.ack("x", type: "TAKE_PROFIT_MARKET", quantity: 0.032, price: 99_000, reason: "take_profit"),
                        Self.ack("x", type: "TAKE_PROFIT_MARKET", price: 99_000.1, reason: "take_profit"),
                        Self.ack("x", type: "TAKE_PROFIT_MARKET", price: 99_000, reason: "stop"),
                        Self.ack("x", "ETHUSDT", type: "TAKE_PROFIT_MARKET", price: 99_000, reason: "take_profit"),
                        Self.ack("x", side: .sell, type: "TAKE_PROFIT_MARKET", price: 99_000, reason: "take_profit")] {
            let parity = OrderParity(backtest: base, daemon: [Self.ack("a"), changed])
            #expect(!parity.identical)
            let difference = try #require(parity.firstDifference)
            #expect(difference.index == 1 && difference.backtest?.clientOrderId == "b" && difference.daemon?.clientOrderId == "x")
        }
    }

    @Test("a decimal-to-binary wobble is the same price; a missing price is not a zero one")
    func tolerance() {
        let a = OrderParity(backtest: [Self.ack("a", quantity: 0.1 + 0.2)], daemon: [Self.ack("b", quantity: 0.3)])
        #expect(a.identical)
        let b = OrderParity(backtest: [Self.ack("a", type: "MARKET", price: nil)], daemon: [Self.ack("b", type: "MARKET", price: 0)])
        #expect(!b.identical)
    }

    @Test("one run sending more orders differs where the shorter one ends; the JSON says so with null for the missing side")
    func lengths() throws {
        let parity = OrderParity(backtest: [Self.ack("a")], daemon: [Self.ack("a"), Self.ack("b")])
        #expect(!parity.identical && parity.firstDifference?.index == 1 && parity.firstDifference?.backtest == nil)
        let json = try JSONOutput.encode(parity, pretty: false)
        #expect(json.hasPrefix(#"{"backtest_orders":1,"daemon_orders":2,"first_difference":{"daemon":{"#))
        #expect(json.hasSuffix(#""index":1},"identical":false}"#))
        let same = try JSONOutput.encode(OrderParity(backtest: [], daemon: []), pretty: false)
        #expect(same == #"{"backtest_orders":0,"daemon_orders":0,"first_difference":null,"identical":true}"#)
    }
}
