import HedgeCore

/// When a `hedge soak --kill N` kills its daemon: N moments, seconds into the soak, one at random
/// in each of the first N of N+1 equal slots of the duration, so kills land anywhere in a
/// daemon's life (while it starts and reconciles, while orders are in flight) yet every daemon
/// but the first gets time to trade, and the last slot ends in a drain. The seed repeats a run.
public struct SoakKillSchedule: Sendable, Hashable {
    /// Seconds into the soak, ascending.
    public let moments: [Double]
    public let seed: UInt64

    public init(kills: Int, durationSeconds: Double, seed: UInt64) {
        precondition(kills >= 0 && durationSeconds > 0, "kills must be >= 0 and the duration > 0")
        var generator = SplitMix64(seed: seed)
        let slot = durationSeconds / Double(kills + 1)
        moments = (0..<kills).map { index in
            // Millisecond resolution: the moments print and repeat exactly.
            ((Double(index) + Double.random(in: 0..<1, using: &generator)) * slot * 1000).rounded() / 1000
        }
        self.seed = seed
    }
}
