import ArgumentParser
import Foundation
import HedgeCore

/// `hedge flags`: the v6 flag snapshot as JSON, each value with its source.
struct FlagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Print the v6 flag snapshot (runtime.yaml, then environment) as JSON with each value's source."
    )

    @OptionGroup var options: ConfigOptions

    func run() throws {
        do {
            let snapshot = try HedgeConfig.loadFlags(directory: options.config, environment: ProcessInfo.processInfo.environment)
            print(try JSONOutput.encode(snapshot))
        } catch let error as ConfigError {
            for problem in error.problems { printError(problem.description) }
            throw ExitStatus.configError
        }
    }
}
