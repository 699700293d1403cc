import Foundation
import HedgeCore
import HedgeStore
import Synchronization

/// The write-ahead log of orders: each order's row is appended here (one `write(2)`, see
/// `AppendOnlyLog`) before its venue call. A killed process leaves every appended line behind,
/// so after a restart the journal lists every order that may have reached the venue. The store
/// receives the same rows write-behind; once every appended line is confirmed in the store the
/// file is emptied, and at start the lines left over are replayed into the store (`pending()`),
/// which skips rows it already has.
///
/// Why a file and not a database commit: a SQLite commit here costs ~50 µs at the median and
/// milliseconds at a WAL checkpoint (`hedge bench store`), building and appending a line a few.
///
/// Thread-safe: the router appends and the store recorder confirms.
public final class OrderJournal: Sendable {
    private let log: AppendOnlyLog
    // Mutex: the counters are read and changed under the log's lock by the router and the recorder.
    private let counts = Mutex((appended: 0, confirmed: 0))

    public var path: String { log.path }

    /// Opens (creating it and its directory) the journal at `path`. Existing lines are kept:
    /// read them with `pending()` before trading.
    public init(path: String) throws(PersistenceError) {
        log = try AppendOnlyLog(path: path)
    }

    /// Appends `order`'s line. When this returns, the line survives the process being killed.
    public func append(_ order: StoredOrder) throws(PersistenceError) {
        var line: [UInt8] = []
        line.reserveCapacity(512)
        order.appendJSON(to: &line)
        try log.append(line) { self.counts.withLock { $0.appended += 1 } }
    }

    /// Notes that the store committed `count` of the appended lines; once all are, the file is
    /// emptied (nothing in it is needed any more).
    public func confirm(_ count: Int) throws(PersistenceError) {
        guard count > 0 else { return }
        try log.truncate {
            counts.withLock { counts in
                counts.confirmed += count
                guard counts.confirmed >= counts.appended else { return false }
                counts = (0, 0)
                return true
            }
        }
    }

    /// The orders left in the journal by an earlier process, oldest first.
    public func pending() throws(PersistenceError) -> [StoredOrder] {
        try log.lines { try JSONDecoder().decode(StoredOrder.self, from: $0) }
    }

    /// Empties the journal (after `pending()`'s lines were applied to the store).
    public func truncate() throws(PersistenceError) {
        try log.truncate {
            counts.withLock { $0 = (0, 0) }
            return true
        }
    }
}
