extension ExpectancySnapshot {
    /// The strategies' expectancy veto built from this table: a bucket is blocked when it has
    /// left warm-up and its mean net PnL is below zero. Warm-up buckets are never blocked (too
    /// few trades to condemn an hour), and a break-even bucket (mean exactly 0) stays open.
    public var gate: ExpectancyGate {
        ExpectancyGate(blocked: Set(buckets.filter { !$0.isWarmup && $0.meanPnl < 0 }.map(\.key)))
    }
}
