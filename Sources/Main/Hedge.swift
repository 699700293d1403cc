import ArgumentParser
import Foundation
import HedgeCore

@main
struct Hedge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedge",
        abstract: "Hedge: a crypto trading daemon under hard risk limits.",
        subcommands: [RunCommand.self, DoctorCommand.self, FlagsCommand.self, BacktestCommand.self, BenchCommand.self, ProbeCommand.self, SoakCommand.self, VenueServerCommand.self]
    )
}

/// Exit codes shared by the subcommands (sysexits.h where one fits).
enum ExitStatus {
    /// Bad input file given to a probe.
    static let badInput = ExitCode(2)
    /// EX_CONFIG: the configuration is invalid.
    static let configError = ExitCode(78)
}

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
