/// Why `MakerFallbackPlan` gave up without a taker order; recorded in the order metrics.
public enum MakerFallbackStopReason: Sendable, Hashable {
    /// The taker guard refused: the touch is `expectedSlippageBps` beyond mid, over the tier's
    /// `maxSlippageBps` budget (both basis points of mid).
    case slippageRefused(expectedSlippageBps: Double, maxSlippageBps: Double)
    /// The book is locked, crossed, empty or not finite; nothing is traded on it.
    case invalidBook
    /// The venue rejected a post-only attempt for a reason retrying does not fix.
    case rejected(reason: String)
}
