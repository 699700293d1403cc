/// UTC epoch-millisecond timestamps and their ISO 8601 form (`2024-03-01T13:05:00Z`), computed
/// with integer calendar arithmetic: no Foundation formatter, no locale, no time zone database, so
/// every report renders the same bytes on every machine.
public enum UTCTime {
    /// `2024-03-01T13:05:00Z`; milliseconds are shown (`…:00.250Z`) only when non-zero.
    public static func iso8601(ms: Int64) -> String {
        let (days, msOfDay) = floorDivide(ms, 86_400_000)
        let (year, month, day) = civilDate(fromDays: days)
        let seconds = msOfDay / 1000
        let millis = msOfDay % 1000
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if millis != 0 { text += ".\(pad(millis, 3))" }
        return text + "Z"
    }

    /// `2024-03-01` for a UTC day number (days since 1970-01-01), as `dayNumber(ms:)` gives it.
    public static func iso8601Date(dayNumber: Int64) -> String {
        let (year, month, day) = civilDate(fromDays: dayNumber)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS` or with `.mmm`, each with an
    /// optional trailing `Z`, as UTC. Nil for anything else (no other offsets are accepted, so a
    /// local time can never be mistaken for UTC).
    public static func parse(_ text: String) -> Int64? {
        var s = Substring(text)
        if s.hasSuffix("Z") { s = s.dropLast() }
        let parts = s.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
              let year = Int64(date[0]), let month = Int64(date[1]), let day = Int64(date[2]),
              (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        var msOfDay: Int64 = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard clock.count == 2 || clock.count == 3,
                  clock[0].count == 2, clock[1].count == 2,
                  let hour = Int64(clock[0]), let minute = Int64(clock[1]),
                  (0...23).contains(hour), (0...59).contains(minute)
            else { return nil }
            var second: Int64 = 0, millis: Int64 = 0
            if clock.count == 3 {
                let secondParts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
                guard secondParts[0].count == 2, let s = Int64(secondParts[0]), (0...59).contains(s) else { return nil }
                second = s
                if secondParts.count == 2 {
                    guard secondParts[1].count == 3, let m = Int64(secondParts[1]) else { return nil }
                    millis = m
                } else if secondParts.count > 2 {
                    return nil
                }
            }
            msOfDay = ((hour * 60 + minute) * 60 + second) * 1000 + millis
        }
        return days(fromCivil: year, month, day) * 86_400_000 + msOfDay
    }

    /// The UTC hour (0–23) of a timestamp.
    public static func hourOfDay(ms: Int64) -> Int {
        Int(floorDivide(ms, 86_400_000).remainder / 3_600_000)
    }

    /// The UTC day number (days since 1970-01-01) of a timestamp.
    public static func dayNumber(ms: Int64) -> Int64 {
        floorDivide(ms, 86_400_000).quotient
    }

    // Howard Hinnant's days-from-civil / civil-from-days algorithms (proleptic Gregorian).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        var q = a / b
        var r = a % b
        if r < 0 { q -= 1; r += b }
        return (q, r)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
