import Foundation
import Synchronization
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

    /// Time read from elsewhere: `nowMs` and `monotonicMs` as given (a lockstep replay passes
    /// the venue's market time for both, so every age and window is measured in market time).
    public init(clock: any Clock<Duration>, nowMs: @escaping @Sendable () -> Int64, monotonicMs: @escaping @Sendable () -> Int64) {
        self.clock = clock
        self.nowMs = nowMs
        self.monotonicMs = monotonicMs
    }

    /// Market time for a lockstep replay: wall and monotonic time both read `market` (set by the
    /// driver after each bar); `clock` still paces what waits in real time (retries, backoff).
    public static func market(_ market: MarketTime, clock: any Clock<Duration> = ContinuousClock()) -> MeshClock {
        MeshClock(clock: clock, nowMs: { market.nowMs }, monotonicMs: { market.nowMs })
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

/// The venue's market time as a lockstep replay advances it: epoch ms, never decreasing.
public final class MarketTime: Sendable {
    // Mutex: read from any actor through `MeshClock`, written by the driver between bars.
    private let value: Mutex<Int64>

    public init(startMs: Int64 = 0) { value = Mutex(startMs) }

    public var nowMs: Int64 { value.withLock { $0 } }

    /// Moves market time to `ms` (never back).
    public func advance(to ms: Int64) { value.withLock { $0 = max($0, ms) } }
}
