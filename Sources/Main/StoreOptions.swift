import ArgumentParser
import Foundation
import HedgeCore
import HedgeStore

/// `--config DIR` and `--state-dir DIR`: where a command finds the daemon's store
/// (`<state_dir>/hedge.sqlite`), shared by `hedge kill` and `hedge audit`.
struct StoreOptions: ParsableArguments {
    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("state-dir"), help: "The daemon's state directory (default: runtime.yaml state_dir).")
    var stateDir: String?

    /// The store, or every problem on stderr and exit 78.
    func open(command: String) throws -> SQLiteTradingStore {
        let directory = try stateDir ?? options.load().runtime.stateDirectory
        do {
            return try SQLiteTradingStore(path: "\(directory)/hedge.sqlite")
        } catch {
            printError("\(command): \(error)")
            throw ExitStatus.configError
        }
    }
}
