import Testing
@testable import HedgeCore

@Suite("Round trips from fills")
struct RoundTripTrackerTests {
    @Test("a leg opened in two fills and closed in two gives one trade with averaged prices and summed fees")
    func partialFills() throws {
        var tracker = RoundTripTracker()
        tracker.label(symbol: "BTCUSDT", leg: .long, strategy: "trend", regime: .bull, stopPrice: 95)
        #expect(tracker.record(symbol: "BTCUSDT", leg: .long, opening: true, quantity: 1, price: 100, feeUSD: 0.04, timeMs: 1_000) == nil)
        #expect(tracker.record(symbol: "BTCUSDT", leg: .long, opening: true, quantity: 1, price: 102, feeUSD: 0.04, timeMs: 2_000) == nil)
        #expect(tracker.record(symbol: "BTCUSDT", leg: .long, opening: false, quantity: 1.5, price: 110, feeUSD: 0.06, timeMs: 3_000) == nil)
        let closed = tracker.record(symbol: "BTCUSDT", leg: .long, opening: false, quantity: 0.5, price: 106, feeUSD: 0.02, timeMs: 4_000, exitReason: "stop")
        let trade = try #require(closed)
        #expect(trade.entryPrice == 101)
        #expect(trade.exitPrice == 109)
        #expect(trade.quantity == 2)
        #expect(trade.pnlUSD == 16)  // 1.5 × 9 + 0.5 × 5
        #expect(abs(trade.feesUSD - 0.16) < 1e-12)
        #expect(trade.entryTimeMs == 1_000 && trade.exitTimeMs == 4_000)
        #expect(trade.strategy == "trend" && trade.regime == .bull && trade.exitReason == "stop")
        #expect(abs(trade.rMultiple - (16 - 0.16) / (6 * 2)) < 1e-12)
    }

    @Test("short legs realize PnL in the other direction; a closing fill with nothing open is ignored")
    func shortLeg() throws {
        var tracker = RoundTripTracker()
        #expect(tracker.record(symbol: "ETHUSDT", leg: .short, opening: false, quantity: 1, price: 50, feeUSD: 0, timeMs: 0) == nil)
        _ = tracker.record(symbol: "ETHUSDT", leg: .short, opening: true, quantity: 2, price: 50, feeUSD: 0, timeMs: 0)
        let closed = tracker.record(symbol: "ETHUSDT", leg: .short, opening: false, quantity: 2, price: 45, feeUSD: 0, timeMs: 1)
        let trade = try #require(closed)
        #expect(trade.pnlUSD == 10)
        #expect(trade.side == .short)
    }
}
