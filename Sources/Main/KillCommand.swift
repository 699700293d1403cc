import ArgumentParser
import Foundation
import HedgeCore
import HedgeStore

/// `hedge kill on|off|status`: the operator's kill switch, kept in the store. A running daemon
/// reads it every second; it stays set across restarts, and every change is recorded with its
/// time, reason and source. While on, every new entry is vetoed `kill_switch`; orders that reduce
/// a position still go out.
struct KillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kill",
        abstract: "Engage, release or show the kill switch (kept in the store; a running daemon picks it up within a second).",
        subcommands: [On.self, Off.self, Status.self]
    )

    struct On: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "on", abstract: "Engage the kill switch: no new entries.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Why (recorded with the change).")
        var reason: String

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why") }
        }

        func run() async throws {
            try await KillCommand.set(true, reason: reason, store: store)
        }
    }

    struct Off: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "off", abstract: "Release the kill switch.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Why (recorded with the change).")
        var reason: String = "released by the operator"

        func run() async throws {
            try await KillCommand.set(false, reason: reason, store: store)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the kill switch, its file and its recent changes.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let opened = try store.open(command: "hedge kill status")
            let file = try store.options.load().riskLimits.global.killSwitchFile
            let current = try await KillCommand.read { () async throws(StoreError) in try await opened.killSwitch() }
            let changes = try await KillCommand.read { () async throws(StoreError) in try await opened.killSwitchChanges(AuditFilter(limit: 10)) }
            let filePresent = FileManager.default.fileExists(atPath: file)
            print("kill switch: \(current?.engaged == true || filePresent ? "ON" : "off")")
            print("  store: \(current.map { "\($0.engaged ? "on" : "off") since \(UTCTime.iso8601(ms: $0.timeMs)) (\($0.source)): \($0.reason)" } ?? "never set")")
            print("  file:  \(file) \(filePresent ? "exists (engaged)" : "absent")")
            for change in changes.reversed() {
                print("  \(UTCTime.iso8601(ms: change.timeMs)) \(change.engaged ? "on " : "off") \(change.source): \(change.reason)")
            }
        }
    }

    static func set(_ engaged: Bool, reason: String, store options: StoreOptions) async throws {
        let store = try options.open(command: "hedge kill")
        let change = KillSwitchChange(timeMs: Int64((Date().timeIntervalSince1970 * 1000).rounded()), engaged: engaged, reason: reason,
                                      source: operatorName)
        try await read { () async throws(StoreError) in try await store.recordKillSwitch(change) }
        print("kill switch \(engaged ? "engaged" : "released") (\(reason)); a running daemon picks it up within a second")
    }

    /// Who changed the switch, as recorded: `cli USER@HOST`.
    static var operatorName: String {
        let environment = ProcessInfo.processInfo.environment
        let user = environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
        return "cli \(user)@\(ProcessInfo.processInfo.hostName)"
    }

    /// Runs a store call, a failure as one line on stderr and exit 1.
    static func read<T>(_ body: () async throws(StoreError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            printError("hedge kill: \(error)")
            throw ExitStatus.failure
        }
    }
}
