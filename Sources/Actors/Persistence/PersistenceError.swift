/// Why a persistence operation failed, always naming the file or directory involved so the
/// operator can act on it (`logs/state/nav.json: open failed: No such file or directory`).
public enum PersistenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A system call failed: `operation` is the call (`open`, `rename`, `fsync` …), `code` the
    /// `errno` value and `message` its `strerror` text.
    case system(path: String, operation: String, code: Int32, message: String)
    /// A record or payload could not be encoded as JSON, or a pre-encoded line is not one line.
    case encoding(path: String, reason: String)
    /// A state file's payload did not encode as a JSON object (arrays and scalars cannot carry
    /// the envelope keys).
    case payloadNotObject(path: String)
    /// A state file name that is not a plain file name (empty, `.`/`..`, or containing `/`).
    case invalidName(path: String)
    /// Another open of the lock file (another process, or another acquisition in this one) holds
    /// the instance lock; `pid` is what the holder wrote into the file, when readable.
    case instanceLocked(path: String, pid: Int32?)
    /// The writer was used after `close()`.
    case closed(path: String)

    /// The file or directory the failure concerns.
    public var path: String {
        switch self {
        case .system(let path, _, _, _), .encoding(let path, _), .payloadNotObject(let path),
             .invalidName(let path), .instanceLocked(let path, _), .closed(let path):
            path
        }
    }

    /// One line for the log or the terminal.
    public var description: String {
        switch self {
        case .system(let path, let operation, let code, let message):
            "\(path): \(operation) failed: \(message) (errno \(code))"
        case .encoding(let path, let reason):
            "\(path): cannot encode JSON: \(reason)"
        case .payloadNotObject(let path):
            "\(path): state payload must encode as a JSON object"
        case .invalidName(let path):
            "\(path): not a valid state file name"
        case .instanceLocked(let path, let pid):
            "another hedge instance holds \(path) (pid \(pid.map(String.init) ?? "unknown")); stop it or use a different state_dir"
        case .closed(let path):
            "\(path): writer already closed"
        }
    }
}
