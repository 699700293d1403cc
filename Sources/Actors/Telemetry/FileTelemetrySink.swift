import HedgeCore

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

    public func writeState(_ name: StateFileName, payload: any Encodable & Sendable, timeMs: Int64) throws {
        try states.write(payload, name: name.rawValue, nowMs: timeMs)
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
