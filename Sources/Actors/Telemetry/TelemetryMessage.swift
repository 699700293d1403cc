import Foundation
import HedgeCore

/// What producers hand to the telemetry actor. Payloads are already encoded, so the message is a
/// plain `Sendable` value and the producer pays for its own encoding.
public enum TelemetryMessage: Sendable {
    case state(StateFileName, JSONValue, timeMs: Int64)
    case line(TelemetryLog, String)
}

extension JSONValue {
    /// `value` encoded and read back as a tree (state-file payloads).
    public init<T: Encodable>(encoding value: T) throws {
        let text = try JSONOutput.encode(value, pretty: false)
        self = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
