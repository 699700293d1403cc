import Foundation
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Synchronization

/// A venue for router tests: every order request is recorded, an order fills at once at 95 000
/// when `fillsAtOnce` says so (otherwise it rests as NEW), and a cancel of a recorded order
/// succeeds. Everything else comes from the sim.
final class ScriptedOrderVenue: ForwardingExchangeClient {
    let base: any ExchangeClient = SimExchange()
    let placed = Mutex<[VenueOrderRequest]>([])
    let canceled = Mutex<[String]>([])
    /// Every call in the order the venue saw them: `place <client id>` / `cancel <client id>`.
    let calls = Mutex<[String]>([])
    private let fillsAtOnce: @Sendable (VenueOrderRequest) -> Bool
    private let refusal: @Sendable (VenueOrderRequest) -> ExchangeError?

    /// By default market orders fill at once and everything else rests; `refusal` answers an
    /// order with the error it gives (recorded as placed all the same: the venue saw it).
    init(fillsAtOnce: @escaping @Sendable (VenueOrderRequest) -> Bool = { $0.type == .market },
         refusal: @escaping @Sendable (VenueOrderRequest) -> ExchangeError? = { _ in nil }) {
        self.fillsAtOnce = fillsAtOnce
        self.refusal = refusal
    }

    func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        placed.withLock { $0.append(request) }
        calls.withLock { $0.append("place \(request.clientOrderId)") }
        if let error = refusal(request) { throw error }
        let filled = fillsAtOnce(request)
        return VenueOrder(orderId: "v-\(request.clientOrderId)", clientOrderId: request.clientOrderId, symbol: request.symbol,
                          side: request.side, positionSide: request.positionSide, type: request.type, status: filled ? .filled : .new,
                          quantity: request.quantity, price: request.price, filledQuantity: filled ? request.quantity : 0,
                          averagePrice: filled ? 95_000 : nil, updateTimeMs: MeshFixture.epochMs)
    }

    func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        canceled.withLock { $0.append(clientOrderId) }
        calls.withLock { $0.append("cancel \(clientOrderId)") }
        guard let request = placed.withLock({ $0.first { $0.clientOrderId == clientOrderId } }) else { throw .unknownOrder(clientOrderId: clientOrderId) }
        return VenueOrder(orderId: "v-\(clientOrderId)", clientOrderId: clientOrderId, symbol: symbol, side: request.side,
                          positionSide: request.positionSide, type: request.type, status: .canceled, quantity: request.quantity,
                          price: request.price, filledQuantity: 0, averagePrice: nil, updateTimeMs: MeshFixture.epochMs)
    }
}
