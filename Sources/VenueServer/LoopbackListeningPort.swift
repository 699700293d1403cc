import Synchronization

/// The port a `LoopbackVenue` bound, handed to whoever waits for it. A `Sendable` class over a
/// `Mutex`: the server's `onServerRunning` callback resolves it on a NIO thread while callers of
/// `waitUntilListening()` wait on their own tasks; continuations are resumed outside the lock.
final class LoopbackListeningPort: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Int, any Error>])
        case listening(Int)
        case stopped
    }

    /// Thrown to waiters when the venue stopped before it listened.
    struct NotListening: Error, CustomStringConvertible {
        var description: String { "the loopback venue stopped before it was listening" }
    }

    private let state = Mutex(State.waiting([]))

    func resolve(_ port: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .listening(port)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    func stop() {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .stopped
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: NotListening()) }
    }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<Int, any Error>? in
                switch state {
                case .waiting(let waiters):
                    state = .waiting(waiters + [continuation])
                    return nil
                case .listening(let port): return .success(port)
                case .stopped: return .failure(NotListening())
                }
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }
}
