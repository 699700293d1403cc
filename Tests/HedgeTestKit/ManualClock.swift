import Synchronization

/// A clock that only moves when a test advances it, so time-driven code (interval jobs, timeouts,
/// drain deadlines) is tested without real waiting and without races.
///
/// Sleepers are resumed in deadline order by `advance(by:)`; `waitForSleepers(_:)` then lets the
/// test wait until the woken jobs have done their work and gone back to sleep.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol, Sendable {
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Sleeper] = []
        var nextId: UInt64 = 0
    }

    // Mutex: the clock is shared by every task under test; all state changes happen under it.
    private let state = Mutex(State())

    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// How many tasks are asleep on this clock right now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextId += 1
            return state.nextId
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if deadline <= state.now { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration`, waking every sleeper whose deadline has come, earliest
    /// first, one instant at a time.
    public func advance(by duration: Duration) {
        let target = now.advanced(by: duration)
        while true {
            let due = state.withLock { state -> [Sleeper] in
                guard let earliest = state.sleepers.map(\.deadline).min(), earliest <= target else {
                    state.now = target
                    return []
                }
                state.now = max(state.now, earliest)
                let due = state.sleepers.filter { $0.deadline <= earliest }
                state.sleepers.removeAll { $0.deadline <= earliest }
                return due
            }
            if due.isEmpty { return }
            for sleeper in due.sorted(by: { $0.id < $1.id }) { sleeper.continuation.resume() }
        }
    }

    /// Whether a task sleeps until exactly `deadline` (an offset from the clock's start): lets a
    /// test wait for one particular wait (a retry pause, a timeout) among several.
    public func hasSleeper(until deadline: Duration) -> Bool {
        state.withLock { $0.sleepers.contains { $0.deadline.offset == deadline } }
    }

    /// Waits (by yielding, never by sleeping) until at least `count` tasks sleep on this clock:
    /// after `advance`, the woken jobs have finished their run and re-armed.
    public func waitForSleepers(_ count: Int) async {
        while sleeperCount < count {
            await Task.yield()
        }
    }
}
