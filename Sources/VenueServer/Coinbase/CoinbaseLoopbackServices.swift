import HedgeCore
import HedgeExchange
import Logging

/// What the Coinbase loopback's HTTP and WebSocket handlers share. Immutable; the mutable parts
/// are actors (the sim, the loopback state shared with the Binance loopback — faults, journal,
/// sockets, request counting — and the Coinbase order details).
struct CoinbaseLoopbackServices: Sendable {
    let exchange: SimExchange
    let state: LoopbackVenueState
    let orders: CoinbaseLoopbackOrders
    let broker: CoinbaseLoopbackBroker
    let verifier: CoinbaseJWTVerifier
    let controlToken: String?
    let clock: any Clock<Duration>
    let wallClockMs: @Sendable () -> Int64
    let requestLimitPerMinute: Int
    let sequenceSkips = CoinbaseSequenceSkips()
    let logger: Logger

    /// Arms `faults` in the loopback state and the sim's order-event faults, as the Binance loopback does.
    func setFaults(_ faults: LoopbackFaults) async {
        await state.setFaults(faults)
        await exchange.setFaults(SimFaults(duplicatedOrderUpdates: faults.duplicatedOrderUpdates,
                                           reorderedOrderUpdates: faults.reorderedOrderUpdates))
    }
}
