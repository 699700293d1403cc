import ArgumentParser
import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging
import ServiceLifecycle
import UnixSignals

/// `hedge venue-server`: the loopback Binance USD-M venue (or, with `--venue coinbase`, the
/// Coinbase Advanced Trade one) on 127.0.0.1, backed by the sim venue replaying bundled data in
/// real time, with scriptable faults. Stops on SIGINT/SIGTERM.
struct VenueServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venue-server",
        abstract: "Serve the Binance USD-M (or Coinbase Advanced Trade) REST/WebSocket protocol on 127.0.0.1, backed by the sim venue.",
        discussion: "Credentials come from BINANCE_API_KEY/BINANCE_API_SECRET or --secrets-file (Coinbase: COINBASE_API_KEY/COINBASE_API_SECRET or --key-file, the CDP JSON key; only its public half is used), never from the command line. Control endpoints (GET/POST /_loopback/faults, POST /_loopback/sockets/drop, POST /_loopback/listenKeys/expire, GET /_loopback/journal) need the X-Loopback-Token printed at start (or set by LOOPBACK_CONTROL_TOKEN); see docs/loopback-venue.md."
    )

    @Option(help: "Port to listen on (0: a free one, printed).")
    var port: Int = 0

    @Option(help: "Bar data replayed (a directory of SYMBOL-INTERVAL.csv files).")
    var data: String = "data/demo/1m"

    @Option(help: "A JSON fault profile (docs/loopback-venue.md).")
    var faults: String?

    @Option(help: "Replay speed factor (1 = real time).")
    var speed: Double = 1

    @Option(name: .customLong("secrets-file"),
            help: "A file of BINANCE_API_KEY=… and BINANCE_API_SECRET=… lines, readable by its owner only (default: those environment variables). Never on the command line: argv is readable by every user.")
    var secretsFile: String?

    @Option(name: .customLong("weight-limit"), help: "Request weight allowed per minute before 429.")
    var weightLimit: Int = 2400

    @Option(name: .customLong("position-mode"), help: "hedge (default) or one_way.")
    var positionMode: PositionMode = .hedge

    @Option(name: .customLong("wallet-usd"), help: "Starting wallet, USD.")
    var walletUSD: Double = 100_000

    @Option(help: "The protocol served: binance (USD-M futures) or coinbase (Advanced Trade spot).")
    var venue: VenueKind = .binance

    @Option(name: .customLong("key-file"), help: "Coinbase: the CDP API key file (JSON, owner-only) whose JWTs are accepted.")
    var keyFile: String?

    @Option(name: .customLong("tls-cert"), help: "Coinbase: a PEM certificate chain; with --tls-key the venue serves HTTPS/WSS (what Coinbase's SDK speaks).")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "Coinbase: the PEM private key of --tls-cert.")
    var tlsKey: String?

    func validate() throws {
        if venue == .sim { throw ValidationError("--venue must be binance or coinbase, got sim") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if venue == .binance, tlsCert != nil || keyFile != nil {
            throw ValidationError("--tls-cert, --tls-key and --key-file are for --venue coinbase")
        }
    }

    func run() async throws {
        if venue == .coinbase { return try await runCoinbase() }
        let credentials: BinanceCredentials
        do {
            guard let loaded = try BinanceCredentials.load(environment: ProcessInfo.processInfo.environment, secretsFile: secretsFile) else {
                printError("hedge venue-server: no key pair: set BINANCE_API_KEY and BINANCE_API_SECRET, or pass --secrets-file (mode 600)")
                throw ExitStatus.configError
            }
            credentials = loaded
        } catch let error as CredentialsError {
            printError("hedge venue-server: \(error)")
            throw ExitStatus.configError
        }
        // The control endpoints' token: from LOOPBACK_CONTROL_TOKEN, else made now and printed
        // with the URLs (only the one who started the server reads its output).
        let controlToken = ProcessInfo.processInfo.environment["LOOPBACK_CONTROL_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            ?? UUID().uuidString
        guard speed > 0 else { throw ValidationError("--speed must be > 0, got \(speed)") }
        guard weightLimit > 0 else { throw ValidationError("--weight-limit must be > 0, got \(weightLimit)") }
        let profile = try LoopbackOptions.faults(path: faults, command: "hedge venue-server")
        let dataSet = try LoopbackOptions.dataSet(path: data, command: "hedge venue-server")

        let logger = Self.bootstrapLogging()
        let market = try await LoopbackMarket(
            venue: LoopbackVenueConfiguration(credentials: credentials, port: port, controlToken: controlToken, faults: profile,
                                              weightLimitPerMinute: weightLimit),
            sim: SimExchangeConfiguration(matching: MatchingConfiguration(positionMode: positionMode), initialWalletUSD: walletUSD),
            makeReplay: { (exchange) throws(MarketDataError) in try SimReplay(exchange: exchange, dataSet: dataSet) }, logger: logger)
        let venue = market.venue
        let feed = ReplayFeed(replay: market.replay, speed: speed, controlToken: controlToken, waitForPort: { try await venue.waitUntilListening() },
                              urls: { "http://127.0.0.1:\($0) ws://127.0.0.1:\($0)/ws" })
        try await Self.serve(venue, feed: feed, logger: logger)
    }

    private static func bootstrapLogging() -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        return Logger(label: "hedge.venue-server")
    }

    /// Serves `venue` and replays its data until SIGTERM/SIGINT.
    private static func serve(_ venue: some Service, feed: ReplayFeed, logger: Logger) async throws {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: venue), .init(service: feed)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }

    /// The Coinbase loopback: the key's public half verifies every JWT; the sim is a USD spot
    /// market with Coinbase's default fees (40 bps maker, 60 bps taker).
    private func runCoinbase() async throws {
        let credentials: CoinbaseCredentials
        do {
            guard let loaded = try CoinbaseCredentials.load(environment: ProcessInfo.processInfo.environment, keyFile: keyFile) else {
                printError("hedge venue-server: no Coinbase key: set COINBASE_API_KEY and COINBASE_API_SECRET, or pass --key-file (the CDP JSON key, mode 600)")
                throw ExitStatus.configError
            }
            credentials = loaded
        } catch let error as CredentialsError {
            printError("hedge venue-server: \(error)")
            throw ExitStatus.configError
        }
        for path in [tlsCert, tlsKey].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: path) {
            printError("hedge venue-server: \(path) cannot be read")
            throw ExitStatus.configError
        }
        let controlToken = ProcessInfo.processInfo.environment["LOOPBACK_CONTROL_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } ?? UUID().uuidString
        guard speed > 0 else { throw ValidationError("--speed must be > 0, got \(speed)") }
        let profile = try LoopbackOptions.faults(path: faults, command: "hedge venue-server")
        let dataSet = try LoopbackOptions.dataSet(path: data, command: "hedge venue-server")
        let logger = Self.bootstrapLogging()
        let market = try await CoinbaseLoopbackMarket(credentials: credentials, port: port, controlToken: controlToken, faults: profile,
                                                      tls: tlsCert.flatMap { cert in tlsKey.map { (cert, $0) } }, walletUSD: walletUSD,
                                                      dataSet: dataSet, logger: logger)
        let venue = market.venue
        let (http, ws) = venue.usesTLS ? ("https", "wss") : ("http", "ws")
        let feed = ReplayFeed(replay: market.replay, speed: speed, controlToken: controlToken, waitForPort: { try await venue.waitUntilListening() },
                              urls: { "coinbase \(http)://127.0.0.1:\($0) \(ws)://127.0.0.1:\($0)/ws" })
        try await Self.serve(venue, feed: feed, logger: logger)
    }
}

/// Replays the data in real time at `speed` once the venue listens, printing its URLs; after the
/// data ends, waits for shutdown with the last state still served.
private struct ReplayFeed: Service, CustomStringConvertible {
    let replay: SimReplay
    let speed: Double
    let controlToken: String
    /// The venue's port once it listens.
    let waitForPort: @Sendable () async throws -> Int
    /// The URLs printed for the port.
    let urls: @Sendable (Int) -> String

    var description: String { "ReplayFeed" }

    func run() async throws {
        let port = try await waitForPort()
        // Written unbuffered: whoever started the server reads this line to learn the port.
        FileHandle.standardOutput.write(Data("hedge venue-server: \(urls(port))\n".utf8))
        FileHandle.standardOutput.write(Data("hedge venue-server: control token \(controlToken) (header \(LoopbackHeaders.controlToken))\n".utf8))
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
