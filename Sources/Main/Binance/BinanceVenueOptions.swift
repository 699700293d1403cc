import ArgumentParser
import AsyncHTTPClient
import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// `--base-url` / `--stream-url` / `--key-file`, shared by the commands that talk to a real
/// venue (Binance or Coinbase).
struct BinanceVenueOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "Venue REST base URL (default: from runtime.yaml binance: or coinbase: for the mode), e.g. the loopback venue's http://127.0.0.1:PORT.")
    var baseURL: String?

    @Option(name: .customLong("stream-url"), help: "Binance WebSocket base URL (default: the base URL's host with ws:// or wss://).")
    var streamURL: String?

    @Option(name: .customLong("key-file"), help: "Coinbase: the CDP API key file (JSON, owner-only), when COINBASE_API_KEY/COINBASE_API_SECRET are not set (default: coinbase.key_file).")
    var keyFile: String?

    /// The Coinbase plan for `mode`, or one clear line on stderr and exit 78.
    func coinbasePlan(mode: RunMode, settings: CoinbaseSettings, command: String) throws -> CoinbaseLaunchPlan {
        do {
            return try CoinbaseLaunchPlan.resolve(mode: mode, settings: settings, environment: ProcessInfo.processInfo.environment,
                                                  keyFile: keyFile, baseURL: baseURL)
        } catch {
            printError("\(command): \(error)")
            throw ExitStatus.configError
        }
    }

    /// The plan for `mode`, or one clear line on stderr and exit 78.
    func plan(mode: RunMode, settings: BinanceSettings, command: String) throws -> BinanceLaunchPlan {
        do {
            return try BinanceLaunchPlan.resolve(mode: mode, settings: settings, environment: ProcessInfo.processInfo.environment,
                                                 baseURL: baseURL, streamURL: streamURL)
        } catch {
            printError("\(command): \(error)")
            throw ExitStatus.configError
        }
    }
}

/// A Binance client and the HTTP client it runs on, shut down together.
struct BinanceSession {
    let http: HTTPClient
    let client: BinanceUSDMClient

    init(plan: BinanceLaunchPlan, settings: BinanceSettings, logger: Logger) {
        http = BinanceUSDMClient.makeHTTPClient(settings: settings)
        client = BinanceUSDMClient(restURL: plan.restURL, streamURL: plan.streamURL, credentials: plan.credentials,
                                   orderPolicy: plan.orderPolicy, settings: settings, http: http, logger: logger)
    }

    func shutdown() async {
        try? await http.shutdown()
    }
}

/// A Coinbase client and the HTTP client it runs on, shut down together.
struct CoinbaseSession {
    let http: HTTPClient
    let client: CoinbaseAdvancedClient

    init(plan: CoinbaseLaunchPlan, settings: CoinbaseSettings, logger: Logger) {
        http = CoinbaseAdvancedClient.makeHTTPClient(settings: settings)
        client = CoinbaseAdvancedClient(restURL: plan.restURL, marketStreamURL: plan.marketStreamURL, userStreamURL: plan.userStreamURL,
                                        credentials: plan.credentials, orderPolicy: plan.orderPolicy, settings: settings, http: http,
                                        logger: logger)
    }

    func shutdown() async {
        try? await http.shutdown()
    }
}
