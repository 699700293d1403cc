import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs the `hedge` executable that SwiftPM built beside the test bundle and captures its
/// output, so CLI tests see exactly what an operator sees (exit code, stdout, stderr).
///
/// stdout and stderr are read concurrently (a child that fills one pipe never blocks on it), and
/// every child has a deadline: past it the child gets SIGTERM, then SIGKILL, and the test fails
/// with what the child had printed instead of hanging the suite.
struct HedgeProcess {
    struct Result {
        /// The exit code, or 128 + the signal's number when a signal ended the child.
        var status: Int32
        var stdout: String
        var stderr: String
        /// The signal that ended the child (a crash, a trap), if one did.
        var signal: Int32?
    }

    /// A child that outlived its deadline, with what it had printed by then.
    struct TimedOut: Error, CustomStringConvertible {
        var arguments: [String]
        var deadline: Duration
        var description: String { "hedge \(arguments.joined(separator: " ")) ran past its \(deadline) deadline" }
    }

    /// The repository root (for the bundled `config/`), found from this file.
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static var executable: URL {
        // The test runner lives in the build products directory (…/debug/HedgePackageTests.xctest).
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("hedge")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "\(repositoryRoot)/.build/debug/hedge")
    }

    /// Runs `hedge arguments…` in `workingDirectory` (default: the repository root) with the test
    /// process's environment minus the feature-flag variables, plus `environment`. Output beyond
    /// `outputLimit` bytes per stream fails the run (a runaway child is a defect to see).
    static func run(_ arguments: [String], environment: [String: String] = [:], workingDirectory: String? = nil,
                    deadline: Duration = .seconds(180), outputLimit: Int = 64 << 20) async throws -> Result {
        var updates: [Environment.Key: String?] = [:]
        for key in ProcessInfo.processInfo.environment.keys where key.hasSuffix("_ENABLED") {
            if let name = Environment.Key(rawValue: key) { updates[name] = .some(nil) }
        }
        for (key, value) in environment {
            if let name = Environment.Key(rawValue: key) { updates[name] = value }
        }
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(5))]
        let configuration = Configuration(
            executable: .path(FilePath(executable.path)), arguments: Arguments(arguments), environment: .inherit.updating(updates),
            workingDirectory: FilePath(workingDirectory ?? repositoryRoot), platformOptions: options)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                let result = try await Subprocess.run(configuration, output: .string(limit: outputLimit), error: .string(limit: outputLimit))
                switch result.terminationStatus {
                case .exited(let code):
                    return Result(status: code, stdout: result.standardOutput, stderr: result.standardError, signal: nil)
                case .signaled(let signal):
                    return Result(status: 128 + signal, stdout: result.standardOutput, stderr: result.standardError, signal: signal)
                }
            }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                // Cancelling the run tears the child down (SIGTERM, then SIGKILL).
                throw TimedOut(arguments: arguments, deadline: deadline)
            }
            return result
        }
    }

    /// Runs another tool found on PATH (`systemd-analyze`, …) with `arguments`.
    static func runTool(_ name: String, _ arguments: [String]) async throws -> Result {
        let result = try await Subprocess.run(.name(name), arguments: Arguments(arguments), output: .string(limit: 1 << 20),
                                              error: .string(limit: 1 << 20))
        switch result.terminationStatus {
        case .exited(let code):
            return Result(status: code, stdout: result.standardOutput, stderr: result.standardError, signal: nil)
        case .signaled(let signal):
            return Result(status: 128 + signal, stdout: result.standardOutput, stderr: result.standardError, signal: signal)
        }
    }

    /// A fresh temporary directory for files a test writes.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
