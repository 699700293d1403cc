import Foundation

extension Decimal {
    /// This value moved onto the grid of multiples of `increment` (a tick or step size) in
    /// `direction`, with exact decimal arithmetic: 94230.25 on a 0.1 grid is 94230.2 down and
    /// 94230.3 up, and 0.1 + 0.2 is exactly 0.3.
    ///
    /// The grid is anchored at zero (`value % increment == 0`, as Binance spot documents).
    /// Binance futures documents `(value − minimum) % increment == 0`; the two agree whenever the
    /// minimum lies on the grid, which holds for every USD-M symbol in the 2025-12-24
    /// exchangeInfo capture.
    ///
    /// An `increment` of zero (the venue's "rule disabled") or a non-finite value returns the
    /// value unchanged.
    public func rounded(toMultipleOf increment: Decimal, _ direction: RoundingDirection) -> Decimal {
        guard isFinite, increment.isFinite, increment > 0 else { return self }
        let floor = flooredToMultiple(of: increment)
        switch direction {
        case .down:
            return floor
        case .up:
            return floor == self ? floor : floor + increment
        case .nearest:
            let ceiling = floor == self ? floor : floor + increment
            return self - floor < ceiling - self ? floor : ceiling
        }
    }

    /// The largest multiple of `increment` ≤ self. `increment` must be finite and > 0.
    private func flooredToMultiple(of increment: Decimal) -> Decimal {
        // Ticks and steps are nearly always powers of ten (0.1, 0.001, 1): then the floor is a
        // rounding at that many decimal places, with no division (Decimal division is slow).
        if let places = Self.decimalPlaces(ofPowerOfTen: increment) {
            return flooredFromDigits(places: places) ?? flooredByRounding(places: places)
        }
        var steps = self / increment
        var wholeSteps = Decimal()
        NSDecimalRound(&wholeSteps, &steps, 0, .down)
        let candidate = wholeSteps * increment
        // The quotient is exact for power-of-ten increments but is cut at 38 digits for ones
        // such as 0.03; one corrective step restores candidate ≤ self < candidate + increment.
        if candidate > self { return candidate - increment }
        if candidate + increment <= self { return candidate + increment }
        return candidate
    }

    /// The largest multiple of 10^-`places` ≤ self, through `NSDecimalRound`: the reference,
    /// and the path for a significand wider than 64 bits.
    func flooredByRounding(places: Int) -> Decimal {
        var value = self
        var floor = Decimal()
        NSDecimalRound(&floor, &value, places, .down)
        return floor
    }

    /// The same floor from the digits: self is ±m × 10^e, so dropping the digits below
    /// 10^-`places` is one integer division of m (rounded away from zero for a negative value
    /// with a remainder). ~0.2 µs where `NSDecimalRound` takes ~1 µs, and the sim venue quotes
    /// a book on every bar. Nil when m does not fit 64 bits.
    func flooredFromDigits(places: Int) -> Decimal? {
        let exponent = self.exponent
        if exponent >= -places { return self }  // no digit below the grid
        guard let digits = Self.uint64(self.significand) else { return nil }
        let dropped = -places - exponent
        // Beyond 10^19 the divisor exceeds any 64-bit significand: the quotient is 0.
        let divisor = dropped < Self.powersOfTenUInt64.count ? Self.powersOfTenUInt64[dropped] : nil
        var quotient = divisor.map { digits / $0 } ?? 0
        let remainder = divisor.map { digits % $0 } ?? digits
        let negative = sign == .minus && digits != 0
        if negative, remainder != 0 { quotient += 1 }
        return Decimal(sign: negative && quotient != 0 ? .minus : .plus, exponent: -places, significand: Decimal(quotient))
    }

    /// 10^0 … 10^19: every power of ten a `UInt64` holds.
    private static let powersOfTenUInt64: [UInt64] = (0...19).map { power in (0..<power).reduce(UInt64(1)) { value, _ in value * 10 } }

    /// A non-negative integral `Decimal` (a significand) as a `UInt64`, when it fits.
    private static func uint64(_ integral: Decimal) -> UInt64? {
        let number = NSDecimalNumber(decimal: integral)
        // The double is within a few thousand of the value: a margin below 2^64 ≈ 1.8447e19.
        guard number.doubleValue < 1.8e19 else { return nil }
        return number.uint64Value
    }

    /// The decimal places of `increment` when it is a power of ten (0.01 → 2, 1 → 0, 10 → -1)
    /// between 10^-20 and 10^9, else nil. Read from the digits: 0.010 is 10 × 10⁻³, one
    /// trailing zero, so 10⁻².
    static func decimalPlaces(ofPowerOfTen increment: Decimal) -> Int? {
        guard increment > 0, var digits = uint64(increment.significand) else { return nil }
        var zeros = 0
        while digits >= 10, digits % 10 == 0 {
            digits /= 10
            zeros += 1
        }
        guard digits == 1 else { return nil }
        let places = -(increment.exponent + zeros)
        return (-9...20).contains(places) ? places : nil
    }
}
