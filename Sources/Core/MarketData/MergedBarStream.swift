/// The bars of several files in one time order: by open time, ties broken by symbol name (then
/// by file path), so the same files always give the same sequence of events.
///
/// Holds one pending bar per reader and picks the earliest by a linear scan: for the few dozen
/// symbols a backtest merges, that beats a heap, and readers are kept sorted by symbol so the
/// first minimum found is also the tie-break winner. Memory is one bar plus one reader buffer per
/// file, whatever the files' lengths.
///
/// A reference type that owns its readers and their open files; not `Sendable`: one task drives
/// it. The first error of any reader is thrown and the stream keeps throwing it.
public final class MergedBarStream {
    /// Symbols in merge order (sorted); one entry per reader.
    public let symbols: [String]
    private let readers: [BarFileReader]
    private var heads: [Bar?]
    private var primed = false
    private var failure: MarketDataError?

    /// Merges `readers`; each reader's own configuration decides its time range and gap policy.
    public init(readers: [BarFileReader]) {
        let sorted = readers.sorted { ($0.symbol, $0.path) < ($1.symbol, $1.path) }
        self.readers = sorted
        symbols = sorted.map(\.symbol)
        heads = Array(repeating: nil, count: sorted.count)
    }

    /// The next event in time order, or nil when every reader is done.
    public func next() throws(MarketDataError) -> BarEvent? {
        if let failure { throw failure }
        do {
            if !primed {
                for index in readers.indices { heads[index] = try readers[index].next() }
                primed = true
            }
            var best = -1
            var bestTimeMs = Int64.max
            for index in heads.indices {
                // Strict `<`: on equal times the earlier (smaller) symbol keeps the place.
                if let bar = heads[index], best < 0 || bar.openTimeMs < bestTimeMs {
                    best = index
                    bestTimeMs = bar.openTimeMs
                }
            }
            guard best >= 0, let bar = heads[best] else { return nil }
            heads[best] = try readers[best].next()
            return BarEvent(symbol: symbols[best], bar: bar)
        } catch {
            failure = error
            throw error
        }
    }

    /// Share (0–1) of the files' bytes read so far; a progress estimate (a `--to` bound stops
    /// reading early, so it may never reach 1).
    public var fractionConsumed: Double? {
        let total = readers.reduce(0) { $0 + $1.fileSizeBytes }
        guard total > 0 else { return nil }
        return min(1, Double(readers.reduce(0) { $0 + $1.bytesRead }) / Double(total))
    }

    /// Gaps found so far by all readers, in symbol order and then file order. Complete once
    /// `next()` has returned nil.
    public var warnings: [MarketDataWarning] {
        readers.flatMap(\.warnings)
    }
}
