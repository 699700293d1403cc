/// A venue request that did not complete within its timeout on the adapter's clock.
struct RequestTimedOut: Error, CustomStringConvertible {
    var timeout: Duration
    var description: String { "no response within \(timeout)" }
}

/// Runs `work`, or fails with `RequestTimedOut` once `timeout` has passed on `clock` first; the
/// losing side is cancelled (an HTTP request in flight is abandoned). Timeouts run on the
/// injected clock, not inside the HTTP client, so a test drives them with a manual clock like
/// every other wait of the adapter.
func withTimeout<T: Sendable>(_ timeout: Duration, on clock: any Clock<Duration>,
                              _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await clock.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw RequestTimedOut(timeout: timeout) }
        return value
    }
}
