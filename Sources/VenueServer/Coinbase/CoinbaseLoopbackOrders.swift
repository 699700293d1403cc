import Foundation
import HedgeExchange

/// What Coinbase reports of an order that the sim's `VenueOrder` does not carry: the request's
/// `order_configuration` as sent, the product, and when it was created. Kept by venue order id.
actor CoinbaseLoopbackOrders {
    struct Entry: Sendable {
        var orderId: String
        var clientOrderId: String
        var productId: String
        var simSymbol: String
        var side: String
        /// The `order_configuration` member's name (`limit_limit_gtc` …) and its fields, as sent.
        var configurationKey: String
        var configuration: [(String, BinanceJSON)]
        var createdAtMs: Int64
    }

    /// By client order id; `orderId` is empty while the sim has not answered yet.
    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private var byOrderId: [String: String] = [:]

    /// Records a request about to go to the sim (whose NEW update may be published before the
    /// sim answers), so the user stream can describe it; false when the client order id is
    /// already taken.
    func reserve(_ entry: Entry) -> Bool {
        guard entries[entry.clientOrderId] == nil else { return false }
        entries[entry.clientOrderId] = entry
        return true
    }

    /// The sim accepted the reserved request as `orderId`.
    func confirm(clientOrderId: String, orderId: String) {
        guard entries[clientOrderId] != nil else { return }
        entries[clientOrderId]?.orderId = orderId
        byOrderId[orderId] = clientOrderId
        order.append(clientOrderId)
    }

    /// The sim refused the reserved request: the id is free again.
    func release(clientOrderId: String) {
        if entries[clientOrderId]?.orderId.isEmpty == true { entries[clientOrderId] = nil }
    }

    func entry(orderId: String) -> Entry? { byOrderId[orderId].flatMap { entries[$0] } }

    func entry(clientOrderId: String) -> Entry? { entries[clientOrderId] }

    /// The order created under `clientOrderId`, if any (Coinbase refuses a second one).
    func orderId(clientOrderId: String) -> String? { entries[clientOrderId].flatMap { $0.orderId.isEmpty ? nil : $0.orderId } }

    /// Every order the sim accepted, oldest first.
    func all() -> [Entry] { order.compactMap { entries[$0] } }
}
