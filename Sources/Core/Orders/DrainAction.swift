/// What the owner of a `DrainStateMachine` must do, in the order given.
public enum DrainAction: Sendable, Hashable {
    /// Stop taking new intents (strategy signals, operator orders).
    case stopAcceptingIntents
    /// Cancel these orders (client order ids, sorted) at the venue.
    case cancelOrders([String])
    /// Flush the JSONL logs (`orders_executed.jsonl`, `order_metrics.jsonl`, …).
    case flush
    /// Write the final state files (`logs/state/*.json`, `synced_state.json`) atomically.
    case writeFinalState
    /// Leave the process with `code`: 0 after a clean drain, `DrainStateMachine.forcedExitCode`
    /// when forced, then `abandoned` lists what was left undone (`order:<clientOrderId>`,
    /// `flush`, `intake`).
    case exit(code: Int32, abandoned: [String])
}
