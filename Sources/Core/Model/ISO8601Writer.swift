/// Appends `UTCTime.iso8601(ms:)` text as UTF-8 bytes, reusing the date part while consecutive
/// timestamps fall on the same day: the equity curve writes one timestamp per bar, and formatting
/// a date from scratch each time dominated the backtest's output cost.
public struct ISO8601Writer: Sendable {
    private var cachedDay: Int64?
    private var datePrefix: [UInt8] = []

    public init() {}

    /// Appends the same text `UTCTime.iso8601(ms:)` returns.
    public mutating func append(ms: Int64, to bytes: inout [UInt8]) {
        let day = UTCTime.dayNumber(ms: ms)
        if day != cachedDay {
            cachedDay = day
            let text = UTCTime.iso8601(ms: day * 86_400_000)
            datePrefix = Array(text.utf8.prefix(11))  // "YYYY-MM-DDT"
        }
        bytes.append(contentsOf: datePrefix)
        let msOfDay = ms - day * 86_400_000
        let seconds = msOfDay / 1000
        appendTwoDigits(seconds / 3600, to: &bytes)
        bytes.append(58)  // ":"
        appendTwoDigits(seconds / 60 % 60, to: &bytes)
        bytes.append(58)
        appendTwoDigits(seconds % 60, to: &bytes)
        let millis = msOfDay % 1000
        if millis != 0 {
            bytes.append(46)  // "."
            bytes.append(UInt8(48 + millis / 100))
            appendTwoDigits(millis % 100, to: &bytes)
        }
        bytes.append(90)  // "Z"
    }

    private func appendTwoDigits(_ value: Int64, to bytes: inout [UInt8]) {
        bytes.append(UInt8(48 + value / 10))
        bytes.append(UInt8(48 + value % 10))
    }
}
