import HedgeCore
import Foundation
import Synchronization

/// What the Coinbase adapter remembers between calls: each product's filters and quote increment
/// (read with the products), and the venue order id of each client order id it placed or saw.
/// Coinbase cancels and reads orders by *its* id; Hedge names them by client order id.
final class CoinbaseMemory: Sendable {
    struct ProductRules: Sendable {
        var filters: VenueFilters
        var quoteIncrement: Decimal
        /// Online and accepting orders when last read.
        var tradable = true
    }

    private let state = Mutex(State())

    private struct State {
        var products: [String: ProductRules] = [:]
        var orderIds: [String: String] = [:]
        var clientIds: [String: String] = [:]
    }

    func setProducts(_ rules: [String: ProductRules]) { state.withLock { $0.products = rules } }
    func product(_ symbol: String) -> ProductRules? { state.withLock { $0.products[symbol] } }
    var hasProducts: Bool { state.withLock { !$0.products.isEmpty } }

    func remember(orderId: String, clientOrderId: String) {
        guard !orderId.isEmpty, !clientOrderId.isEmpty else { return }
        state.withLock {
            $0.orderIds[clientOrderId] = orderId
            $0.clientIds[orderId] = clientOrderId
        }
    }

    func orderId(clientOrderId: String) -> String? { state.withLock { $0.orderIds[clientOrderId] } }
    func clientOrderId(orderId: String) -> String? { state.withLock { $0.clientIds[orderId] } }
}
