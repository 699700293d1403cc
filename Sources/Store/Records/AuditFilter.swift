/// Which records `hedge audit` reads: from a time on, of one symbol.
public struct AuditFilter: Sendable, Hashable {
    /// Records at or after this time, epoch ms; all when nil.
    public var sinceMs: Int64?
    /// Records of this symbol; all when nil.
    public var symbol: String?
    /// At most this many of each kind, the most recent.
    public var limit: Int

    public init(sinceMs: Int64? = nil, symbol: String? = nil, limit: Int = 10_000) {
        self.sinceMs = sinceMs
        self.symbol = symbol
        self.limit = limit
    }
}
