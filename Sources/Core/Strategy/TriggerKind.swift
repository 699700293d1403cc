/// The four rules of the `triggers` strategy. The raw value is the rule part of a signal's
/// reason (`triggers.volume_spike`).
public enum TriggerKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Bar volume far above its recent mean; trades in the direction of the bar's body.
    case volumeSpike = "volume_spike"
    /// Close beyond the highest high (or lowest low) of the preceding window.
    case breakout
    /// Return over the last few bars beyond a threshold; trades with the move.
    case momentum
    /// V-shape: a drop within the window followed by a recovery from its low; long only.
    case reversal
}
