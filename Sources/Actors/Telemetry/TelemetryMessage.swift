import HedgeCore

/// What producers hand to the telemetry actor: a record and where it goes. Records are encoded
/// by the telemetry actor, never by the producer: JSON encoding costs tens of microseconds, which
/// the order path must not pay.
public enum TelemetryMessage: Sendable {
    /// A state file's payload (it must encode as a JSON object).
    case state(StateFileName, any Encodable & Sendable, timeMs: Int64)
    /// One JSONL record.
    case line(TelemetryLog, any Encodable & Sendable)
}
