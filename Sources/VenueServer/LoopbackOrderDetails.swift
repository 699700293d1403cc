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
    /// What a trigger follows: `MARK_PRICE` or `CONTRACT_PRICE` (Binance's default).
    var workingType = "CONTRACT_PRICE"
    /// Venue (sim) time when it was placed, epoch ms.
    var createdAtMs: Int64
}
