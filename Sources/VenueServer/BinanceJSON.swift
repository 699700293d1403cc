import Foundation
import HedgeCore

/// A JSON value built in Binance's key order, serialized exactly: decimal numbers travel as
/// strings (`.string("0.001")`), ids and times as integers (`.int(1589437530011)`).
///
/// Foundation's `JSONSerialization` neither keeps key order nor tells an integer from a boolean
/// on Linux, and the shapes served here are compared with Binance's samples key by key, so the
/// loopback venue writes its JSON with this small value type.
enum BinanceJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([BinanceJSON])
    case object([(String, BinanceJSON)])

    static func == (lhs: BinanceJSON, rhs: BinanceJSON) -> Bool { lhs.serialized == rhs.serialized }
    func hash(into hasher: inout Hasher) { hasher.combine(serialized) }

    /// `.string` of a decimal's plain venue form (`94230.2`, `0.001`).
    static func decimal(_ value: Decimal) -> BinanceJSON { .string(value.venueString) }

    /// `.string` of a decimal with exactly `places` fraction digits (`"0.00000000"`), as Binance
    /// writes balances.
    static func fixed(_ value: Decimal, places: Int) -> BinanceJSON {
        var rounded = Decimal()
        var input = value
        NSDecimalRound(&rounded, &input, places, .plain)
        let plain = rounded.venueString
        let parts = plain.split(separator: ".", maxSplits: 1)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        let whole = String(parts[0])
        guard places > 0 else { return .string(whole) }
        let padding = String(repeating: "0", count: max(0, places - fraction.count))
        return .string(whole + "." + fraction + padding)
    }

    /// `.string` of an analytics `Double` (USD amounts), through its shortest decimal form.
    static func fixed(_ value: Double, places: Int) -> BinanceJSON {
        fixed(Decimal(shortestRepresentationOf: value) ?? 0, places: places)
    }

    static func int(_ value: Int) -> BinanceJSON { .int(Int64(value)) }

    /// The compact JSON text.
    var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(member.0, to: &out)
                out += ":"
                member.1.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ string: String, to out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
