import Foundation

/// Time for the mesh: a clock for intervals and deadlines, and wall time in epoch ms for
/// timestamps. Both injected, so tests drive a `ManualClock` and the sim can run accelerated.
public struct MeshClock: Sendable {
    public let clock: any Clock<Duration>
    public let nowMs: @Sendable () -> Int64

    public init(clock: any Clock<Duration>, nowMs: @escaping @Sendable () -> Int64) {
        self.clock = clock
        self.nowMs = nowMs
    }

    /// Real time: `ContinuousClock` and the system's wall clock.
    public static var system: MeshClock {
        MeshClock(clock: ContinuousClock(), nowMs: { Int64((Date().timeIntervalSince1970 * 1000).rounded()) })
    }
}
