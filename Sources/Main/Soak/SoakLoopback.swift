import ArgumentParser
import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging

/// The loopback venue a soak runs against: the sim venue replaying `--data` at `--speed`, served
/// over Binance's protocol on an ephemeral port with a key pair made for this run only.
struct SoakLoopback {
    let venue: LoopbackVenue
    let baseURL: String
    let credentials: BinanceCredentials
    private let tasks: [Task<Void, Never>]

    static func start(dataPath: String, speed: Double, faultsPath: String?, logger: Logger) async throws -> SoakLoopback {
        let faults: LoopbackFaults
        if let faultsPath {
            do {
                faults = try LoopbackFaults.load(path: faultsPath)
            } catch {
                printError("hedge soak: \(error)")
                throw ExitStatus.badInput
            }
        } else {
            faults = .none
        }
        let dataSet: MarketDataSet
        do {
            dataSet = try MarketDataSet.open(path: dataPath)
        } catch {
            printError("hedge soak: --data: \(error)")
            throw ExitStatus.badInput
        }
        let sim = SimExchange(configuration: SimExchangeConfiguration(initialWalletUSD: 100_000), logger: logger)
        let replay = try SimReplay(exchange: sim, dataSet: dataSet)
        let apiKey = "soak-" + UUID().uuidString, secret = UUID().uuidString + UUID().uuidString
        let credentials = BinanceCredentials(apiKey: apiKey, secret: secret)
        let venue = LoopbackVenue(configuration: LoopbackVenueConfiguration(apiKey: apiKey, apiSecret: secret, faults: faults),
                                  exchange: sim, logger: logger)
        let server = Task {
            do { try await venue.run() } catch { logger.error("loopback venue stopped", metadata: ["error": "\(error)"]) }
        }
        let port = try await venue.waitUntilListening()
        let feed = Task {
            do { try await replay.run(speed: speed, clock: ContinuousClock()) } catch { logger.error("loopback replay stopped", metadata: ["error": "\(error)"]) }
        }
        return SoakLoopback(venue: venue, baseURL: "http://127.0.0.1:\(port)", credentials: credentials, tasks: [server, feed])
    }

    func stop() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
