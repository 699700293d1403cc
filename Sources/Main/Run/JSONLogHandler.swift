import Foundation
import HedgeCore
import Logging
import Synchronization

/// `--log-format json`: one JSON object per log line on stderr (`time`, `level`, `label`,
/// `message`, metadata), for log shippers. swift-log ships no JSON handler; this is the backend.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    // One lock for every handler: lines from different tasks never interleave.
    private static let output = Mutex(())

    func log(event: LogEvent) {
        var fields: [String: String] = [
            "time": UTCTime.iso8601(ms: Int64((Date().timeIntervalSince1970 * 1000).rounded())),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        guard let line = try? JSONOutput.encode(fields, pretty: false) else { return }
        Self.output.withLock { _ in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
