import Synchronization

/// Where the operator HTTP server listens (`host:port`), once it does: written by the server,
/// published in `v6_runtime_probe.json` `http` (a `port: 0` config picks a free port).
public final class OperatorAddress: Sendable {
    private struct State {
        var address: String?
        var waiters: [CheckedContinuation<String, Never>] = []
    }

    // Mutex: set by the server's start callback on a NIO thread, read by the probe job and by
    // waiters on their own tasks; continuations are resumed outside the lock.
    private let state = Mutex(State())

    public init() {}

    public var current: String? { state.withLock { $0.address } }

    public func set(_ address: String) {
        let waiters = state.withLock { state -> [CheckedContinuation<String, Never>] in
            state.address = address
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: address) }
    }

    /// The address once the server listens.
    public func wait() async -> String {
        await withCheckedContinuation { continuation in
            let known = state.withLock { state -> String? in
                if let address = state.address { return address }
                state.waiters.append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
    }
}
