/// Number parsing straight from the UTF-8 bytes of a CSV field, without a `String` per field:
/// the bar reader's hot path.
enum CSVNumber {
    /// A non-negative decimal integer of 1–18 digits (epoch milliseconds); nil for anything else
    /// (sign, spaces, decimal point, empty, overflow).
    @inline(__always)
    static func parseInt64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            let digit = byte &- 48
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
        }
        return value
    }

    /// A finite decimal number (`94230.2`, `-0.00008373`, `1e-05`); nil when the field is not a
    /// number or not finite (`nan`, `inf` are refused: no price or volume may be one).
    ///
    /// Exact: plain decimals whose significant digits fit in 2^53 with at most 22 fraction digits,
    /// which is every price and volume written as a shortest round-trip float, take Clinger's fast
    /// path: the digits and the power of ten are both exact doubles, so the one IEEE division is
    /// correctly rounded and equals what `strtod` returns. Everything else (exponents, more
    /// digits) goes through the standard library's `Double(_:)`.
    @inline(__always)
    static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let count = bytes.count
        var negative = false
        if count > 0, bytes[0] == 45 || bytes[0] == 43 {
            negative = bytes[0] == 45
            index = 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        while index < count {
            let byte = bytes[index]
            let digit = byte &- 48
            if digit < 10 {
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
                // Leading zeros carry no significant digit, only (after the point) a place.
                if mantissa != 0 || digit != 0 {
                    significantDigits += 1
                    if significantDigits > 19 { return parseSlowly(bytes) }
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                }
            } else if byte == 46, !sawPoint {
                sawPoint = true
            } else {
                return parseSlowly(bytes)
            }
            index += 1
        }
        guard sawDigit else { return parseSlowly(bytes) }
        guard mantissa <= 1 << 53, fractionDigits <= 22 else { return parseSlowly(bytes) }
        let magnitude = Double(mantissa) / powerOfTen(fractionDigits)
        return negative ? -magnitude : magnitude
    }

    /// 10^exponent for 0...22, all exactly representable as doubles.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// The rare general case; a `String` here costs nothing on the data Hedge reads.
    private static func parseSlowly(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count <= 64, let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else {
            return nil
        }
        return value
    }

    /// The field as text, for error messages.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
