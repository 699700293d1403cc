import ArgumentParser
import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging
import ServiceLifecycle
import UnixSignals

/// `hedge venue-server`: the loopback Binance USD-M venue on 127.0.0.1, backed by the sim venue
/// replaying bundled data in real time, with scriptable faults. Stops on SIGINT/SIGTERM.
struct VenueServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venue-server",
        abstract: "Serve the Binance USD-M REST/WebSocket protocol on 127.0.0.1, backed by the sim venue.",
        discussion: "Control endpoints: GET/POST /_loopback/faults, POST /_loopback/sockets/drop, POST /_loopback/listenKeys/expire, GET /_loopback/journal (see docs/loopback-venue.md)."
    )

    @Option(help: "Port to listen on (0: a free one, printed).")
    var port: Int = 0

    @Option(help: "Bar data replayed (a directory of SYMBOL-INTERVAL.csv files).")
    var data: String = "data/demo/1m"

    @Option(help: "A JSON fault profile (docs/loopback-venue.md).")
    var faults: String?

    @Option(help: "Replay speed factor (1 = real time).")
    var speed: Double = 1

    @Option(name: .customLong("api-key"), help: "API key clients must send (default: $BINANCE_API_KEY).")
    var apiKey: String?

    @Option(name: .customLong("api-secret"), help: "Secret signed requests are checked against (default: $BINANCE_API_SECRET).")
    var apiSecret: String?

    @Option(name: .customLong("weight-limit"), help: "Request weight allowed per minute before 429.")
    var weightLimit: Int = 2400

    @Option(name: .customLong("position-mode"), help: "hedge (default) or one_way.")
    var positionMode: PositionMode = .hedge

    @Option(name: .customLong("wallet-usd"), help: "Starting wallet, USD.")
    var walletUSD: Double = 100_000

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let key = apiKey ?? environment["BINANCE_API_KEY"], !key.isEmpty,
              let secret = apiSecret ?? environment["BINANCE_API_SECRET"], !secret.isEmpty else {
            printError("hedge venue-server: no key pair: pass --api-key and --api-secret or set BINANCE_API_KEY and BINANCE_API_SECRET")
            throw ExitStatus.configError
        }
        guard speed > 0 else { throw ValidationError("--speed must be > 0, got \(speed)") }
        guard weightLimit > 0 else { throw ValidationError("--weight-limit must be > 0, got \(weightLimit)") }
        let profile = try LoopbackOptions.faults(path: faults, command: "hedge venue-server")
        let dataSet = try LoopbackOptions.dataSet(path: data, command: "hedge venue-server")

        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "hedge.venue-server")
        let market = try await LoopbackMarket(
            venue: LoopbackVenueConfiguration(port: port, apiKey: key, apiSecret: secret, faults: profile, weightLimitPerMinute: weightLimit),
            sim: SimExchangeConfiguration(matching: MatchingConfiguration(positionMode: positionMode), initialWalletUSD: walletUSD),
            makeReplay: { (exchange) throws(MarketDataError) in try SimReplay(exchange: exchange, dataSet: dataSet) }, logger: logger)
        let feed = ReplayFeed(replay: market.replay, speed: speed, venue: market.venue)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: market.venue), .init(service: feed)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}

/// Replays the data in real time at `speed` once the venue listens, printing its URLs; after the
/// data ends, waits for shutdown with the last state still served.
private struct ReplayFeed: Service, CustomStringConvertible {
    let replay: SimReplay
    let speed: Double
    let venue: LoopbackVenue

    var description: String { "ReplayFeed" }

    func run() async throws {
        let port = try await venue.waitUntilListening()
        // Written unbuffered: whoever started the server reads this line to learn the port.
        FileHandle.standardOutput.write(Data("hedge venue-server: http://127.0.0.1:\(port) ws://127.0.0.1:\(port)/ws\n".utf8))
        do {
            try await cancelWhenGracefulShutdown {
                try await replay.run(speed: speed, clock: ContinuousClock())
                try await gracefulShutdown()
            }
        } catch is CancellationError {
            // Graceful shutdown cancels the replay's sleep: a normal stop.
            return
        }
    }
}
