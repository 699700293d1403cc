import ArgumentParser
import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// `hedge doctor`: validates the whole configuration and prints what the daemon would run with.
/// Exits 0 when valid and 78 (EX_CONFIG) when not. Writes nothing either way.
///
/// With `--venue binance` or `--venue coinbase` it then checks the venue: credentials present
/// (never shown), connectivity, clock skew, account NAV, position mode (Binance) or products and
/// holdings (Coinbase), open orders and positions, rate-limit headroom; any failed check exits 1
/// with its reason.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Validate the configuration (exit 78 when invalid); with --venue binance or coinbase, check the venue too (exit 1 when a check fails)."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Also check this venue (binance or coinbase).")
    var venue: VenueKind?

    @Option(help: "Which Binance endpoints to check: testnet or live (default: testnet when runtime.yaml says testnet, else live).")
    var mode: RunMode?

    func validate() throws {
        if venue == .sim { throw ValidationError("--venue: binance and coinbase have venue checks, sim has none") }
        if let mode, mode != .testnet, mode != .live { throw ValidationError("--mode must be testnet or live, got \(mode.rawValue)") }
    }

    @OptionGroup var binance: BinanceVenueOptions

    func run() async throws {
        let config: HedgeConfig
        do {
            config = try HedgeConfig.load(directory: options.config, environment: ProcessInfo.processInfo.environment)
            print("hedge doctor: \(config.directory)/ is valid")
            for line in config.summaryLines { print("  \(line)") }
        } catch {
            let count = error.problems.count
            print("hedge doctor: \(count) problem\(count == 1 ? "" : "s") in \(options.config)/")
            for problem in error.problems { print(problem.description) }
            throw ExitStatus.configError
        }
        guard let venue else { return }
        if venue == .coinbase { return try await checkCoinbase(config) }
        let endpointsMode = mode ?? (config.runtime.mode == .testnet ? .testnet : .live)
        let settings = config.runtime.binance
        // Doctor only reads: it checks with the dry-run plan (never an order endpoint) on the
        // endpoints of the mode asked for.
        var plan = try binance.plan(mode: .dryRun, settings: settings, command: "hedge doctor")
        if binance.baseURL == nil {
            let endpoints = settings.endpoints(for: endpointsMode)
            plan.restURL = endpoints.rest
            plan.streamURL = binance.streamURL ?? endpoints.stream
        }
        var logger = Logger(label: "hedge.doctor")
        logger.logLevel = .error
        let session = BinanceSession(plan: plan, settings: settings, logger: logger)
        let checks = await BinanceDoctor.run(client: session.client, credentials: plan.credentials, recvWindowMs: settings.recvWindowMs)
        await session.shutdown()
        print("hedge doctor: binance at \(plan.restURL)")
        for check in checks { print("  \(check)") }
        let failed = checks.filter { $0.outcome == .failed }
        if !failed.isEmpty {
            printError("hedge doctor: \(failed.count) venue check\(failed.count == 1 ? "" : "s") failed: \(failed.map(\.name).joined(separator: ", "))")
            throw ExitStatus.failure
        }
    }

    /// Coinbase's checks, read only (the dry-run plan: no order endpoint is ever called).
    private func checkCoinbase(_ config: HedgeConfig) async throws {
        let settings = config.runtime.coinbase
        let plan = try binance.coinbasePlan(mode: .dryRun, settings: settings, command: "hedge doctor")
        var logger = Logger(label: "hedge.doctor")
        logger.logLevel = .error
        let session = CoinbaseSession(plan: plan, settings: settings, logger: logger)
        let checks = await CoinbaseDoctor.run(client: session.client, credentials: plan.credentials)
        await session.shutdown()
        print("hedge doctor: coinbase at \(plan.restURL)")
        for check in checks { print("  \(check)") }
        let failed = checks.filter { $0.outcome == .failed }
        if !failed.isEmpty {
            printError("hedge doctor: \(failed.count) venue check\(failed.count == 1 ? "" : "s") failed: \(failed.map(\.name).joined(separator: ", "))")
            throw ExitStatus.failure
        }
    }
}
