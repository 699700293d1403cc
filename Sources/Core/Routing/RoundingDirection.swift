/// Which way a value moves onto a venue grid (tick or step) when it is not already on it.
///
/// A maker BUY rounds `.down` and a maker SELL rounds `.up`, so rounding only ever moves a
/// post-only price away from the opposite side; quantities always round `.down`, so an order
/// never exceeds the size that was decided.
public enum RoundingDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// The largest grid value ≤ the input (towards −∞).
    case down
    /// The smallest grid value ≥ the input (towards +∞).
    case up
    /// The closest grid value; an exact half-way value goes up.
    case nearest
}
