import Foundation
import HedgeCore
import HedgeExchange

/// Small scripted markets for the sim tests: one symbol around 100 USD (default filters: tick
/// 0.001, step 0.1, min notional 5), a frictionless engine (no slippage, whole-bar participation)
/// so expected prices are exact, and helpers to read streams.
enum SimFixture {
    static let symbol = "TESTUSDT"
    /// 2025-01-01T00:00:00Z.
    static let startMs: Int64 = 1_735_689_600_000
    static let minuteMs: Int64 = 60_000

    static func configuration(wallet: Double = 10_000, faults: SimFaults = .none, marketBufferSize: Int = 4_096,
                              orderHistoryLimit: Int = 10_000) -> SimExchangeConfiguration {
        SimExchangeConfiguration(
            matching: MatchingConfiguration(slippageBps: 0, slippageRangeFraction: 0, participation: 1),
            initialWalletUSD: wallet, halfSpreadBps: 5, orderHistoryLimit: orderHistoryLimit,
            marketBufferSize: marketBufferSize, faults: faults)
    }

    /// Bar `index` (one minute each from `startMs`).
    static func bar(_ index: Int, open: Double, high: Double, low: Double, close: Double, symbol: String = symbol) -> BarEvent {
        BarEvent(symbol: symbol, bar: Bar(openTimeMs: startMs + Int64(index) * minuteMs, open: open, high: high,
                                          low: low, close: close, volume: 1_000_000))
    }

    /// Flat-ish bars: each opens at the previous close, ranges ±1 around its open and closes at
    /// the given price.
    static func bars(_ closes: [Double], first: Double = 100, symbol: String = symbol) -> [BarEvent] {
        var open = first
        return closes.enumerated().map { index, close in
            defer { open = close }
            return bar(index, open: open, high: max(open, close) + 1, low: min(open, close) - 1, close: close, symbol: symbol)
        }
    }

    static func decimal(_ text: String) -> Decimal {
        Decimal(venueString: text) ?? .nan
    }

    static func order(_ id: String, _ side: Side = .buy, _ leg: PositionSide = .long, type: VenueOrderType = .market,
                      quantity: String = "1.5", price: String? = nil, stopPrice: String? = nil,
                      timeInForce: TimeInForce? = nil) -> VenueOrderRequest {
        VenueOrderRequest(clientOrderId: id, symbol: symbol, side: side, positionSide: leg, type: type,
                          quantity: decimal(quantity), price: price.map(decimal), stopPrice: stopPrice.map(decimal), timeInForce: timeInForce)
    }

    /// Every element the stream holds until it finishes (call after `finishStreams()`).
    static func drain<Element>(_ stream: AsyncThrowingStream<Element, any Error>) async throws -> [Element] {
        var out: [Element] = []
        for try await element in stream { out.append(element) }
        return out
    }

    /// The order updates among `events`, as (client order id, status, cumulative filled).
    static func updates(_ events: [UserEvent]) -> [String] {
        events.compactMap { event in
            guard case .order(let order, _) = event else { return nil }
            return "\(order.clientOrderId) \(order.status.rawValue) \(order.filledQuantity.venueString)"
        }
    }
}
