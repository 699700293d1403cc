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
        // Swift prints a Double as its shortest round-tripping form, possibly with an exponent
        // ("1e-07"), which `Decimal(string:)` reads exactly.
        guard let decimal = Decimal(string: "\(value)", locale: Decimal.posixLocale) else { return nil }
        self = decimal
    }

    /// The plain string a venue accepts: no exponent, no trailing zeros, no trailing point, no
    /// negative zero (`0.001`, `94230.2`, `100`). NaN renders as `"NaN"`, which every venue
    /// rejects; `OrderSizing` never holds one.
    public var venueString: String {
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
    /// never for a number sent to a venue. Parsing the plain string is correctly rounded on every
    /// platform, where `NSDecimalNumber.doubleValue` has differed between Foundations, so the
    /// backtest and live agree to the last bit.
    public var analyticsDouble: Double {
        Double(venueString) ?? .nan
    }
}
