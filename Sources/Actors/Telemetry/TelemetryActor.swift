import HedgeCore
import Logging
import Synchronization

/// Owns every write of telemetry: state files and JSONL logs, through a `TelemetrySink`.
///
/// Producers call `submit` (nonisolated, never suspends): messages go into a bounded
/// `AsyncStream` that this actor drains in order. So a stalled disk delays telemetry, never the
/// risk path. The bound (`queueCapacity`, 100 000 messages by default: minutes of the busiest
/// trading at the mesh benchmark's rate) keeps a disk that never comes back from growing the
/// queue without limit; a message refused when it is full is counted per target and raises the
/// alert. Telemetry is the operator's view, not the record of orders: every order is in the
/// order journal before it is sent and in the store after, whatever happens here.
///
/// A failed write is counted and raises the alert (`health`, in `v6_runtime_probe.json`): one
/// error line when a target starts failing, one notice when it writes again. `run()` returns
/// once `finish()` was called and everything submitted before it is written: the drain's flush.
public actor TelemetryActor {
    public static let defaultQueueCapacity = 100_000

    private let sink: any TelemetrySink
    private let logger: Logger
    private let stream: AsyncStream<TelemetryMessage>
    private let continuation: AsyncStream<TelemetryMessage>.Continuation
    private var state: TelemetryHealth
    /// Failures of each target since its last successful write.
    private var streaks: [String: Int] = [:]
    // Mutex: producers on any task count drops; this actor reads them. Taken only on a drop.
    private let drops = Mutex<(total: Int, byTarget: [String: Int], sinceReported: Int, sinceProbed: Int)>((0, [:], 0, 0))

    /// Messages queued and not yet written (an estimate producers read without a hop).
    private let queued = Atomic<Int>(0)
    /// Callers of `waitForBacklog(below:)`, resumed as the writer catches up.
    private var backlogWaiters: [(limit: Int, continuation: CheckedContinuation<Void, Never>)] = []
    /// Set once `run()` has returned: nothing will shorten the queue any more.
    private var stopped = false

    public init(sink: any TelemetrySink, queueCapacity: Int = defaultQueueCapacity, logger: Logger = Logger(label: "hedge.telemetry")) {
        self.sink = sink
        self.logger = logger
        let capacity = max(1, queueCapacity)
        state = TelemetryHealth(queueCapacity: capacity)
        (stream, continuation) = AsyncStream.makeStream(of: TelemetryMessage.self, bufferingPolicy: .bufferingOldest(capacity))
    }

    /// Queues a message; returns at once. When the queue is full the message is dropped and
    /// counted.
    public nonisolated func submit(_ message: TelemetryMessage) {
        let result = continuation.yield(message)
        if case .enqueued = result { queued.add(1, ordering: .relaxed) }
        if case .dropped(let refused) = result {
            drops.withLock {
                $0.total += 1
                $0.byTarget[refused.target, default: 0] += 1
                $0.sinceReported += 1
                $0.sinceProbed += 1
            }
        }
    }

    /// Queues `payload` as state file `name`. It is encoded by this actor, not by the caller:
    /// JSON encoding costs tens of microseconds, which the order path must not pay.
    public nonisolated func submitState<T: Encodable & Sendable>(_ name: StateFileName, _ payload: T, timeMs: Int64) {
        submit(.state(name, payload, timeMs: timeMs))
    }

    /// Queues `record` as one line of `log`, encoded by this actor (see `submitState`).
    public nonisolated func submitLine<T: Encodable & Sendable>(_ log: TelemetryLog, _ record: T) {
        submit(.line(log, record))
    }

    /// No more messages after this; `run()` returns once the queue is written.
    public nonisolated func finish() {
        continuation.finish()
    }

    /// Writes messages until `finish()` and the queue is empty, then closes the sink. A failed
    /// write is logged and counted, never fatal: telemetry must not take the daemon down.
    public func run() async {
        for await message in stream {
            reportDrops()
            do {
                switch message {
                case .state(let name, let payload, let timeMs):
                    try await sink.writeState(name, payload: payload, timeMs: timeMs)
                case .line(let log, let record):
                    // The busiest records write their own JSON (same bytes, a fraction of the CPU).
                    let line = try (record as? any JSONLineWritable)?.jsonLine ?? JSONOutput.encode(record, pretty: false)
                    try await sink.append(log, line: line)
                }
                succeeded(message.target)
            } catch {
                failed(message.target, error)
            }
            let left = queued.subtract(1, ordering: .relaxed).newValue
            if !backlogWaiters.isEmpty { resumeBacklogWaiters(queued: left) }
        }
        stopped = true
        resumeBacklogWaiters(queued: 0)
        reportDrops()
        do {
            try await sink.close()
        } catch {
            logger.error("telemetry close failed", metadata: ["error": "\(error)"])
        }
    }

    /// Messages queued and not yet written.
    public nonisolated var backlog: Int { queued.load(ordering: .relaxed) }

    /// Returns once fewer than `limit` messages are queued (at once when they are, or once the
    /// writer has stopped). A lockstep replay waits on it: it produces faster than files are
    /// written, and a full queue drops messages.
    public func waitForBacklog(below limit: Int) async {
        guard !stopped, backlog >= limit else { return }
        await withCheckedContinuation { backlogWaiters.append((limit, $0)) }
    }

    private func resumeBacklogWaiters(queued: Int) {
        backlogWaiters.removeAll { waiter in
            guard queued < waiter.limit || stopped else { return false }
            waiter.continuation.resume()
            return true
        }
    }

    /// Writes, failures and drops so far, for `v6_runtime_probe.json`. The alert is raised
    /// while a target's last write failed, or when messages were dropped since the previous
    /// probe (so it clears one probe interval after the queue has room again).
    public func probe() -> TelemetryHealth {
        var health = state
        let dropped = drops.withLock { counts in
            defer { counts.sinceProbed = 0 }
            return counts
        }
        health.dropped = dropped.total
        health.droppedByTarget = dropped.byTarget
        health.failing = streaks.keys.sorted()
        health.alert = !streaks.isEmpty || dropped.sinceProbed > 0
        return health
    }

    private func succeeded(_ target: String) {
        state.written += 1
        if let streak = streaks.removeValue(forKey: target) {
            logger.notice("telemetry writes again", metadata: ["target": "\(target)", "failures": "\(streak)"])
        }
    }

    private func failed(_ target: String, _ error: any Error) {
        state.failed += 1
        state.failedByTarget[target, default: 0] += 1
        state.lastError = "\(target): \(error)"
        let streak = streaks[target, default: 0] + 1
        streaks[target] = streak
        // One error line when a target starts failing (then every 1 000th), not one per write.
        if streak == 1 || streak.isMultiple(of: 1_000) {
            logger.error("telemetry alert: write failed", metadata: [
                "target": "\(target)", "error": "\(error)", "failures": "\(streak)"])
        }
    }

    /// Logs drops seen since the last report, once the queue has taken a message again.
    private func reportDrops() {
        let dropped = drops.withLock { counts -> Int in
            defer { counts.sinceReported = 0 }
            return counts.sinceReported
        }
        guard dropped > 0 else { return }
        logger.error("telemetry alert: queue full, messages dropped", metadata: [
            "dropped": "\(dropped)", "capacity": "\(state.queueCapacity)"])
    }
}
