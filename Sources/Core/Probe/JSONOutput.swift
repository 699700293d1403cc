import Foundation

/// The one JSON encoder for everything Hedge prints or writes: sorted keys so the same value
/// always gives the same bytes (byte-identical reports, stable diffs).
public enum JSONOutput {
    /// Encodes `value` as sorted-key JSON; `pretty` adds indentation for humans.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // A non-finite number must never make a report unwritable.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }
}
