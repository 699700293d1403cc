import ArgumentParser
import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging
import ServiceLifecycle

/// The loopback venue a soak runs against: the sim venue replaying `--data` at `--speed`, served
/// over Binance's or Coinbase's protocol on an ephemeral port with a key made for this run only.
struct SoakLoopback {
    let baseURL: String
    /// The key as a `hedge run` child reads it (`BINANCE_API_KEY`/`_SECRET` or `COINBASE_API_KEY`/`_SECRET`).
    let credentialsEnvironment: [String: String]
    /// Every order the venue created.
    let journal: @Sendable () async -> LoopbackJournal
    let binanceCredentials: BinanceCredentials?
    let coinbaseCredentials: CoinbaseCredentials?
    /// Runs the venue; stopped by graceful shutdown, so Hummingbird closes its channels quietly.
    private let services: ServiceGroup
    private let server: Task<Void, Never>
    private let feed: Task<Void, Never>

    static func start(venue kind: VenueKind, dataPath: String, speed: Double, faultsPath: String?, logger: Logger) async throws -> SoakLoopback {
        let faults = try LoopbackOptions.faults(path: faultsPath, command: "hedge soak")
        let dataSet = try LoopbackOptions.dataSet(path: dataPath, command: "hedge soak")
        if kind == .coinbase {
            let credentials = CoinbaseCredentials.generated(keyName: "organizations/soak/apiKeys/\(UUID().uuidString.lowercased())")
            let market = try await CoinbaseLoopbackMarket(credentials: credentials, controlToken: nil, faults: faults, walletUSD: 100_000,
                                                          dataSet: dataSet, logger: logger)
            let venue = market.venue
            return try await serve(venue, waitForPort: { try await venue.waitUntilListening() }, replay: market.replay, speed: speed,
                                   environment: [CoinbaseCredentials.apiKeyVariable: credentials.keyName,
                                                 CoinbaseCredentials.apiSecretVariable: credentials.privateKeyPEM],
                                   journal: { await venue.journal() }, binance: nil, coinbase: credentials, logger: logger)
        }
        let apiKey = "soak-" + UUID().uuidString, secret = UUID().uuidString + UUID().uuidString
        let market = try await LoopbackMarket(
            venue: LoopbackVenueConfiguration(apiKey: apiKey, apiSecret: secret, faults: faults),
            sim: SimExchangeConfiguration(initialWalletUSD: 100_000),
            makeReplay: { (exchange) throws(MarketDataError) in try SimReplay(exchange: exchange, dataSet: dataSet) }, logger: logger)
        let venue = market.venue
        return try await serve(venue, waitForPort: { try await venue.waitUntilListening() }, replay: market.replay, speed: speed,
                               environment: [BinanceCredentials.apiKeyVariable: apiKey, BinanceCredentials.apiSecretVariable: secret],
                               journal: { await venue.journal() }, binance: BinanceCredentials(apiKey: apiKey, secret: secret),
                               coinbase: nil, logger: logger)
    }

    private static func serve(_ venue: some Service, waitForPort: () async throws -> Int, replay: SimReplay, speed: Double,
                              environment: [String: String], journal: @escaping @Sendable () async -> LoopbackJournal,
                              binance: BinanceCredentials?, coinbase: CoinbaseCredentials?, logger: Logger) async throws -> SoakLoopback {
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: venue)], logger: logger))
        let server = Task {
            do { try await services.run() } catch { logger.error("loopback venue stopped", metadata: ["error": "\(error)"]) }
        }
        let port = try await waitForPort()
        let feed = Task {
            do {
                try await replay.run(speed: speed, clock: ContinuousClock())
            } catch is CancellationError {
                return  // the soak is over
            } catch {
                logger.error("loopback replay stopped", metadata: ["error": "\(error)"])
            }
        }
        return SoakLoopback(baseURL: "http://127.0.0.1:\(port)", credentialsEnvironment: environment, journal: journal,
                            binanceCredentials: binance, coinbaseCredentials: coinbase, services: services, server: server, feed: feed)
    }

    func stop() async {
        feed.cancel()
        await feed.value
        await services.triggerGracefulShutdown()
        await server.value
    }
}
