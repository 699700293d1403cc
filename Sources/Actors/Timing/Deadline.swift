import Synchronization

/// Runs `work` in its own task and returns its result, or nil once `deadline` passes on `clock`
/// first. Unlike a task group, it does not wait for the loser: work that ignores cancellation (an
/// in-flight venue call the drain must not abandon halfway) cannot hold the caller past the
/// deadline. The losing task is cancelled.
public func withDeadline<T: Sendable>(
    _ deadline: Duration, on clock: any Clock<Duration>, _ work: @escaping @Sendable () async -> T
) async -> T? {
    let once = ResumeOnce<T?>()
    return await withCheckedContinuation { continuation in
        once.arm(continuation)
        let worker = Task {
            let value = await work()
            once.resume(value)
        }
        let timer = Task {
            try? await clock.sleep(for: deadline)
            once.resume(nil)
        }
        once.onResume { worker.cancel(); timer.cancel() }
    }
}

/// A continuation resumed by whichever caller comes first; later resumes are ignored.
final class ResumeOnce<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, Never>?
        var resumed = false
        var cleanup: (@Sendable () -> Void)?
    }

    // Mutex: the two racing tasks call `resume` concurrently; all state changes happen under it.
    private let state = Mutex(State())

    func arm(_ continuation: CheckedContinuation<T, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    func onResume(_ cleanup: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.resumed { return true }
            state.cleanup = cleanup
            return false
        }
        if runNow { cleanup() }
    }

    func resume(_ value: T) {
        let (continuation, cleanup) = state.withLock { state -> (CheckedContinuation<T, Never>?, (@Sendable () -> Void)?) in
            guard !state.resumed else { return (nil, nil) }
            state.resumed = true
            defer { state.continuation = nil; state.cleanup = nil }
            return (state.continuation, state.cleanup)
        }
        continuation?.resume(returning: value)
        cleanup?()
    }
}
