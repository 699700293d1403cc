import Foundation
import HedgeCore
import HedgeExchange
import HedgeVenueServer
import Logging
import Testing

/// The last word on venue faults: the daemon and `hedge doctor --venue binance`, as an
/// operator runs them, pointed at a venue whose every answer and frame carries hostile numbers
/// (nan, inf, 1e400, 40 digits, Int64.min/max, absurd rate-limit headers), exit by themselves,
/// never by a signal, and say what was wrong.
@Suite(.serialized) struct HostileVenueCLITests {
    /// Runs the loopback venue (demo data, `hostile_values` armed unless `armed` is false) in this
    /// process for `body`.
    static func withHostileVenue(armed: Bool = true,
                                 _ body: (_ venue: LoopbackVenue, _ baseURL: String, _ credentials: [String: String]) async throws -> Void) async throws {
        let quiet = Logger(label: "test.loopback", factory: { _ in SwiftLogNoOpLogHandler() })
        let dataSet = try MarketDataSet.open(path: "\(HedgeProcess.repositoryRoot)/data/demo/1m")
        let key = "hostile-" + UUID().uuidString, secret = UUID().uuidString
        let market = try await LoopbackMarket(
            venue: LoopbackVenueConfiguration(apiKey: key, apiSecret: secret, faults: LoopbackFaults(hostileValues: armed)),
            sim: SimExchangeConfiguration(initialWalletUSD: 100_000),
            makeReplay: { (exchange) throws(MarketDataError) in try SimReplay(exchange: exchange, dataSet: dataSet) }, logger: quiet)
        let server = Task { try await market.venue.run() }
        defer { server.cancel() }
        let port = try await market.venue.waitUntilListening()
        // The demo data replayed at a bar a second, so streams carry bars and books.
        let replay = market.replay
        let feed = Task { try await replay.run(speed: 60, clock: ContinuousClock()) }
        defer { feed.cancel() }
        try await body(market.venue, "http://127.0.0.1:\(port)", [BinanceCredentials.apiKeyVariable: key, BinanceCredentials.apiSecretVariable: secret])
    }

    @Test("hedge doctor --venue binance against a hostile venue exits 1 (not a signal) naming the malformed answers; the secret is never printed")
    func doctorNamesWhatWasWrong() async throws {
        try await Self.withHostileVenue { _, baseURL, credentials in
            let result = try await HedgeProcess.run(["doctor", "--venue", "binance", "--base-url", baseURL], environment: credentials)
            #expect(result.signal == nil, "ended by signal \(String(describing: result.signal)): \(result.stderr.suffix(2000))")
            #expect(result.status == 1, "\(result.stdout)\n\(result.stderr.suffix(2000))")
            #expect(result.stdout.contains("malformed"), "\(result.stdout)")
            #expect(result.stderr.contains("venue check"), "\(result.stderr.suffix(2000))")
            let secret = try #require(credentials[BinanceCredentials.apiSecretVariable])
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
    }

    /// `hedge run` against the venue at `baseURL` for `seconds`, state under `dir`.
    static func runDaemon(_ baseURL: String, _ credentials: [String: String], dir: String, seconds: Int) async throws -> HedgeProcess.Result {
        try await HedgeProcess.run(
            ["run", "--config", "\(HedgeProcess.repositoryRoot)/config", "--state-dir", "\(dir)/state", "--mode", "testnet",
             "--venue", "binance", "--base-url", baseURL, "--stream-url", baseURL.replacingOccurrences(of: "http://", with: "ws://"),
             "--duration", "\(seconds)"],
            environment: credentials, deadline: .seconds(120))
    }

    @Test("hedge run against a venue hostile from the start exits 69 by itself (not a signal), naming the malformed answer")
    func daemonRefusesAHostileVenue() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Self.withHostileVenue { _, baseURL, credentials in
            let result = try await Self.runDaemon(baseURL, credentials, dir: dir, seconds: 10)
            #expect(result.signal == nil, "ended by signal \(String(describing: result.signal)): \(result.stderr.suffix(3000))")
            #expect(result.status == 69, "\(result.stderr.suffix(3000))")
            #expect(result.stderr.contains("malformed response: GET /fapi/v1/time: serverTime -9223372036854775808"), "\(result.stderr.suffix(3000))")
            let secret = try #require(credentials[BinanceCredentials.apiSecretVariable])
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
    }

    @Test("a venue that turns hostile mid-run: the daemon keeps running, logs the malformed answers and frames, and drains at --duration (exit 0)")
    func daemonSurvivesAVenueTurningHostile() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await Self.withHostileVenue(armed: false) { venue, baseURL, credentials in
            // The daemon runs as a child process; once both its streams are connected (it is up and
            // trading), every answer and frame turns hostile. The watcher wakes on each socket the
            // venue opens and is cancelled if the daemon ends first.
            let result = try await withThrowingTaskGroup(of: HedgeProcess.Result?.self) { group in
                group.addTask { try await Self.runDaemon(baseURL, credentials, dir: dir, seconds: 12) }
                group.addTask {
                    for await _ in await venue.socketOpenings() {
                        let user = await venue.socketCount(userStreams: true), market = await venue.socketCount(userStreams: false)
                        if user >= 1 && market >= 1 {
                            await venue.setFaults(LoopbackFaults(hostileValues: true))
                            break
                        }
                    }
                    return nil
                }
                var finished: HedgeProcess.Result?
                for try await outcome in group {
                    if let outcome {
                        finished = outcome
                        group.cancelAll()
                    }
                }
                return try #require(finished)
            }
            #expect(await venue.faults().hostileValues, "the daemon ended before both its streams connected: \(result.stderr.suffix(2000))")
            #expect(result.signal == nil, "ended by signal \(String(describing: result.signal)): \(result.stderr.suffix(3000))")
            #expect(result.status == 0, "\(result.stderr.suffix(3000))")
            #expect(result.stderr.contains("malformed response"), "\(result.stderr.suffix(3000))")
            let secret = try #require(credentials[BinanceCredentials.apiSecretVariable])
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
    }
}
