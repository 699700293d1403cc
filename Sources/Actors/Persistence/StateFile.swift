import HedgeCore

/// The envelope every state file under `logs/state/` carries, so a reader can always tell when
/// it was written, by which build, and under which flags:
///
/// `{"engine_version":"0.1.0","updated_at":"2024-03-01T13:05:00Z","v6_flags":{…},…payload keys}`
///
/// The payload's own top-level keys are merged beside the envelope's, keys sorted, one line of
/// compact JSON ending in a newline. Payload values keep the exact bytes `JSONOutput` produced
/// for them (no round trip through `Double`).
///
/// A payload key named like an envelope key (`updated_at`, `engine_version`, `v6_flags`) is a
/// programming error; the envelope wins and the payload's value is dropped, so the file always
/// tells the truth about when and by what it was written (the `synced_state.json` bundle may
/// therefore carry those keys in its payload harmlessly).
public enum StateFile {
    /// The keys the envelope owns.
    public static let envelopeKeys: Set<String> = ["updated_at", "engine_version", "v6_flags"]

    /// Renders `payload` inside the envelope. `updatedAtMs` is UTC epoch milliseconds supplied by
    /// the caller's clock; `flags` is `FlagSnapshot.values`; `path` names the file in errors.
    /// Throws `.payloadNotObject` when the payload does not encode as a JSON object and
    /// `.encoding` when it cannot be encoded at all.
    public static func render<Payload: Encodable>(
        _ payload: Payload,
        updatedAtMs: Int64,
        flags: [String: Bool],
        engineVersion: String = HedgeVersion.current,
        path: String
    ) throws(PersistenceError) -> [UInt8] {
        let payloadText: String
        do {
            payloadText = try JSONOutput.encode(payload, pretty: false)
        } catch {
            throw .encoding(path: path, reason: String(describing: error))
        }
        return try render(payloadJSON: payloadText, updatedAtMs: updatedAtMs, flags: flags, engineVersion: engineVersion, path: path)
    }

    /// `render` for a payload already encoded as a JSON object (`JSONOutput.encode`): what the
    /// telemetry actor passes, so producers pay for their own encoding.
    public static func render(
        payloadJSON payloadText: String,
        updatedAtMs: Int64,
        flags: [String: Bool],
        engineVersion: String = HedgeVersion.current,
        path: String
    ) throws(PersistenceError) -> [UInt8] {
        let envelope: [(key: String, value: String)]
        do {
            envelope = [
                ("engine_version", try JSONOutput.encode(engineVersion, pretty: false)),
                ("updated_at", try JSONOutput.encode(UTCTime.iso8601(ms: updatedAtMs), pretty: false)),
                ("v6_flags", try JSONOutput.encode(flags, pretty: false)),
            ]
        } catch {
            throw .encoding(path: path, reason: String(describing: error))
        }
        guard let payloadMembers = JSONObjectMembers.split(Array(payloadText.utf8)) else {
            throw .payloadNotObject(path: path)
        }

        var members = envelope.map { (key: $0.key, text: Array("\"\($0.key)\":\($0.value)".utf8)) }
        for member in payloadMembers where !envelopeKeys.contains(member.key) {
            members.append((key: member.key, text: member.keyText + [UInt8(ascii: ":")] + member.valueText))
        }
        members.sort { $0.key < $1.key }

        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, member) in members.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: member.text)
        }
        bytes.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
        return bytes
    }
}
