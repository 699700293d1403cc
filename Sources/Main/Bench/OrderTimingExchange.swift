import HedgeCore
import HedgeExchange
import Synchronization

/// Wraps a venue and notes the two ends of the mesh benchmark's latency: when each bar event
/// leaves the venue's market stream (`takeEmissions`) and when each order request reaches the
/// venue (`takeRequests`). Every other call passes straight through.
final class OrderTimingExchange: ForwardingExchangeClient {
    let base: any ExchangeClient
    private let clock = ContinuousClock()
    // Mutex: order calls come from router tasks while the benchmark reads.
    private let requests = Mutex<[ContinuousClock.Instant]>([])
    private let emissions = Mutex<[ContinuousClock.Instant]>([])

    init(_ base: any ExchangeClient) { self.base = base }

    /// Instants of the order requests since the last call, oldest first.
    func takeRequests() -> [ContinuousClock.Instant] {
        requests.withLock { taken in
            defer { taken = [] }
            return taken
        }
    }

    /// Instants at which bar events were handed to the mesh since the last call, oldest first.
    func takeEmissions() -> [ContinuousClock.Instant] {
        emissions.withLock { taken in
            defer { taken = [] }
            return taken
        }
    }

    func placeOrder(_ request: VenueOrderRequest) async throws(ExchangeError) -> VenueOrder {
        let now = clock.now
        requests.withLock { $0.append(now) }
        return try await base.placeOrder(request)
    }

    /// The venue's market stream, each bar stamped as it is handed on to the mesh. The relay is
    /// one more hop than production has, so the latency measured from here is, if anything, high.
    func marketEvents(symbols: [String]) -> AsyncThrowingStream<MarketEvent, any Error> {
        let inner = base.marketEvents(symbols: symbols)
        let (stream, continuation) = AsyncThrowingStream<MarketEvent, any Error>.makeStream()
        let task = Task { [self] in
            do {
                for try await event in inner {
                    if case .bar = event {
                        let now = clock.now
                        emissions.withLock { $0.append(now) }
                    }
                    continuation.yield(event)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
