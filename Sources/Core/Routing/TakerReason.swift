/// Why the router chose to take liquidity instead of resting a post-only order; recorded in the
/// order metrics so router health can tell policy choices from forced ones.
public enum TakerReason: Sendable, Hashable {
    /// The caller asked for `ExecutionUrgency.immediate`.
    case urgent
    /// The symbol's policy has `makerFirst == false`.
    case makerDisabled
    /// The policy leans taker (`takerBias`, a fraction) and the spread (bps of mid) is already
    /// tight, so a maker order would save nothing and only risk missing the fill.
    case tightSpread(spreadBps: Double, takerBias: Double)
    /// The book is locked, crossed, empty or not finite, so no maker price can be derived; the
    /// taker guard refuses such a book as well.
    case invalidBook
    /// No positive price on the tick grid rests on the right side of the book.
    case noMakerPrice
}
