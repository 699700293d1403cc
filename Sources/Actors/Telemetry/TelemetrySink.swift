import Foundation
import HedgeCore
import Synchronization

/// Where telemetry lands: state files (whole JSON objects, replaced atomically) and JSONL logs
/// (appended). One production implementation (`FileTelemetrySink`, files under the logs
/// directory) and one in memory (`InMemoryTelemetrySink`, tests), behind this seam.
///
/// Called only from `TelemetryActor`'s loop, one call at a time.
public protocol TelemetrySink: Sendable {
    /// Replaces state file `name` with the payload (it must encode as a JSON object) wrapped in
    /// the envelope (`updated_at`, `engine_version`, `v6_flags`).
    func writeState(_ name: StateFileName, payload: any Encodable & Sendable, timeMs: Int64) async throws
    /// Appends one JSON line (without the newline) to `log`.
    func append(_ log: TelemetryLog, line: String) async throws
    /// Flushes and closes what is open (the drain's last step).
    func close() async throws
}

/// Keeps every write in memory, counting them: what tests assert on. `gate`, when set, runs
/// before every call: a stalled disk under the test's control.
public final class InMemoryTelemetrySink: TelemetrySink {
    public struct Snapshot: Sendable {
        /// The last rendered state file of each name (envelope included), parsed.
        public var states: [StateFileName: JSONValue] = [:]
        public var stateWrites: [StateFileName: Int] = [:]
        public var lines: [TelemetryLog: [String]] = [:]
        public var closed = false
    }

    private struct Storage {
        var rendered: [StateFileName: [UInt8]] = [:]
        var snapshot = Snapshot()
    }

    private let storage = Mutex(Storage())
    private let flags: FlagSnapshot
    private let gate: (@Sendable () async -> Void)?

    public init(flags: FlagSnapshot, gate: (@Sendable () async -> Void)? = nil) {
        self.flags = flags
        self.gate = gate
    }

    /// What was written; state files are parsed here, once per read, not on every write.
    public var snapshot: Snapshot {
        let (rendered, snapshot) = storage.withLock { ($0.rendered, $0.snapshot) }
        var result = snapshot
        for (name, bytes) in rendered {
            result.states[name] = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        }
        return result
    }

    /// How many times state file `name` was written (cheap: nothing is parsed).
    public func stateWriteCount(_ name: StateFileName) -> Int {
        storage.withLock { $0.snapshot.stateWrites[name] ?? 0 }
    }

    public func writeState(_ name: StateFileName, payload: any Encodable & Sendable, timeMs: Int64) async throws {
        await gate?()
        let bytes = try StateFile.render(payload, updatedAtMs: timeMs, flags: flags.values, path: name.fileName)
        storage.withLock {
            $0.rendered[name] = bytes
            $0.snapshot.stateWrites[name, default: 0] += 1
        }
    }

    public func append(_ log: TelemetryLog, line: String) async throws {
        await gate?()
        storage.withLock { $0.snapshot.lines[log, default: []].append(line) }
    }

    public func close() async throws {
        storage.withLock { $0.snapshot.closed = true }
    }
}
