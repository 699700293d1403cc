import HedgeCore
import HedgeStore
import Logging

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

    /// Starts a run on `store`: replays what `journal` holds from a killed process into the store,
    /// applies an operator's risk reset, loads what the store holds (the risk counters must read
    /// back), and records the run with an id later than every earlier run's.
    public static func open(store: any TradingStore, journal: OrderJournal, config: HedgeConfig, venue: String, time: MeshClock,
                            resetRiskState: String? = nil, logger: Logger) async throws(DaemonStartError) -> DaemonPersistence {
        do {
            // Orders a killed process journaled but whose rows never reached the store.
            let pending = try journal.pending()
            if !pending.isEmpty {
                let refused = try await store.apply(pending.map { .order($0) })
                guard refused.isEmpty else { throw DaemonStartError.journal(path: journal.path, reason: refused.joined(separator: "; ")) }
                logger.notice("order journal replayed into the store", metadata: ["orders": "\(pending.count)"])
            }
            try journal.truncate()
        } catch let error as DaemonStartError {
            throw error
        } catch let error as PersistenceError {
            throw .journal(path: error.path, reason: error.description)
        } catch {
            throw .journal(path: journal.path, reason: "\(error)")
        }
        let now = time.nowMs()
        do {
            if let reason = resetRiskState {
                try await store.resetRiskState(atMs: now, reason: reason)
                logger.warning("risk state reset by the operator; counters start afresh", metadata: ["reason": "\(reason)"])
            }
            let snapshot = try await store.loadSnapshot(closedTradeLimit: 100_000, metricsLimit: 5_000, navLimit: 240)
            // A run starts after the previous one, whatever the wall clock says: run ids, and the
            // client order ids made from them, are never reused.
            let start = max(now, (try await store.latestRunStartMs() ?? 0) + 1)
            let runId = ClientOrderIdSequence.runId(startMs: start)
            try await store.startRun(StoredRun(runId: runId, startedAtMs: start, engineVersion: HedgeVersion.current,
                                                configHash: config.fingerprint, flags: config.flags.values,
                                                mode: config.runtime.mode.rawValue, venue: venue))
            let recorder = StoreRecorder(store: store, journal: journal, logger: logger)
            return DaemonPersistence(store: store, journal: journal, recorder: recorder, runId: runId, snapshot: snapshot)
        } catch {
            throw .store(error)
        }
    }

    /// How the router records its orders.
    var orderRecording: OrderRecording { OrderRecording(runId: runId, journal: journal, recorder: recorder) }
}
