extension ClosedTrade {
    /// Appends this trade as one `trades.jsonl` line (sorted keys, trailing newline): the same
    /// bytes `JSONOutput.encode(trade, pretty: false)` produces, non-finite numbers included
    /// (written as the strings `"inf"`, `"-inf"`, `"nan"`), without the generic encoder because a
    /// busy backtest closes a trade every few dozen bars.
    public func appendJSONLine(to bytes: inout [UInt8], times: inout ISO8601Writer) {
        JSONObjectWriter.write(into: &bytes) { json in
            json.number("entry_price", entryPrice)
            json.time("entry_time", ms: entryTimeMs, writer: &times)
            json.number("exit_price", exitPrice)
            json.string("exit_reason", exitReason)
            json.time("exit_time", ms: exitTimeMs, writer: &times)
            json.number("fees_usd", feesUSD)
            json.number("pnl_usd", pnlUSD)
            json.number("qty", quantity)
            json.number("r_multiple", rMultiple)
            json.string("regime", regime.rawValue)
            json.string("side", side.rawValue)
            json.string("strategy", strategy)
            json.string("symbol", symbol)
        }
        bytes.append(10)  // \n
    }
}

/// A Double as Foundation's JSONEncoder writes it: the shortest round-trip text, without a
/// trailing ".0" on whole numbers.
func jsonNumberText(_ value: Double) -> String {
    let text = value.description
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}

/// A JSON string literal with the escapes JSONEncoder uses (quote, backslash, control characters).
/// A string that needs none (every key, nearly every value) is copied in one block.
func appendJSONString(_ value: String, to bytes: inout [UInt8]) {
    bytes.append(34)
    var value = value
    let copied = value.withUTF8 { utf8 -> Bool in
        guard !utf8.contains(where: { $0 < 32 || $0 == 34 || $0 == 92 }) else { return false }
        bytes.append(contentsOf: utf8)
        return true
    }
    if !copied {
        for byte in value.utf8 {
            switch byte {
            case 34: bytes.append(contentsOf: [92, 34])
            case 92: bytes.append(contentsOf: [92, 92])
            case 10: bytes.append(contentsOf: [92, 110])
            case 13: bytes.append(contentsOf: [92, 114])
            case 9: bytes.append(contentsOf: [92, 116])
            case 8: bytes.append(contentsOf: [92, 98])
            case 12: bytes.append(contentsOf: [92, 102])
            case 0..<32:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
    }
    bytes.append(34)
}

/// An integer's decimal digits, without building a `String`.
func appendDecimalDigits(_ value: Int, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(45) }
    var magnitude = value.magnitude
    if magnitude == 0 { return bytes.append(48) }
    let start = bytes.count
    while magnitude > 0 {
        bytes.append(UInt8(48 + magnitude % 10))
        magnitude /= 10
    }
    bytes[start...].reverse()
}
