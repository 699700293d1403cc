import HedgeStore

/// Where the router records its orders: the order journal (written ahead of every venue call)
/// and the store's write-behind recorder (everything else), under the run's id.
public struct OrderRecording: Sendable {
    public let runId: String
    public let journal: OrderJournal
    public let recorder: StoreRecorder

    public init(runId: String, journal: OrderJournal, recorder: StoreRecorder) {
        self.runId = runId
        self.journal = journal
        self.recorder = recorder
    }
}
