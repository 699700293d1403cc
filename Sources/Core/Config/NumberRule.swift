/// A constraint on a config number, with the wording used when it is broken
/// (`must be in (0, 100]`). Kept as data so the message and the check can never disagree.
public struct NumberRule: Sendable {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double?, lowerInclusive: Bool, upper: Double?, upperInclusive: Bool) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// Any finite number.
    public static let any = NumberRule(lower: nil, lowerInclusive: true, upper: nil, upperInclusive: true)
    /// Strictly positive.
    public static let positive = NumberRule(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: true)
    /// Zero or more.
    public static let nonNegative = NumberRule(lower: 0, lowerInclusive: true, upper: nil, upperInclusive: true)
    /// A percentage cap: (0, 100].
    public static let percent = NumberRule(lower: 0, lowerInclusive: false, upper: 100, upperInclusive: true)
    /// A duration in seconds: (0, one year]. Longer would mean "never" and overflow the
    /// millisecond and nanosecond counts durations are kept in.
    public static let seconds = NumberRule(lower: 0, lowerInclusive: false, upper: maxSeconds, upperInclusive: true)
    /// One year, in seconds: the longest duration any setting or option accepts.
    public static let maxSeconds: Double = 31_536_000
    /// A fraction: [0, 1].
    public static let fraction = NumberRule(lower: 0, lowerInclusive: true, upper: 1, upperInclusive: true)

    /// A cap on one symbol's, tier's or cluster's exposure as a percentage of NAV: (0, gross × 100],
    /// where gross is `max_gross_exposure_x_nav` (any positive number when that is unknown, so one
    /// broken key is reported once).
    public static func shareOfNav(maxGrossExposureXNav: Double?) -> NumberRule {
        guard let gross = maxGrossExposureXNav, gross > 0 else { return .positive }
        return NumberRule(lower: 0, lowerInclusive: false, upper: gross * 100, upperInclusive: true)
    }

    /// The closed interval [lower, upper].
    public static func closed(_ lower: Double, _ upper: Double) -> NumberRule {
        NumberRule(lower: lower, lowerInclusive: true, upper: upper, upperInclusive: true)
    }

    /// At least `lower`.
    public static func atLeast(_ lower: Double) -> NumberRule {
        NumberRule(lower: lower, lowerInclusive: true, upper: nil, upperInclusive: true)
    }

    public func accepts(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if let lower, lowerInclusive ? value < lower : value <= lower { return false }
        if let upper, upperInclusive ? value > upper : value >= upper { return false }
        return true
    }

    /// `must be in (0, 100]`, `must be > 0`, `must be ≥ 1`, `must be a finite number`.
    public var requirement: String {
        switch (lower, upper) {
        case let (lower?, upper?):
            return "must be in \(lowerInclusive ? "[" : "(")\(formatNumber(lower)), \(formatNumber(upper))\(upperInclusive ? "]" : ")")"
        case let (lower?, nil):
            return "must be \(lowerInclusive ? "≥" : ">") \(formatNumber(lower))"
        case let (nil, upper?):
            return "must be \(upperInclusive ? "≤" : "<") \(formatNumber(upper))"
        case (nil, nil):
            return "must be a finite number"
        }
    }
}
