import HedgeCore
import HedgeStore
import Logging
import Synchronization

/// The store's write-behind writer: producers hand it records (`submit`, never waits), and it
/// applies whatever has accumulated in one transaction at a time, off the order path. Order rows
/// it commits are then confirmed to the order journal, which can drop them.
///
/// A failed batch is logged and counted, never fatal, like telemetry; `run()` returns once
/// `finish()` was called and everything submitted before it is written (the drain's flush).
public final class StoreRecorder: Sendable {
    public let store: any TradingStore
    let journal: OrderJournal?
    let logger: Logger

    private struct Pending {
        var writes: [StoreWrite] = []
        /// The newest of each whole-state write (`riskCounters`, `openLegs`): each replaces the
        /// last one in the store, so only the newest is worth encoding. Written with the batch
        /// that empties `writes`, after everything submitted before it.
        var latestCounters: StoreWrite?
        var latestLegs: StoreWrite?
        var finished = false
        var batchesInFlight = 0
        /// Callers of `waitForBacklog(below:)`, resumed once the queue is that short.
        var backlogWaiters: [(limit: Int, continuation: CheckedContinuation<Void, Never>)] = []

        mutating func append(_ write: StoreWrite) {
            switch write {
            case .riskCounters: latestCounters = write
            case .openLegs: latestLegs = write
            default: writes.append(write)
            }
        }

        var isEmpty: Bool { writes.isEmpty && latestCounters == nil && latestLegs == nil }

        /// The next batch of at most `limit` records (plus the whole-state writes once the queue
        /// is through), taken out of the queue.
        mutating func takeBatch(limit: Int) -> [StoreWrite] {
            let count = min(limit, writes.count)
            var batch = Array(writes.prefix(count))
            writes.removeFirst(count)
            if writes.isEmpty {
                if let latestCounters { batch.append(latestCounters) }
                if let latestLegs { batch.append(latestLegs) }
                latestCounters = nil
                latestLegs = nil
            }
            if !batch.isEmpty { batchesInFlight += 1 }
            return batch
        }
    }

    // Mutex: producers on any actor append; the writer loop takes the whole buffer at once.
    private let pending = Mutex(Pending())
    private let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let tallies = Mutex((written: 0, refused: 0, failed: 0))
    /// Records per transaction at most (a long backlog is written in several).
    let batchLimit: Int
    /// How long records gather after a transaction before the next one starts: fewer, larger
    /// commits, and no writer wake-up per record, cost the trading path less CPU on a small
    /// machine. Orders are durable in the journal meanwhile; the rest can wait this long.
    let gatherInterval: Duration

    public init(store: any TradingStore, journal: OrderJournal?, batchLimit: Int = 512, gatherInterval: Duration = .milliseconds(20),
                logger: Logger) {
        self.store = store
        self.journal = journal
        self.logger = logger
        self.batchLimit = max(1, batchLimit)
        self.gatherInterval = gatherInterval
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `write`; returns at once. A whole-state write (`riskCounters`, `openLegs`) replaces
    /// one of its kind still queued: the store would overwrite it anyway, and encoding every
    /// intermediate state cost the trading path CPU on a small machine.
    public func submit(_ write: StoreWrite) {
        pending.withLock { $0.append(write) }
        wake.yield()
    }

    /// Queues several writes; returns at once.
    public func submit(_ writes: [StoreWrite]) {
        guard !writes.isEmpty else { return }
        pending.withLock { state in for write in writes { state.append(write) } }
        wake.yield()
    }

    /// No more writes after this; `run()` returns once the queue is written.
    public func finish() {
        pending.withLock { $0.finished = true }
        wake.finish()
        resumeBacklogWaiters()
    }

    /// Whether everything submitted so far has been handed to the store (nothing queued, no batch
    /// in flight): a test waits for it before cutting a store off.
    public var isIdle: Bool { pending.withLock { $0.isEmpty && $0.batchesInFlight == 0 } }

    /// Records queued and not yet handed to the store.
    public var backlog: Int { pending.withLock { $0.writes.count } }

    /// Returns once fewer than `limit` records are queued (at once when they are, or when the
    /// recorder has finished). A lockstep replay waits on it so a month of bars in seconds does
    /// not queue more than the store writes before the drain's deadline.
    public func waitForBacklog(below limit: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = pending.withLock { state -> Bool in
                guard state.writes.count >= limit, !state.finished else { return true }
                state.backlogWaiters.append((limit, continuation))
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Resumes the backlog waiters whose limit the queue is now under.
    private func resumeBacklogWaiters() {
        let ready = pending.withLock { state -> [CheckedContinuation<Void, Never>] in
            let count = state.writes.count
            let (due, waiting) = (state.backlogWaiters.filter { count < $0.limit || state.finished },
                                  state.backlogWaiters.filter { count >= $0.limit && !state.finished })
            state.backlogWaiters = waiting
            return due.map(\.continuation)
        }
        for continuation in ready { continuation.resume() }
    }

    /// Records written, refused by the store (left out of their batch) and lost in failed batches.
    public var counts: (written: Int, refused: Int, failed: Int) { tallies.withLock { $0 } }

    /// Writes batches until `finish()` and the queue is empty.
    public func run() async {
        for await _ in wakes {
            await drain()
            // Not cancellable on purpose: the drain's flush ends this loop through `finish()`.
            if gatherInterval > .zero { try? await Task.sleep(for: gatherInterval) }
        }
        await drain()
    }

    /// Writes everything queued now.
    public func drain() async {
        while true {
            let batch = pending.withLock { $0.takeBatch(limit: batchLimit) }
            guard !batch.isEmpty else {
                resumeBacklogWaiters()
                return
            }
            await write(batch)
            pending.withLock { $0.batchesInFlight -= 1 }
            resumeBacklogWaiters()
        }
    }

    private func write(_ batch: [StoreWrite]) async {
        do {
            let refused = try await store.apply(batch)
            for reason in refused { logger.error("store refused a record", metadata: ["record": "\(reason)"]) }
            tallies.withLock { $0.written += batch.count - refused.count; $0.refused += refused.count }
            let orders = batch.reduce(0) { count, write in if case .order = write { count + 1 } else { count } }
            if orders > 0, let journal {
                do {
                    try journal.confirm(orders)
                } catch {
                    logger.error("order journal could not be trimmed; it keeps growing until the next start", metadata: ["error": "\(error)"])
                }
            }
        } catch {
            tallies.withLock { $0.failed += batch.count }
            logger.error("store write failed; these records are lost to the store (order rows stay in the journal)",
                         metadata: ["records": "\(batch.count)", "error": "\(error)"])
        }
    }
}
