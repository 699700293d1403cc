import HedgeCore

/// The production sink: state files under `stateDirectory` (atomic replace with the envelope) and
/// rotating JSONL logs under `logsDirectory`. An actor, because it owns open file descriptors;
/// only `TelemetryActor` calls it.
public actor FileTelemetrySink: TelemetrySink {
    private let stateDirectory: String
    private let logsDirectory: String
    private let flags: [String: Bool]
    private let maxBytes: Int
    private let keep: Int
    private var writers: [TelemetryLog: RotatingJSONLWriter] = [:]

    public init(stateDirectory: String, logsDirectory: String, flags: FlagSnapshot, jsonlMaxBytes: Int, jsonlKeep: Int) {
        self.stateDirectory = stateDirectory
        self.logsDirectory = logsDirectory
        self.flags = flags.values
        maxBytes = jsonlMaxBytes
        keep = jsonlKeep
    }

    public func writeState(_ name: StateFileName, payloadJSON: String, timeMs: Int64) throws {
        let path = "\(stateDirectory)/\(name.fileName)"
        let bytes = try StateFile.render(payloadJSON: payloadJSON, updatedAtMs: timeMs, flags: flags, path: path)
        try AtomicFileWriter.write(bytes, to: path)
    }

    public func append(_ log: TelemetryLog, line: String) throws {
        let writer: RotatingJSONLWriter
        if let open = writers[log] {
            writer = open
        } else {
            writer = try RotatingJSONLWriter(path: "\(logsDirectory)/\(log.relativePath)", maxBytes: maxBytes, keep: keep)
            writers[log] = writer
        }
        try writer.append(line: line)
    }

    public func close() throws {
        for log in TelemetryLog.allCases {
            try writers[log]?.close()
        }
        writers = [:]
    }
}
