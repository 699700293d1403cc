import HedgeCore
import HedgeStore

/// A daemon's durable side: the store, the order journal written ahead of every venue call, the
/// store's write-behind recorder, this run's id, and what the store held when the run started.
public struct DaemonPersistence: Sendable {
    public let store: any TradingStore
    public let journal: OrderJournal
    public let recorder: StoreRecorder
    public let runId: String
    public let snapshot: StoreSnapshot

    public init(store: any TradingStore, journal: OrderJournal, recorder: StoreRecorder, runId: String, snapshot: StoreSnapshot) {
        self.store = store
        self.journal = journal
        self.recorder = recorder
        self.runId = runId
        self.snapshot = snapshot
    }

    /// How the router records its orders.
    var orderRecording: OrderRecording { OrderRecording(runId: runId, journal: journal, recorder: recorder) }
}
