extension Duration {
    /// This span in whole milliseconds, truncated toward zero; the state machines compare it with
    /// epoch-millisecond event times.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
