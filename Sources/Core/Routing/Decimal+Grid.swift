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
            var value = self
            var floor = Decimal()
            NSDecimalRound(&floor, &value, places, .down)
            return floor
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

    /// Powers of ten 10^-20 … 10^9 and the rounding scale of each (decimal places; negative for
    /// tens, hundreds …).
    private static let powersOfTen: [(value: Decimal, places: Int)] = (-9...20).map { places in
        (Decimal(sign: .plus, exponent: -places, significand: 1), places)
    }

    /// The decimal places of `increment` when it is a power of ten (0.01 → 2, 1 → 0, 10 → -1),
    /// else nil. `exponent` narrows the candidates: 0.010 is 10 × 10⁻³, so it can only be 10⁻³
    /// … 10⁻¹ written with trailing zeros.
    static func decimalPlaces(ofPowerOfTen increment: Decimal) -> Int? {
        let lowest = -increment.exponent - 3
        for (value, places) in powersOfTen where places <= -increment.exponent && places >= lowest {
            if value == increment { return places }
        }
        return nil
    }
}
