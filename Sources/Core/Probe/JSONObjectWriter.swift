import Foundation

/// A record whose one-line JSON is written by hand: the same bytes as
/// `JSONOutput.encode(value, pretty: false)`, without the generic encoder. `JSONEncoder` costs
/// tens of microseconds a record; the busiest telemetry records (vetoes, shadow decisions, order
/// events) were a fifth of the mesh's CPU on two cores the order path shares.
public protocol JSONLineWritable {
    /// Appends this value's JSON object (no newline).
    func appendJSON(to bytes: inout [UInt8])
}

extension JSONLineWritable {
    /// This value's JSON object as one line of text (no newline).
    public var jsonLine: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        appendJSON(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Writes one JSON object's members in the order given. Callers give them in sorted key order,
/// as `JSONOutput` (`.sortedKeys`) writes them. Numbers are written as `JSONEncoder` writes them;
/// non-finite ones as the strings `"inf"`, `"-inf"`, `"nan"` (`JSONOutput`'s strategy).
public struct JSONObjectWriter {
    private var bytes: [UInt8] = []
    private var needsComma = false

    /// Appends `{`, the members `body` writes, and `}` to `bytes`.
    public static func write(into bytes: inout [UInt8], _ body: (inout JSONObjectWriter) -> Void) {
        var writer = JSONObjectWriter()
        swap(&writer.bytes, &bytes)  // no copy: the writer appends to the caller's buffer
        writer.bytes.append(123)  // {
        body(&writer)
        writer.bytes.append(125)  // }
        swap(&writer.bytes, &bytes)
    }

    /// A string member; nil writes `null`.
    public mutating func string(_ key: String, _ value: String?) {
        self.key(key)
        if let value { appendJSONString(value, to: &bytes) } else { appendNull() }
    }

    /// A number member; nil writes `null`.
    public mutating func number(_ key: String, _ value: Double?) {
        self.key(key)
        guard let value else { return appendNull() }
        Self.appendNumber(value, to: &bytes)
    }

    /// A UTC time member, `"2024-03-01T13:05:00Z"` (as `UTCTime.iso8601(ms:)` writes it), formatted by
    /// `writer` (which caches the day's prefix between calls).
    public mutating func time(_ key: String, ms: Int64, writer: inout ISO8601Writer) {
        self.key(key)
        bytes.append(34)
        writer.append(ms: ms, to: &bytes)
        bytes.append(34)
    }

    /// A decimal member as a JSON string of its exact venue digits (`"94551.2"`), as
    /// `venueString` gives them, written without building a `String`.
    public mutating func decimalString(_ key: String, _ value: Decimal) {
        self.key(key)
        bytes.append(34)
        value.appendVenueString(to: &bytes)
        bytes.append(34)
    }

    /// An integer member.
    public mutating func integer(_ key: String, _ value: Int) {
        self.key(key)
        appendDecimalDigits(value, to: &bytes)
    }

    /// A Boolean member.
    public mutating func bool(_ key: String, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// An array-of-strings member.
    public mutating func strings(_ key: String, _ values: [String]) {
        self.key(key)
        bytes.append(91)  // [
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(44) }
            appendJSONString(value, to: &bytes)
        }
        bytes.append(93)  // ]
    }

    /// A member whose value `write` appends (a nested object or array).
    public mutating func value(_ key: String, _ write: (inout [UInt8]) -> Void) {
        self.key(key)
        write(&bytes)
    }

    /// An array member of hand-written objects.
    public mutating func objects(_ key: String, _ values: [some JSONLineWritable]) {
        self.key(key)
        bytes.append(91)  // [
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(44) }
            value.appendJSON(to: &bytes)
        }
        bytes.append(93)  // ]
    }

    /// A Double as `JSONOutput` writes it: `JSONEncoder`'s shortest round-trip text, or a string
    /// for a non-finite value.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        if value.isFinite {
            bytes.append(contentsOf: jsonNumberText(value).utf8)
        } else {
            appendJSONString(value.isNaN ? "nan" : value < 0 ? "-inf" : "inf", to: &bytes)
        }
    }

    private mutating func key(_ name: String) {
        if needsComma { bytes.append(44) }
        needsComma = true
        appendJSONString(name, to: &bytes)
        bytes.append(58)  // :
    }

    private mutating func appendNull() {
        bytes.append(contentsOf: [110, 117, 108, 108])
    }
}
