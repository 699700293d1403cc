import Foundation

/// Numbers Binance sends in headers and error messages, read so that no value can trap or turn
/// into a silently wrong wait: `Retry-After` of `inf`, `nan`, `-5` or `1e300`, a used-weight of
/// `9223372036854775807`, a ban "until" years away.
enum BinanceHeaderValues {
    /// The longest wait any Binance answer can impose: an IP ban lasts from 2 minutes to 3 days.
    static let maxWaitSeconds: Double = 3 * 24 * 3600

    /// A wait in seconds (`Retry-After`): a finite number ≥ 0, capped at `maxWaitSeconds`; nil when
    /// absent, not a number, negative or non-finite (the caller then uses its default).
    static func seconds(_ text: String?) -> Double? {
        guard let text, let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else { return nil }
        return min(value, maxWaitSeconds)
    }

    /// The largest count a header may report: far above every published limit, and far enough
    /// from `Int.max` that sums of counts cannot overflow.
    static let maxCount = 1_000_000_000

    /// A count (`X-MBX-USED-WEIGHT-1M`, `X-MBX-ORDER-COUNT-*`): an integer ≥ 0, saturated at
    /// `maxCount` (digits beyond `Int` also saturate); nil when absent or not a non-negative integer.
    static func count(_ text: String?) -> Int? {
        guard let text else { return nil }
        let digits = text.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let value = Int(digits) else { return maxCount }
        return min(value, maxCount)
    }

    /// Milliseconds for a wait of `seconds`, the wait first clamped to [0, `maxWaitSeconds`]
    /// (NaN counts as 0), so the conversion never traps.
    static func milliseconds(_ seconds: Double) -> Int64 {
        guard seconds.isFinite else { return seconds > 0 ? Int64(maxWaitSeconds * 1000) : 0 }
        return Int64((min(max(seconds, 0), maxWaitSeconds) * 1000).rounded(.up))
    }
}
