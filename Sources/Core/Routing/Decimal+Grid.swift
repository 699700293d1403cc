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
}
