import HedgeCore

/// An intent on its way through the mesh, with the id that follows it into the venue's client
/// order id, the shadow log and the compare.
public struct IntentEnvelope: Sendable, Hashable {
    /// Unique per intent (`<strategy>-<symbol>-<bar time>-<n>`); orders derive their client id from it.
    public var id: String
    public var intent: OrderIntent
    /// The strategy signal behind it (stop, take-profit, conviction), when a strategy made it.
    public var signal: StrategySignal?
    /// Wall time the intent was made, epoch ms.
    public var createdAtMs: Int64
    /// A shadow heartbeat placeholder, never sent to the venue.
    public var heartbeat: Bool

    public init(id: String, intent: OrderIntent, signal: StrategySignal?, createdAtMs: Int64, heartbeat: Bool = false) {
        self.id = id
        self.intent = intent
        self.signal = signal
        self.createdAtMs = createdAtMs
        self.heartbeat = heartbeat
    }
}

/// The risk actor's answer for one intent: the sized intent and the decision.
public struct RiskVerdict: Sendable, Hashable {
    public var envelope: IntentEnvelope
    public var sizing: SizingDecision
    public var decision: RiskDecision
    public var decidedAtMs: Int64

    public init(envelope: IntentEnvelope, sizing: SizingDecision, decision: RiskDecision, decidedAtMs: Int64) {
        self.envelope = envelope
        self.sizing = sizing
        self.decision = decision
        self.decidedAtMs = decidedAtMs
    }
}
