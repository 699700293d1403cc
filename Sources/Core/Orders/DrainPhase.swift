/// Where the graceful stop stands. Held by `DrainStateMachine`.
public enum DrainPhase: String, Sendable, Hashable, Codable {
    /// Trading normally; no stop requested.
    case running
    /// Intake of new intents is being stopped; orders in flight may still be placed.
    case stoppingIntents
    /// Waiting for the working orders to settle (cancels sent, under `ShutdownOrderPolicy.cancel`).
    case settlingOrders
    /// Writing out the JSONL logs and the final state files.
    case flushing
    /// Drained cleanly; the exit action (code 0) was returned.
    case done
    /// Stopped early (second signal or deadline); the exit action lists what was abandoned.
    case forced
}
