/// Parameters of shadow compare (`compareShadow`).
///
/// Defaults: window 60 s, min sample size 20, size tolerance 1 %.
public struct CompareParameters: Sendable, Hashable {
    /// A decision without a shared intent id matches a fill of the same symbol and side at most
    /// this far apart in time (either direction).
    public var window: Duration
    /// Fewer matched pairs than this and the summary is warm-up.
    public var minSampleSize: Int
    /// Sizes that differ by more than this percent of the shadow size (1 = 1 %) disagree; an
    /// executed size above shadow × (1 + tolerance) is an upsize.
    public var sizeTolerancePct: Double

    public init(window: Duration = .seconds(60), minSampleSize: Int = 20, sizeTolerancePct: Double = 1) {
        self.window = window
        self.minSampleSize = minSampleSize
        self.sizeTolerancePct = sizeTolerancePct
    }

    /// The documented defaults.
    public static let `default` = CompareParameters()

    /// The window in whole milliseconds (sub-millisecond parts are dropped).
    public var windowMs: Int64 {
        let (seconds, attoseconds) = window.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
