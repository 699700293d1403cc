import HedgeCore
import HedgeExchange
import Logging

/// What the loopback venue's HTTP and WebSocket handlers share: the sim venue behind it, its own
/// state, the signer and key clients must match, the clock that paces delay faults. Immutable;
/// the mutable parts are actors.
struct LoopbackVenueServices: Sendable {
    let exchange: SimExchange
    let state: LoopbackVenueState
    let signer: BinanceSigner
    let apiKey: String
    /// Required in `X-Loopback-Token` by the control endpoints, when set.
    let controlToken: String?
    let clock: any Clock<Duration>
    let logger: Logger
    let weightLimitPerMinute: Int
    let orderLimitPerMinute: Int
    let orderLimitPer10Seconds: Int

    /// Arms `faults`: the loopback's own in `state`, the order-event ones in the sim
    /// (`SimFaults.duplicatedOrderUpdates` / `reorderedOrderUpdates`, which replaces the sim's
    /// faults). Participation cannot change once the sim is built: a different value is logged.
    func setFaults(_ faults: LoopbackFaults) async {
        await state.setFaults(faults)
        await exchange.setFaults(SimFaults(duplicatedOrderUpdates: faults.duplicatedOrderUpdates,
                                           reorderedOrderUpdates: faults.reorderedOrderUpdates))
        if let partial = faults.partialFills {
            await exchange.setParticipation(partial.participation)
        }
    }

    /// The faults still armed, with the sim's remaining order-event counts.
    func armedFaults() async -> LoopbackFaults {
        var faults = await state.faults
        let sim = await exchange.faults
        faults.duplicatedOrderUpdates = sim.duplicatedOrderUpdates
        faults.reorderedOrderUpdates = sim.reorderedOrderUpdates
        return faults
    }
}
