import HedgeCore
import HedgeExchange
import Synchronization

/// A venue in front of another that counts the placements reaching it, per client order id, and
/// can stop one placement dead at a chosen instant — as a process killed there would: before the
/// request reaches the venue, or after the venue took it but before the answer comes back. The
/// trapped call never returns (until its task is cancelled).
public final class TrapVenue: ForwardingExchangeClient {
    /// Where the next placement stops.
    public enum Trap: Sendable {
        /// The request never reaches the venue.
        case beforeSend
        /// The venue takes the order; its answer never arrives.
        case afterSend
    }

    public let base: any ExchangeClient
    private struct State {
        var placements: [String: Int] = [:]
        var armed: Trap?
        var trapped: String?
        var severed = false
    }

    // Mutex: the router places orders while the test arms the trap and reads the counts.
    private let state = Mutex(State())

    public init(_ base: any ExchangeClient) { self.base = base }

    /// Stops the next placement at `trap`.
    public func arm(_ trap: Trap) { state.withLock { $0.armed = trap } }

    /// The client order id the trap caught, once it has.
    public var trapped: String? { state.withLock { $0.trapped } }

    /// How many placements of each client order id reached the venue.
    public var placements: [String: Int] { state.withLock { $0.placements } }

    /// The process is gone: from now on nothing it does reaches the venue (a test's stand-in for
    /// `kill -9`, whose process can neither place nor cancel anything on its way out).
    public func sever() { state.withLock { $0.severed = true } }

    private func reachable() throws(ExchangeError) {
        if state.withLock({ $0.severed }) { throw .transport("the process was killed") }
    }

    public func cancelOrder(symbol: String, clientOrderId: String) async throws(ExchangeError) -> VenueOrder {
        try reachable()
        return try await base.cancelOrder(symbol: symbol, clientOrderId: clientOrderId)
    }

    public func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        try reachable()
        let trap = state.withLock { state -> Trap? in
            defer { state.armed = nil }
            return state.armed
        }
        guard let trap else {
            state.withLock { $0.placements[request.clientOrderId, default: 0] += 1 }
            return try await base.placeOrder(request)
        }
        if trap == .afterSend {
            state.withLock { $0.placements[request.clientOrderId, default: 0] += 1 }
            _ = try? await base.placeOrder(request)
        }
        state.withLock { $0.trapped = request.clientOrderId }
        // Never answers: the process that sent it is gone. Ends when its task is cancelled.
        let (silence, keepOpen) = AsyncStream.makeStream(of: Void.self)
        for await _ in silence {}
        withExtendedLifetime(keepOpen) {}
        throw .transport("the process was killed")
    }
}
