import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// One `hedge run` child of a `hedge soak --kill`: started with its own arguments and
/// environment, its stdout and stderr in a log file, and ended the way the soak says.
struct SoakDaemonProcess {
    /// How the soak ends the child once its time is up.
    enum Ending {
        /// SIGKILL: no drain, no final state files, nothing flushed. What a crash, the OOM killer
        /// or a power cut does.
        case kill
        /// SIGTERM, then SIGKILL if it has not drained within `deadline`.
        case drain(deadline: Duration)
    }

    /// How the child ended.
    enum Outcome: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        var description: String {
            switch self {
            case .exited(let code): "exited with status \(code)"
            case .signaled(let signal): "ended by signal \(signal)"
            }
        }
    }

    let executable: String
    let arguments: [String]
    /// Set on top of the soak's own environment.
    let environment: [String: String]
    let logPath: String

    /// The path of the running `hedge` binary, so children run exactly this build.
    static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs the child for `lifetime` (or until it exits by itself, whichever is first), then ends
    /// it as `ending` says, and returns how it ended.
    func run(for lifetime: Duration, ending: Ending) async throws -> Outcome {
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in environment {
            if let name = Environment.Key(rawValue: key) { updates[name] = value }
        }
        let log = try FileDescriptor.open(FilePath(logPath), .writeOnly, options: [.create, .truncate],
                                          permissions: [.ownerReadWrite, .groupRead])
        let configuration = Configuration(executable: .path(FilePath(executable)), arguments: Arguments(arguments),
                                          environment: .inherit.updating(updates))
        // SIGCONT does nothing to a running process: the first step only waits out the lifetime,
        // returning early when the child exits by itself. The sequence always ends in SIGKILL.
        let steps: [TeardownStep] = switch ending {
        case .kill: [.send(signal: .resume, allowedDurationToNextStep: lifetime)]
        case .drain(let deadline): [.send(signal: .resume, allowedDurationToNextStep: lifetime),
                                    .gracefulShutDown(allowedDurationToNextStep: deadline)]
        }
        let result = try await Subprocess.run(configuration, input: .none, output: .fileDescriptor(log, closeAfterSpawningProcess: true),
                                              error: .combinedWithOutput) { execution in
            await execution.teardown(using: steps)
        }
        switch result.terminationStatus {
        case .exited(let code): return .exited(code)
        case .signaled(let signal): return .signaled(signal)
        }
    }
}
