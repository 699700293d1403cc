import Foundation

/// Splits the text of one JSON object into its top-level members, keeping each member's value
/// as the exact bytes the encoder produced. The state-file envelope merges payload members this
/// way, so a `Decimal` price or a large integer id is never re-rounded through `Double`.
///
/// The input is trusted encoder output (`JSONOutput`); the scanner only tracks strings, escapes
/// and nesting depth, and answers nil when the text is not an object.
enum JSONObjectMembers {
    /// One `"key": value` member: the decoded key and the raw key and value texts.
    struct Member {
        var key: String
        var keyText: [UInt8]
        var valueText: [UInt8]
    }

    /// The members of `text` in source order, or nil when `text` is not a JSON object.
    static func split(_ text: [UInt8]) -> [Member]? {
        var index = skipWhitespace(text, 0)
        guard index < text.count, text[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var members: [Member] = []
        while true {
            index = skipWhitespace(text, index)
            guard index < text.count else { return nil }
            if text[index] == UInt8(ascii: "}") {
                return skipWhitespace(text, index + 1) == text.count ? members : nil
            }
            if !members.isEmpty {
                guard text[index] == UInt8(ascii: ",") else { return nil }
                index = skipWhitespace(text, index + 1)
            }
            guard let keyEnd = endOfString(text, index) else { return nil }
            let keyText = Array(text[index..<keyEnd])
            guard let key = decodeKey(keyText) else { return nil }
            index = skipWhitespace(text, keyEnd)
            guard index < text.count, text[index] == UInt8(ascii: ":") else { return nil }
            index = skipWhitespace(text, index + 1)
            guard let valueEnd = endOfValue(text, index), valueEnd > index else { return nil }
            var trimmedEnd = valueEnd
            while trimmedEnd > index, isWhitespace(text[trimmedEnd - 1]) { trimmedEnd -= 1 }
            members.append(Member(key: key, keyText: keyText, valueText: Array(text[index..<trimmedEnd])))
            index = valueEnd
        }
    }

    /// The index just past the string starting at `start` (which must be a quote).
    private static func endOfString(_ text: [UInt8], _ start: Int) -> Int? {
        guard start < text.count, text[start] == UInt8(ascii: "\"") else { return nil }
        var index = start + 1
        while index < text.count {
            switch text[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }

    /// The index of the `,` or `}` that ends the value starting at `start`, at depth zero.
    private static func endOfValue(_ text: [UInt8], _ start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < text.count {
            switch text[index] {
            case UInt8(ascii: "\""):
                guard let end = endOfString(text, index) else { return nil }
                index = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return index }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The key as a Swift string (escapes resolved), by decoding it as a one-element array.
    private static func decodeKey(_ keyText: [UInt8]) -> String? {
        if !keyText.contains(UInt8(ascii: "\\")) {
            return String(decoding: keyText.dropFirst().dropLast(), as: UTF8.self)
        }
        let wrapped = [UInt8(ascii: "[")] + keyText + [UInt8(ascii: "]")]
        return (try? JSONDecoder().decode([String].self, from: Data(wrapped)))?.first
    }

    private static func skipWhitespace(_ text: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < text.count, isWhitespace(text[index]) { index += 1 }
        return index
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
