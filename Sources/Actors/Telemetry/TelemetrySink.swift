import HedgeCore
import Synchronization

/// Where telemetry lands: state files (whole JSON objects, replaced atomically) and JSONL logs
/// (appended). One production implementation (`FileTelemetrySink`, files under the logs
/// directory) and one in memory (`InMemoryTelemetrySink`, tests and the sim), behind this seam.
///
/// Called only from `TelemetryActor`'s loop, one call at a time.
public protocol TelemetrySink: Sendable {
    /// Replaces state file `name` with `payload` (an object) wrapped in the envelope
    /// (`updated_at`, `engine_version`, `v6_flags`).
    func writeState(_ name: StateFileName, payload: JSONValue, timeMs: Int64, flags: FlagSnapshot) async throws
    /// Appends one JSON line (already encoded, without the newline) to `log`.
    func append(_ log: TelemetryLog, line: String) async throws
    /// Flushes and closes what is open (the drain's last step).
    func close() async throws
}

/// Keeps every write in memory, counting them: what tests assert on (and what a stalled-writer
/// test can slow down through `gate`).
public final class InMemoryTelemetrySink: TelemetrySink {
    public struct Snapshot: Sendable {
        public var states: [StateFileName: JSONValue] = [:]
        public var stateWrites: [StateFileName: Int] = [:]
        public var lines: [TelemetryLog: [String]] = [:]
        public var closed = false
    }

    private let storage = Mutex(Snapshot())
    /// When set, every call first waits for it: a stalled disk, under the test's control.
    private let gate: (@Sendable () async -> Void)?

    public init(gate: (@Sendable () async -> Void)? = nil) {
        self.gate = gate
    }

    public var snapshot: Snapshot { storage.withLock { $0 } }

    public func writeState(_ name: StateFileName, payload: JSONValue, timeMs: Int64, flags: FlagSnapshot) async throws {
        await gate?()
        let envelope = StateEnvelope.wrap(payload, timeMs: timeMs, flags: flags)
        storage.withLock {
            $0.states[name] = envelope
            $0.stateWrites[name, default: 0] += 1
        }
    }

    public func append(_ log: TelemetryLog, line: String) async throws {
        await gate?()
        storage.withLock { $0.lines[log, default: []].append(line) }
    }

    public func close() async throws {
        storage.withLock { $0.closed = true }
    }
}

/// The envelope every state file carries.
public enum StateEnvelope {
    /// `payload`'s keys plus `updated_at`, `engine_version` and `v6_flags` (the envelope's keys win
    /// over a payload key of the same name). A non-object payload goes under `value`.
    public static func wrap(_ payload: JSONValue, timeMs: Int64, flags: FlagSnapshot) -> JSONValue {
        var fields: [String: JSONValue]
        if case .object(let object) = payload { fields = object } else { fields = ["value": payload] }
        fields["updated_at"] = .string(UTCTime.iso8601(ms: timeMs))
        fields["engine_version"] = .string(HedgeVersion.current)
        fields["v6_flags"] = .object(flags.values.mapValues { .bool($0) })
        return .object(fields)
    }
}
