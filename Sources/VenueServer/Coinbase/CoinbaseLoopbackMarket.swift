import HedgeCore
import HedgeExchange
import Logging

/// The Coinbase loopback venue and the simulated market behind it, built one way for every user
/// (`hedge venue-server --venue coinbase`, `hedge soak --venue coinbase`): a `SimExchange` with
/// Coinbase's default fees (40 bps maker, 60 bps taker), a `SimReplay` over the data with its
/// first bar replayed (so every product has a book before a client connects), and the venue.
public struct CoinbaseLoopbackMarket: Sendable {
    public let venue: CoinbaseLoopbackVenue
    public let exchange: SimExchange
    public let replay: SimReplay

    public static let makerFeeBps = 40.0
    public static let takerFeeBps = 60.0

    /// - Parameter tls: certificate chain and key (PEM paths): the venue serves HTTPS/WSS.
    public init(credentials: CoinbaseCredentials, port: Int = 0, controlToken: String?, faults: LoopbackFaults,
                tls: (certificate: String, key: String)? = nil, walletUSD: Double, dataSet: MarketDataSet,
                logger: Logger) async throws(MarketDataError) {
        var matching = MatchingConfiguration.default
        matching.makerFeeBps = Self.makerFeeBps
        matching.takerFeeBps = Self.takerFeeBps
        if let partial = faults.partialFills { matching.participation = partial.participation }
        exchange = SimExchange(configuration: SimExchangeConfiguration(venueName: "coinbase-loopback", matching: matching,
                                                                       initialWalletUSD: walletUSD),
                               clock: ContinuousClock(), logger: logger)
        replay = try SimReplay(exchange: exchange, dataSet: dataSet)
        _ = try await replay.step()
        var configuration = CoinbaseLoopbackConfiguration(credentials: credentials)
        configuration.port = port
        configuration.controlToken = controlToken
        configuration.faults = faults
        configuration.tlsCertificatePath = tls?.certificate
        configuration.tlsKeyPath = tls?.key
        configuration.takerFeeBps = Self.takerFeeBps
        venue = CoinbaseLoopbackVenue(configuration: configuration, exchange: exchange, logger: logger)
    }
}
