extension BarFileReader {
    /// How a bar file is read. Every option has a default, so `Configuration()` reads the whole
    /// file, infers the bar interval and collects gaps as warnings.
    public struct Configuration: Sendable, Hashable {
        /// The bar interval in milliseconds, used to find gaps. Nil: the step between the first
        /// two bars of the file. `MarketDataSet` passes the interval the file name states, so a
        /// gap right at the start of a file cannot be mistaken for the interval.
        public var barIntervalMs: Int64?
        /// When true a gap is a `MarketDataError`; when false it is a `MarketDataWarning`.
        public var strict: Bool
        /// First open time to yield, UTC epoch milliseconds (inclusive). Earlier bars are only
        /// checked for their timestamp (order), not parsed further.
        public var fromMs: Int64?
        /// Open time at which to stop, UTC epoch milliseconds (exclusive). The reader stops at the
        /// first bar at or after it and never reads the rest of the file.
        public var toMs: Int64?
        /// Bytes per `read` from the file; memory use is this (or the longest line) however long
        /// the file is. 64 KiB by default.
        public var chunkSizeBytes: Int

        public init(barIntervalMs: Int64? = nil, strict: Bool = false, fromMs: Int64? = nil, toMs: Int64? = nil, chunkSizeBytes: Int = 65_536) {
            self.barIntervalMs = barIntervalMs
            self.strict = strict
            self.fromMs = fromMs
            self.toMs = toMs
            self.chunkSizeBytes = chunkSizeBytes
        }
    }
}
