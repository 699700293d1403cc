import HedgeCore

/// What the router tells the risk actor as orders progress, so risk checks positions as they
/// are now, not as of the last venue read.
public enum ExposureChange: Sendable, Hashable {
    /// A fill of `quantity` (base asset) at `price` on `symbol`'s `leg`: opening adds to the leg,
    /// otherwise it reduces it. `intentId` is the entry's (nil for a fill this daemon did not send).
    case fill(intentId: String?, symbol: String, leg: PositionSide, opening: Bool, quantity: Double, price: Double)
    /// Every order of the intent is finished (or none was sent): its reservation is released.
    case settled(intentId: String)
}
