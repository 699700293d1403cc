extension ClosedTrade {
    /// Appends this trade as one `trades.jsonl` line (sorted keys, trailing newline): the same
    /// bytes `JSONOutput.encode(trade, pretty: false)` produces, written without the generic
    /// encoder because a busy backtest closes a trade every few dozen bars.
    public func appendJSONLine(to bytes: inout [UInt8], times: inout ISO8601Writer) {
        func key(_ name: String) {
            bytes.append(34)
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: [34, 58])  // ":
        }
        func number(_ value: Double) {
            bytes.append(contentsOf: jsonNumberText(value).utf8)
        }
        func string(_ value: String) {
            appendJSONString(value, to: &bytes)
        }
        bytes.append(123)  // {
        key("entry_price"); number(entryPrice); bytes.append(44)
        key("entry_time"); bytes.append(34); times.append(ms: entryTimeMs, to: &bytes); bytes.append(34); bytes.append(44)
        key("exit_price"); number(exitPrice); bytes.append(44)
        key("exit_reason"); string(exitReason); bytes.append(44)
        key("exit_time"); bytes.append(34); times.append(ms: exitTimeMs, to: &bytes); bytes.append(34); bytes.append(44)
        key("fees_usd"); number(feesUSD); bytes.append(44)
        key("pnl_usd"); number(pnlUSD); bytes.append(44)
        key("qty"); number(quantity); bytes.append(44)
        key("r_multiple"); number(rMultiple); bytes.append(44)
        key("regime"); string(regime.rawValue); bytes.append(44)
        key("side"); string(side.rawValue); bytes.append(44)
        key("strategy"); string(strategy); bytes.append(44)
        key("symbol"); string(symbol)
        bytes.append(contentsOf: [125, 10])  // }\n
    }
}

/// A Double as Foundation's JSONEncoder writes it: the shortest round-trip text, without a
/// trailing ".0" on whole numbers.
func jsonNumberText(_ value: Double) -> String {
    let text = value.description
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}

/// A JSON string literal with the escapes JSONEncoder uses (quote, backslash, control characters).
func appendJSONString(_ value: String, to bytes: inout [UInt8]) {
    bytes.append(34)
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
    bytes.append(34)
}
