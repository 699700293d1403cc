import ArgumentParser
import Foundation
import HedgeCore

/// `--config DIR`, shared by every command that reads the configuration.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The config directory (runtime.yaml, risk_limits.json, pairs_universe.json, strategy_config.json).")
    var config: String = "config"

    /// The validated configuration (flags from the process environment), or every problem on
    /// stderr and exit 78.
    func load() throws -> HedgeConfig {
        do {
            return try HedgeConfig.load(directory: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            for problem in error.problems { printError(problem.description) }
            throw ExitStatus.configError
        }
    }
}
