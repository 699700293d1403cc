import Foundation
import HedgeCore

/// Time for the mesh: a clock for intervals and deadlines, wall time in epoch ms for
/// timestamps, and monotonic milliseconds for ages. All injected, so tests drive a `ManualClock`
/// and the sim can run accelerated.
///
/// Wall time is for what a person or the venue reads (timestamps, UTC days); an age or a
/// backoff is measured with `monotonicMs`, so a wall clock stepped backwards (NTP, a VM resume)
/// cannot make a stale NAV look fresh or an age negative.
public struct MeshClock: Sendable {
    public let clock: any Clock<Duration>
    public let nowMs: @Sendable () -> Int64
    /// Milliseconds since this `MeshClock` was made, read from `clock`: never decreases.
    public let monotonicMs: @Sendable () -> Int64

    public init(clock: any Clock<Duration>, nowMs: @escaping @Sendable () -> Int64) {
        self.clock = clock
        self.nowMs = nowMs
        monotonicMs = Self.elapsedMilliseconds(on: clock)
    }

    /// Real time: `ContinuousClock` and the system's wall clock.
    public static var system: MeshClock {
        MeshClock(clock: ContinuousClock(), nowMs: { Int64((Date().timeIntervalSince1970 * 1000).rounded()) })
    }

    /// A reader of the milliseconds elapsed on `clock` since now (opens the existential once, so
    /// each reading is one `clock.now`).
    private static func elapsedMilliseconds<C: Clock<Duration>>(on clock: C) -> @Sendable () -> Int64 {
        let origin = clock.now
        return { origin.duration(to: clock.now).wholeMilliseconds }
    }
}
