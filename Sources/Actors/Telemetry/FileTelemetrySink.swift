import HedgeCore
import NIOPosix

/// The production sink: state files under `stateDirectory` (atomic replace with the envelope) and
/// rotating JSONL logs under `logsDirectory`. An actor, because it owns open file descriptors;
/// only `TelemetryActor` calls it.
public actor FileTelemetrySink: TelemetrySink {
    private let states: StateFileWriter
    private let logsDirectory: String
    private let maxBytes: Int
    private let keep: Int
    private var writers: [TelemetryLog: RotatingJSONLWriter] = [:]

    public init(stateDirectory: String, logsDirectory: String, flags: FlagSnapshot, jsonlMaxBytes: Int, jsonlKeep: Int) {
        states = StateFileWriter(directory: stateDirectory, flags: flags)
        self.logsDirectory = logsDirectory
        maxBytes = jsonlMaxBytes
        keep = jsonlKeep
    }

    /// Encodes and replaces the file on NIO's blocking-I/O thread pool: a state file is fsynced
    /// twice (the file, then its directory), milliseconds on a slow disk, which must not hold one
    /// of the cooperative pool's few threads (the mesh runs there; this machine has two).
    public func writeState(_ name: StateFileName, payload: any Encodable & Sendable, timeMs: Int64) async throws {
        let states = states
        try await NIOThreadPool.singleton.runIfActive {
            try states.write(payload, name: name.rawValue, nowMs: timeMs)
        }
    }

    /// Appends `line` to `log`. A failed append drops the log's writer (closing it), so the next
    /// line opens the file afresh: a writer left closed by a failed rotation, or one whose
    /// directory was recreated, does not keep failing. A rotation that failed while its line was
    /// still written is reported by throwing after the write.
    public func append(_ log: TelemetryLog, line: String) async throws {
        let writer: RotatingJSONLWriter
        if let open = writers[log] {
            writer = open
        } else {
            writer = try RotatingJSONLWriter(path: "\(logsDirectory)/\(log.relativePath)", maxBytes: maxBytes, keep: keep)
            writers[log] = writer
        }
        do {
            // On NIO's blocking-I/O pool, like state files: a write(2) can block on a slow disk
            // (dirty-page throttling) and a rotation fsyncs.
            try await NIOThreadPool.singleton.runIfActive { try writer.append(line: line) }
        } catch {
            writers[log] = nil
            try? writer.close()
            throw error
        }
        if let rotation = writer.takeRotationError() { throw rotation }
    }

    public func close() async throws {
        let open = writers
        writers = [:]
        try await NIOThreadPool.singleton.runIfActive {
            for log in TelemetryLog.allCases { try open[log]?.close() }
        }
    }
}
