import Foundation
import HedgeExchange

/// What Binance reports of an order that `VenueOrder` does not carry (time in force, trigger
/// price, reduce-only, creation time), remembered by the loopback venue from the request.
struct LoopbackOrderDetails: Sendable, Hashable {
    var symbol: String
    var clientOrderId: String
    var timeInForce: String
    var stopPrice: Decimal?
    var reduceOnly: Bool
    /// Venue (sim) time when it was placed, epoch ms.
    var createdAtMs: Int64
}
