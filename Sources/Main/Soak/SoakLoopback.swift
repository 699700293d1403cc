import ArgumentParser
import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging
import ServiceLifecycle

/// The loopback venue a soak runs against: the sim venue replaying `--data` at `--speed`, served
/// over Binance's protocol on an ephemeral port with a key pair made for this run only.
struct SoakLoopback {
    let market: LoopbackMarket
    let baseURL: String
    let credentials: BinanceCredentials
    /// The key pair as a `hedge run` child reads it (`BINANCE_API_KEY`, `BINANCE_API_SECRET`).
    let credentialsEnvironment: [String: String]
    /// Runs the venue; stopped by graceful shutdown, so Hummingbird closes its channels quietly.
    private let services: ServiceGroup
    private let server: Task<Void, Never>
    private let feed: Task<Void, Never>

    var venue: LoopbackVenue { market.venue }

    static func start(dataPath: String, speed: Double, faultsPath: String?, logger: Logger) async throws -> SoakLoopback {
        let faults = try LoopbackOptions.faults(path: faultsPath, command: "hedge soak")
        let dataSet = try LoopbackOptions.dataSet(path: dataPath, command: "hedge soak")
        let apiKey = "soak-" + UUID().uuidString, secret = UUID().uuidString + UUID().uuidString
        let market = try await LoopbackMarket(
            venue: LoopbackVenueConfiguration(apiKey: apiKey, apiSecret: secret, faults: faults),
            sim: SimExchangeConfiguration(initialWalletUSD: 100_000),
            makeReplay: { (exchange) throws(MarketDataError) in try SimReplay(exchange: exchange, dataSet: dataSet) }, logger: logger)
        let venue = market.venue
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: venue)], logger: logger))
        let server = Task {
            do { try await services.run() } catch { logger.error("loopback venue stopped", metadata: ["error": "\(error)"]) }
        }
        let port = try await venue.waitUntilListening()
        let replay = market.replay
        let feed = Task {
            do {
                try await replay.run(speed: speed, clock: ContinuousClock())
            } catch is CancellationError {
                return  // the soak is over
            } catch {
                logger.error("loopback replay stopped", metadata: ["error": "\(error)"])
            }
        }
        return SoakLoopback(market: market, baseURL: "http://127.0.0.1:\(port)",
                            credentials: BinanceCredentials(apiKey: apiKey, secret: secret),
                            credentialsEnvironment: [BinanceCredentials.apiKeyVariable: apiKey, BinanceCredentials.apiSecretVariable: secret],
                            services: services, server: server, feed: feed)
    }

    func stop() async {
        feed.cancel()
        await feed.value
        await services.triggerGracefulShutdown()
        await server.value
    }
}
