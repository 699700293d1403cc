import Foundation
import HedgeCore

/// The envelope every state file under `logs/state/` carries, so a reader can always tell when
/// it was written, by which build, and under which flags:
///
/// `{"engine_version":"0.1.0","updated_at":"2024-03-01T13:05:00Z","v6_flags":{…},…payload keys}`
///
/// The payload's own top-level keys sit beside the envelope's, keys sorted, one line of compact
/// JSON ending in a newline, numbers as `JSONOutput` writes them (a `Decimal` keeps every digit).
///
/// A payload key named like an envelope key (`updated_at`, `engine_version`, `v6_flags`) is
/// overwritten by the envelope, so the file always tells the truth about when and by what it
/// was written (the `synced_state.json` bundle may therefore carry those keys harmlessly).
public enum StateFile {
    /// The keys the envelope owns.
    public static let envelopeKeys: Set<String> = ["updated_at", "engine_version", "v6_flags"]

    /// Renders `payload` inside the envelope. `updatedAtMs` is UTC epoch milliseconds supplied by
    /// the caller's clock; `flags` is `FlagSnapshot.values`; `path` names the file in errors.
    /// Throws `.payloadNotObject` when the payload does not encode as a JSON object and
    /// `.encoding` when it cannot be encoded at all.
    public static func render(
        _ payload: some Encodable,
        updatedAtMs: Int64,
        flags: [String: Bool],
        engineVersion: String = HedgeVersion.current,
        path: String
    ) throws(PersistenceError) -> [UInt8] {
        // Only an object can carry the envelope's keys beside its own (encoding a keyed container
        // over an array or a scalar would trap), so the payload's shape is checked first.
        guard try encodesAsObject(payload, path: path) else { throw .payloadNotObject(path: path) }
        let envelope = Envelope(payload: payload, engineVersion: engineVersion, updatedAt: UTCTime.iso8601(ms: updatedAtMs), flags: flags)
        do {
            return Array(try JSONOutput.encode(envelope, pretty: false).utf8) + [UInt8(ascii: "\n")]
        } catch {
            throw .encoding(path: path, reason: String(describing: error))
        }
    }

    private static func encodesAsObject(_ payload: some Encodable, path: String) throws(PersistenceError) -> Bool {
        do {
            // The same encoder as the file's, so what passes here (a non-finite number written as
            // a string) also passes there.
            return try JSONOutput.encode(payload, pretty: false).utf8.first == UInt8(ascii: "{")
        } catch {
            throw .encoding(path: path, reason: String(describing: error))
        }
    }

    /// The payload's members, then the envelope's in the same object (the later write of a key wins).
    private struct Envelope<Payload: Encodable>: Encodable {
        var payload: Payload
        var engineVersion: String
        var updatedAt: String
        var flags: [String: Bool]

        enum CodingKeys: String, CodingKey {
            case engineVersion = "engine_version"
            case updatedAt = "updated_at"
            case flags = "v6_flags"
        }

        func encode(to encoder: any Encoder) throws {
            try payload.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(engineVersion, forKey: .engineVersion)
            try container.encode(updatedAt, forKey: .updatedAt)
            try container.encode(flags, forKey: .flags)
        }
    }
}
