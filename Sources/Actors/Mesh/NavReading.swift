import HedgeCore

/// A NAV sample and when it was taken on the mesh's monotonic clock (`MeshClock.monotonicMs`).
/// Its age is measured on that clock, never from the sample's wall time: a wall clock stepped
/// backwards would otherwise make an old sample look fresh (or its age negative) for as long as
/// the step.
public struct NavReading: Sendable, Hashable {
    public var sample: NavSample
    /// `MeshClock.monotonicMs()` when the sample was taken.
    public var monotonicMs: Int64
    /// `MeshClock.monotonicMs()` when the account and positions were asked for (the positions
    /// read may miss fills after it). Defaults to `monotonicMs`.
    public var requestedAtMs: Int64

    public init(_ sample: NavSample, monotonicMs: Int64, requestedAtMs: Int64? = nil) {
        self.sample = sample
        self.monotonicMs = monotonicMs
        self.requestedAtMs = requestedAtMs ?? monotonicMs
    }

    /// Seconds since the sample was taken; never negative.
    public func ageSeconds(monotonicNowMs: Int64) -> Double {
        Double(max(0, monotonicNowMs - monotonicMs)) / 1000
    }

    /// Whether NAV is positive and the sample no older than `maxAgeSeconds`.
    public func isFresh(monotonicNowMs: Int64, maxAgeSeconds: Double) -> Bool {
        sample.navUSD > 0 && ageSeconds(monotonicNowMs: monotonicNowMs) <= maxAgeSeconds
    }
}
