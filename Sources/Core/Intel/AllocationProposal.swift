/// The feedback allocator's suggestions: per-symbol caps and the global concurrency, current
/// versus proposed. Written to `risk_allocation_suggestions_v6.json` and printed by
/// `hedge probe allocator`; suggestions only; nothing here changes a limit.
///
/// JSON: `{"sample_count", "nav_usd", "symbols": {SYMBOL: SymbolAllocation},
/// "max_concurrent_positions": {"current", "proposed"}}`.
public struct AllocationProposal: Sendable, Hashable, Codable {
    /// Current and proposed value of one integer limit.
    public struct IntegerChange: Sendable, Hashable, Codable {
        public var current: Int
        public var proposed: Int

        public init(current: Int, proposed: Int) {
            self.current = current
            self.proposed = proposed
        }
    }

    /// Closed trades behind the proposal.
    public var sampleCount: Int
    public var navUSD: Double
    public var symbols: [String: SymbolAllocation]
    public var maxConcurrentPositions: IntegerChange

    public init(sampleCount: Int, navUSD: Double, symbols: [String: SymbolAllocation], maxConcurrentPositions: IntegerChange) {
        self.sampleCount = sampleCount
        self.navUSD = navUSD
        self.symbols = symbols
        self.maxConcurrentPositions = maxConcurrentPositions
    }

    enum CodingKeys: String, CodingKey {
        case symbols
        case sampleCount = "sample_count"
        case navUSD = "nav_usd"
        case maxConcurrentPositions = "max_concurrent_positions"
    }
}
