import HedgeCore

/// What producers hand to the telemetry actor. Payloads are already encoded (sorted-key JSON), so
/// the message is a plain `Sendable` value and the producer pays for its own encoding.
public enum TelemetryMessage: Sendable {
    /// A state file's payload, a JSON object.
    case state(StateFileName, payloadJSON: String, timeMs: Int64)
    /// One JSONL line, without the newline.
    case line(TelemetryLog, String)
    /// A state file's payload, encoded by the telemetry actor (off the producer's path).
    case stateRecord(StateFileName, any Encodable & Sendable, timeMs: Int64)
    /// One JSONL record, encoded by the telemetry actor (off the producer's path).
    case lineRecord(TelemetryLog, any Encodable & Sendable)
}
