import Foundation

/// Conversions between `Decimal` and the plain decimal strings venues send and accept.
///
/// Venue prices and quantities travel as strings ("0.10", "94230.2"). Parsing them straight
/// into `Decimal` keeps them exact; `Double` would turn 0.1 into 0.1000000000000000055…
extension Decimal {
    /// The most significant digits a `Decimal` mantissa holds exactly.
    static let maxExactDigits = 38

    /// Longest string accepted by `init?(venueString:)`; venue numbers are far shorter, and the
    /// cap keeps the exponent inside `Decimal`'s range.
    static let maxVenueStringLength = 64

    /// Built once: creating a `Locale` per parse cost more than the parse (it was most of the
    /// router's time per order).
    static let posixLocale = Locale(identifier: "en_US_POSIX")

    /// Parses a plain decimal string exactly: an optional `-`, digits, an optional `.` and
    /// digits (`"0.10"`, `"1000"`, `".5"`, `"5."`). Fails on anything else (exponents, spaces,
    /// trailing characters, empty input) and on values with more than 38 significant digits,
    /// which `Decimal` would silently truncate. Foundation's `Decimal(string:)` alone accepts
    /// `"1.2abc"` as 1.2, so it is only called after the grammar has been checked.
    public init?(venueString string: String) {
        guard !string.isEmpty, string.utf8.count <= Decimal.maxVenueStringLength else { return nil }
        var body = Substring(string)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts[0]
        let fractionPart = parts.count == 2 ? parts[1] : ""
        let isDigit: (Character) -> Bool = { ("0"..."9").contains($0) }
        guard integerPart.allSatisfy(isDigit), fractionPart.allSatisfy(isDigit),
              !(integerPart.isEmpty && fractionPart.isEmpty) else { return nil }
        // Leading and trailing zeros only move the exponent; the rest must fit the mantissa.
        let significant = (integerPart + fractionPart).drop { $0 == "0" }.reversed().drop { $0 == "0" }
        guard significant.count <= Decimal.maxExactDigits else { return nil }
        guard let value = Decimal(string: string, locale: Decimal.posixLocale) else { return nil }
        self = value
    }

    /// The shortest decimal that round-trips to `value` (0.3 → 0.3, not
    /// 0.299999999999999988…), or nil for NaN and infinities. Use it to bring a configured
    /// `Double` (an offset in bps, a USD notional) into exact venue arithmetic.
    public init?(shortestRepresentationOf value: Double) {
        guard value.isFinite else { return nil }
        if let fixed = Decimal(fewestDecimalPlaces: value) {
            self = fixed
            return
        }
        // Swift prints a Double as its shortest round-tripping form, possibly with an exponent
        // ("1e-07"). Its digits become the mantissa directly; Foundation's string parser, which
        // took ten times as long, only reads what does not fit that.
        let text = "\(value)"
        if let fast = Decimal(shortestDigits: text) {
            self = fast
        } else if let parsed = Decimal(string: text, locale: Decimal.posixLocale) {
            self = parsed
        } else {
            return nil
        }
    }

    /// The value with the fewest decimal places (at most 15) that reads back as `value`, found
    /// without printing it: m × 10^−k for the smallest k where m = value × 10^k rounded is below
    /// 2^53 and m / 10^k (one correctly rounded division of exact operands, as parsing the decimal
    /// would give) equals `value`. Prices, sizes and volumes take this path; what does not fit
    /// (very large or very small magnitudes, 16+ decimals) is nil and goes through the printed
    /// form. Printing cost a few hundred nanoseconds a value, and the sim venue and the backtest
    /// convert several per bar.
    private init?(fewestDecimalPlaces value: Double) {
        let magnitude = abs(value)
        guard magnitude < 9.0e15 else { return nil }
        if magnitude == 0 {
            self = 0
            return
        }
        for (places, scale) in Self.exactPowersOfTen.prefix(16).enumerated() {
            let scaled = (magnitude * scale).rounded()
            guard scaled < 9_007_199_254_740_992 else { return nil }
            if scaled / scale == magnitude {
                self = Decimal(sign: value < 0 ? .minus : .plus, exponent: -places, significand: Decimal(UInt64(scaled)))
                return
            }
        }
        return nil
    }

    /// Reads Swift's printed form of a finite `Double` (`-12.5`, `1e-07`, `5.0`, `1.5e+20`) as
    /// mantissa × 10^exponent. Nil when it has more than 19 digits or an exponent outside
    /// ±100 (never for a `Double`'s shortest form in the ranges prices and sizes live in).
    private init?(shortestDigits text: String) {
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var negative = false
        var inFraction = false
        var exponent = 0
        var exponentNegative = false
        var readingExponent = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte &- UInt8(ascii: "0"))
                if readingExponent {
                    exponent = exponent * 10 + digit
                    guard exponent <= 400 else { return nil }
                } else {
                    guard mantissa != 0 || digit != 0 || inFraction else { continue }
                    digits += 1
                    guard digits <= 19 else { return nil }
                    mantissa = mantissa * 10 + UInt64(digit)
                    if inFraction { fractionDigits += 1 }
                }
            case UInt8(ascii: "-"):
                if readingExponent { exponentNegative = true } else { negative = true }
            case UInt8(ascii: "+"):
                guard readingExponent else { return nil }
            case UInt8(ascii: "."):
                inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                readingExponent = true
            default:
                return nil
            }
        }
        let scale = (exponentNegative ? -exponent : exponent) - fractionDigits
        guard (-100...100).contains(scale) else { return nil }
        self.init(sign: negative && mantissa != 0 ? .minus : .plus, exponent: scale, significand: Decimal(mantissa))
    }

    /// The plain string a venue accepts: no exponent, no trailing zeros, no trailing point, no
    /// negative zero (`0.001`, `94230.2`, `100`). NaN renders as `"NaN"`, which every venue
    /// rejects; `OrderSizing` never holds one.
    public var venueString: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendVenueString(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `venueString`'s UTF-8 bytes. Prices and quantities (a significand below 2^64)
    /// are written from their digits in ~0.1 µs; Foundation's `description` (~3 µs on Linux,
    /// four of them per order row on the order path) is the fallback for the rest. Checked
    /// against the fallback on seeded values by tests.
    public func appendVenueString(to bytes: inout [UInt8]) {
        guard isFinite else { return bytes.append(contentsOf: "NaN".utf8) }
        let significand = self.significand
        let mantissa = NSDecimalNumber(decimal: significand).uint64Value
        guard Decimal(mantissa) == significand else { return bytes.append(contentsOf: descriptionVenueString.utf8) }
        if mantissa == 0 { return bytes.append(48) }
        if sign == .minus { bytes.append(45) }
        // The mantissa's digits, written in place (most significant first) with no allocation.
        let start = bytes.count
        var rest = mantissa
        while rest > 0 {
            bytes.append(UInt8(48 + rest % 10))
            rest /= 10
        }
        bytes[start...].reverse()
        let scale = exponent
        if scale >= 0 {
            bytes.append(contentsOf: repeatElement(48, count: scale))
            return
        }
        // Trailing zeros of the fraction go; a point with nothing after it goes too.
        var fraction = -scale
        while fraction > 0, bytes.count > start, bytes[bytes.count - 1] == 48 {
            bytes.removeLast()
            fraction -= 1
        }
        guard fraction > 0 else { return }
        let integerDigits = (bytes.count - start) - fraction
        if integerDigits <= 0 {
            // 0.000ddd: the point and the leading zeros go in front of the digits.
            let leading: [UInt8] = [48, 46] + Array(repeating: 48, count: -integerDigits)
            bytes.insert(contentsOf: leading, at: start)
        } else {
            bytes.insert(46, at: start + integerDigits)
        }
    }

    /// `venueString` through Foundation's `description`: the reference the fast path is checked
    /// against, and its fallback for significands of 20 digits and more.
    var descriptionVenueString: String {
        guard isFinite else { return "NaN" }
        // Foundation's description is already plain positional notation; it is normalised
        // here so that values built by arithmetic (e.g. 0.5 × 2) print the same as parsed ones.
        var text = description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" || text.isEmpty { text = "0" }
        return text
    }

    /// This value as the nearest `Double`, for analytics only (spreads and slippage in bps);
    /// never for a number sent to a venue. Correctly rounded on every platform (where
    /// `NSDecimalNumber.doubleValue` of a fraction has differed between Foundations), so the
    /// backtest and live agree to the last bit.
    public var analyticsDouble: Double {
        guard isFinite else { return .nan }
        // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are both
        // exact doubles, so one multiplication or division rounds correctly. Prices and
        // quantities always take it (~60 ns); the plain-string parse (~2.5 µs) is the fallback.
        let scale = exponent
        if (-22...22).contains(scale) {
            let mantissa = NSDecimalNumber(decimal: significand).doubleValue
            if mantissa < 9_007_199_254_740_992 {
                let power = Decimal.exactPowersOfTen[abs(scale)]
                let magnitude = scale < 0 ? mantissa / power : mantissa * power
                return sign == .minus ? -magnitude : magnitude
            }
        }
        return Double(venueString) ?? .nan
    }

    /// 10^0 … 10^22, every one exact in a `Double`.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }
}
