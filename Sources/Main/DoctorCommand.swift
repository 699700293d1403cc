import ArgumentParser
import Foundation
import HedgeCore

/// `hedge doctor`: validates the whole configuration and prints what the daemon would run with.
/// Exits 0 when valid and 78 (EX_CONFIG) when not. Writes nothing either way.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Validate the configuration and print its report (exit 0 valid, 78 invalid)."
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        do {
            let config = try HedgeConfig.load(directory: options.config, environment: ProcessInfo.processInfo.environment)
            print("hedge doctor: \(config.directory)/ is valid")
            for line in config.summaryLines { print("  \(line)") }
        } catch {
            let count = error.problems.count
            print("hedge doctor: \(count) problem\(count == 1 ? "" : "s") in \(options.config)/")
            for problem in error.problems { print(problem.description) }
            throw ExitStatus.configError
        }
    }
}
