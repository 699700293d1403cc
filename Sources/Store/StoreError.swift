/// Why the store failed, naming the database file and the problem in words an operator can act
/// on (`logs/state/hedge.sqlite: schema v3 is newer than this build knows (v2); run the newer build`).
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened (permissions, not a database, a full disk).
    case cannotOpen(path: String, reason: String)
    /// The schema could not be brought up to date, or is newer than this build.
    case cannotMigrate(path: String, reason: String)
    /// A read or write failed.
    case failed(path: String, operation: String, reason: String)
    /// A stored value could not be read back as what it should be (hand-edited, or corrupt).
    case unreadable(path: String, what: String, reason: String)
    /// A run with this id is already recorded (two starts in one millisecond, or a clock that
    /// stepped back): the run id, and every client order id made from it, would be reused.
    case duplicateRunId(path: String, runId: String)

    public var path: String {
        switch self {
        case .cannotOpen(let path, _), .cannotMigrate(let path, _), .failed(let path, _, _), .unreadable(let path, _, _),
             .duplicateRunId(let path, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "\(path): cannot open the store: \(reason)"
        case .cannotMigrate(let path, let reason): "\(path): cannot migrate the store: \(reason)"
        case .failed(let path, let operation, let reason): "\(path): \(operation) failed: \(reason)"
        case .unreadable(let path, let what, let reason): "\(path): \(what) is unreadable: \(reason)"
        case .duplicateRunId(let path, let id): "\(path): run \(id) is already recorded; run ids (and the client order ids made from them) are never reused"
        }
    }
}
