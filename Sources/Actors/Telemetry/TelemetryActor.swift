import HedgeCore
import Logging

/// Owns every write of telemetry: state files and JSONL logs, through a `TelemetrySink`.
///
/// Producers call `submit` (nonisolated, never suspends): messages go into an unbounded
/// `AsyncStream` that this actor drains in order. So a stalled disk delays telemetry, never the
/// risk path, and no order event, fill or veto is ever dropped. `run()` returns once `finish()`
/// was called and everything submitted before it is written: that is the drain's flush.
public actor TelemetryActor {
    private let sink: any TelemetrySink
    private let logger: Logger
    private let stream: AsyncStream<TelemetryMessage>
    private let continuation: AsyncStream<TelemetryMessage>.Continuation
    private(set) var written = 0
    private(set) var failed = 0

    public init(sink: any TelemetrySink, logger: Logger = Logger(label: "hedge.telemetry")) {
        self.sink = sink
        self.logger = logger
        (stream, continuation) = AsyncStream.makeStream(of: TelemetryMessage.self, bufferingPolicy: .unbounded)
    }

    /// Queues a message; returns at once.
    public nonisolated func submit(_ message: TelemetryMessage) {
        continuation.yield(message)
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
            do {
                switch message {
                case .state(let name, let payload, let timeMs):
                    try await sink.writeState(name, payload: payload, timeMs: timeMs)
                case .line(let log, let record):
                    // The busiest records write their own JSON (same bytes, a fraction of the CPU).
                    let line = try (record as? any JSONLineWritable)?.jsonLine ?? JSONOutput.encode(record, pretty: false)
                    try await sink.append(log, line: line)
                }
                written += 1
            } catch {
                failed += 1
                logger.error("telemetry write failed", metadata: ["error": "\(error)"])
            }
        }
        do {
            try await sink.close()
        } catch {
            logger.error("telemetry close failed", metadata: ["error": "\(error)"])
        }
    }

    /// Messages written and failed so far.
    public var counts: (written: Int, failed: Int) { (written, failed) }
}
