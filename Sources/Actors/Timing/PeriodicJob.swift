/// Runs one periodic job on its own interval, on an injected clock: the interval guard of the mesh.
///
/// The loop sleeps *after* each run, so a job never overlaps itself and never fires back to back
/// to catch up after a slow run (a fixed-rate timer would). Each job gets its own loop in its own
/// task, so it fires on its interval whatever the other jobs, positions or orders do: telemetry
/// can never go silent because the book is flat.
public enum PeriodicJob {
    /// Sleeps `interval`, runs `work`, and repeats until the task is cancelled (or `work` throws).
    /// With `runImmediately`, the first run happens before the first sleep.
    public static func run(
        every interval: Duration,
        on clock: any Clock<Duration>,
        runImmediately: Bool = false,
        _ work: () async throws -> Void
    ) async throws {
        if runImmediately { try await work() }
        while !Task.isCancelled {
            try await clock.sleep(for: interval)
            try await work()
        }
    }
}
