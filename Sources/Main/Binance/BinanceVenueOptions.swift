import ArgumentParser
import AsyncHTTPClient
import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// `--base-url` / `--stream-url`, shared by the commands that talk to Binance.
struct BinanceVenueOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "Binance REST base URL (default: from runtime.yaml binance: for the mode), e.g. the loopback venue's http://127.0.0.1:PORT.")
    var baseURL: String?

    @Option(name: .customLong("stream-url"), help: "WebSocket base URL (default: the base URL's host with ws:// or wss://).")
    var streamURL: String?

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
