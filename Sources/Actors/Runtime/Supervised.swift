import HedgeCore
import Logging
import Synchronization

/// How often each supervised part of the daemon was restarted after a failure
/// (`v6_runtime_probe.json` `restarts`).
public final class RestartCounts: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    public init() {}

    func add(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }

    /// Restarts so far, by part (`market_stream`, `user_stream`).
    public var snapshot: [String: Int] { counts.withLock { $0 } }
}

/// Keeps one long-running part of the daemon alive: a stream that fails must not take the
/// periodic jobs (and so the state files) down with it, nor stay down.
enum Supervised {
    /// The first pause after a failure; it doubles with each failure in a row up to `maxDelay`.
    static let initialDelay: Duration = .milliseconds(500)
    static let maxDelay: Duration = .seconds(30)

    /// Runs `work`; when it throws anything but cancellation, logs the error, counts a restart of
    /// `name`, pauses (backoff on the mesh's clock; reset once a run lasted longer than
    /// `maxDelay`) and runs it again. Returns when `work` returns (a finite stream ended) or the
    /// task is cancelled.
    static func run(_ name: String, restarts: RestartCounts, time: MeshClock, logger: Logger,
                     _ work: () async throws -> Void) async {
        var delay = initialDelay
        while !Task.isCancelled {
            let startedMs = time.monotonicMs()
            do {
                try await work()
                return
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                if time.monotonicMs() - startedMs > maxDelay.wholeMilliseconds { delay = initialDelay }
                restarts.add(name)
                logger.error("\(name) failed; restarting", metadata: [
                    "error": "\(error)", "restart_in_ms": "\(delay.wholeMilliseconds)",
                    "restarts": "\(restarts.snapshot[name] ?? 0)",
                ])
                do {
                    try await time.clock.sleep(for: delay)
                } catch {
                    return
                }
                delay = min(delay * 2, maxDelay)
            }
        }
    }
}
