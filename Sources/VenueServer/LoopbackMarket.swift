import HedgeCore
import HedgeExchange
import Logging

/// The loopback venue and the simulated market behind it, built the one way every user builds
/// them (`hedge venue-server`, `hedge soak`, the adapter and loopback tests): a `SimExchange`
/// whose participation follows the profile's `partial_fills`, a `SimReplay` over the bars, the
/// first bars replayed so that every symbol has a market and trading rules before any client
/// connects, and the `LoopbackVenue` on top. Nothing runs yet: the owner runs `venue` (a
/// `Service`) and drives `replay`.
public struct LoopbackMarket: Sendable {
    public let venue: LoopbackVenue
    public let exchange: SimExchange
    public let replay: SimReplay

    /// - Parameters:
    ///   - venue: address, key pair, limits and the fault profile armed from the start.
    ///   - sim: the sim venue's rules and wallet; `venue.faults.partialFills` overrides its participation.
    ///   - makeReplay: the bars the market replays (`SimReplay(exchange:dataSet:)` or `(exchange:bars:)`).
    ///   - warmUpBars: bars replayed before the venue is handed back (at least one).
    public init(venue configuration: LoopbackVenueConfiguration, sim: SimExchangeConfiguration,
                makeReplay: (SimExchange) throws(MarketDataError) -> SimReplay, warmUpBars: Int = 1,
                clock: any Clock<Duration> = ContinuousClock(), logger: Logger) async throws(MarketDataError) {
        var sim = sim
        if let partial = configuration.faults.partialFills { sim.matching.participation = partial.participation }
        exchange = SimExchange(configuration: sim, clock: clock, logger: logger)
        replay = try makeReplay(exchange)
        for _ in 0..<max(1, warmUpBars) {
            guard try await replay.step() != nil else { break }
        }
        venue = LoopbackVenue(configuration: configuration, exchange: exchange, logger: logger)
    }
}
