#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HedgeCore
import Synchronization

/// Appends JSON Lines to one file (`logs/execution/orders_executed.jsonl`) and rotates it by
/// size, keeping a bounded number of old files.
///
/// - Lines are never torn: each line (record plus `\n`) is handed to the kernel in one `write`
///   on an `O_APPEND` descriptor, continuing after a short write, so a reader or a crash sees
///   whole lines only (a crash mid-`write` can at worst cut the last line).
/// - Rotation: when appending a line would take the live file past `maxBytes`, the live file is
///   fsynced and closed, `f.jsonl.N` → `f.jsonl.N+1` for N = keep-1 … 1 (the oldest,
///   `f.jsonl.keep`, is deleted), `f.jsonl` → `f.jsonl.1`, and a fresh `f.jsonl` is opened. So
///   at most `keep` rotated files exist beside the live one (`keep == 0` keeps none). A line
///   longer than `maxBytes` is still written whole, alone at the start of a fresh file.
/// - Reopening an existing file continues appending to it, counting its current size. A last
///   line without its newline (a crash mid-`write`) is cut back first, so the next record starts
///   a line of its own instead of gluing itself to half a record.
/// - A failed append (a full disk, an I/O error) cuts the file back to where the line began, so
///   a short write leaves no partial record behind.
///
/// Thread-safe: the descriptor and the counters live under one lock, held for one append (and
/// the rotation it may cause). So the owner can hand an append to a thread pool (file writes
/// and fsyncs must not run on Swift's cooperative pool: a slow disk would stall whatever else
/// runs there). `deinit` closes the descriptor (with a best-effort fsync) if `close()` was not
/// called.
public final class RotatingJSONLWriter: Sendable {
    /// The live file's path.
    public let path: String
    /// The size past which the live file rotates.
    public let maxBytes: Int
    /// How many rotated files (`.1` … `.keep`) are kept.
    public let keep: Int
    // Mutex: appends may come from a thread-pool thread, counters are read by the owner.
    private let state: Mutex<State>

    /// Lines appended by this writer (for metrics).
    public var linesWritten: Int { state.withLock { $0.linesWritten } }
    /// Bytes appended by this writer, newlines included (for metrics).
    public var bytesWritten: Int { state.withLock { $0.bytesWritten } }
    /// Rotations performed by this writer (for metrics).
    public var rotations: Int { state.withLock { $0.rotations } }
    /// Bytes of a partial last line cut off when the file was opened.
    public var cutBackBytes: Int { state.withLock { $0.cutBackBytes } }
    /// Rotations that failed (each line concerned was still appended to the live file).
    public var rotationFailures: Int { state.withLock { $0.rotationFailures } }

    /// Opens (creating it and its directories) `path` for appending. `maxBytes` must be positive
    /// and `keep` non-negative; out-of-range values are clamped to 1 and 0.
    public init(path: String, maxBytes: Int, keep: Int) throws(PersistenceError) {
        self.path = path
        self.maxBytes = max(1, maxBytes)
        self.keep = max(0, keep)
        state = Mutex(try State(path: path, maxBytes: self.maxBytes, keep: self.keep))
    }

    deinit {
        state.withLock { $0.closeIgnoringErrors() }
    }

    /// Encodes `record` with `JSONOutput` (sorted keys, compact) and appends it as one line.
    public func append<Record: Encodable>(_ record: Record) throws(PersistenceError) {
        let text: String
        do {
            text = try JSONOutput.encode(record, pretty: false)
        } catch {
            throw .encoding(path: path, reason: String(describing: error))
        }
        try append(line: text)
    }

    /// Appends a pre-encoded JSON value as one line. A single trailing newline is accepted; any
    /// other newline would split the record and is refused with `.encoding`.
    public func append(line: String) throws(PersistenceError) {
        var bytes = Array(line.utf8)
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        guard !bytes.contains(UInt8(ascii: "\n")) else {
            throw .encoding(path: path, reason: "a JSON Lines record must not contain a newline")
        }
        bytes.append(UInt8(ascii: "\n"))
        try state.withLock { (state) throws(PersistenceError) in try state.appendLine(bytes) }
    }

    /// The error of a rotation that failed since the last call (its line was appended anyway),
    /// for the owner to report; nil when none did.
    public func takeRotationError() -> PersistenceError? {
        state.withLock { state in
            defer { state.pendingRotationError = nil }
            return state.pendingRotationError
        }
    }

    /// Forces appended lines to disk (`fsync`).
    public func flush() throws(PersistenceError) {
        try state.withLock { (state) throws(PersistenceError) in try state.flush() }
    }

    /// Fsyncs and closes the file. Later appends throw `.closed`; closing twice is harmless.
    public func close() throws(PersistenceError) {
        try state.withLock { (state) throws(PersistenceError) in try state.close() }
    }

    /// The descriptor, sizes and counters, changed only under the writer's lock.
    private struct State: ~Copyable {
        let path: String
        let maxBytes: Int
        let keep: Int
        var fd: Int32
        var currentSize: Int
        var linesWritten = 0
        var bytesWritten = 0
        var rotations = 0
        var cutBackBytes = 0
        var rotationFailures = 0
        var pendingRotationError: PersistenceError?

        init(path: String, maxBytes: Int, keep: Int) throws(PersistenceError) {
            self.path = path
            self.maxBytes = maxBytes
            self.keep = keep
            try SystemCall.makeDirectories(SystemCall.parentDirectory(of: path))
            let fd = try Self.openLive(path)
            do {
                let size = try SystemCall.size(fd, path: path)
                let whole = try SystemCall.wholeLinesLength(path, size: size)
                if whole < size { try SystemCall.truncateFile(fd, to: whole, path: path) }
                currentSize = whole
                cutBackBytes = size - whole
            } catch {
                SystemCall.closeIgnoringErrors(fd)
                throw error
            }
            self.fd = fd
        }

        mutating func closeIgnoringErrors() {
            guard fd >= 0 else { return }
            fsync(fd)
            SystemCall.closeIgnoringErrors(fd)
            fd = -1
        }

        func flush() throws(PersistenceError) {
            guard fd >= 0 else { throw .closed(path: path) }
            try SystemCall.syncFile(fd, path: path)
        }

        mutating func close() throws(PersistenceError) {
            guard fd >= 0 else { return }
            let descriptor = fd
            fd = -1
            do {
                try SystemCall.syncFile(descriptor, path: path)
            } catch {
                SystemCall.closeIgnoringErrors(descriptor)
                throw error
            }
            try SystemCall.closeFile(descriptor, path: path)
        }

        mutating func appendLine(_ bytes: [UInt8]) throws(PersistenceError) {
            guard fd >= 0 else { throw .closed(path: path) }
            if currentSize > 0 && currentSize + bytes.count > maxBytes {
                do {
                    try rotate()
                } catch {
                    // The line still goes into the live file (a record lost is worse than a file over
                    // its size); the next append tries rotating again.
                    rotationFailures += 1
                    pendingRotationError = error
                    guard fd >= 0 else { throw error }
                }
            }
            do {
                try SystemCall.writeAll(fd, bytes, path: path)
            } catch {
                // Best effort: if even the cut fails, the next open cuts the partial line back.
                try? SystemCall.truncateFile(fd, to: currentSize, path: path)
                throw error
            }
            currentSize += bytes.count
            bytesWritten += bytes.count
            linesWritten += 1
        }

        /// Shifts the files and opens a fresh live file. If shifting fails, the live file is reopened
        /// as it was (so the writer keeps working and retries rotation on the next append) and the
        /// error is thrown; only a failure to reopen leaves the writer closed.
        private mutating func rotate() throws(PersistenceError) {
            try SystemCall.syncFile(fd, path: path)
            SystemCall.closeIgnoringErrors(fd)
            fd = -1
            var shiftError: PersistenceError?
            do {
                try shiftFiles()
            } catch {
                shiftError = error
            }
            fd = try Self.openLive(path)
            currentSize = try SystemCall.size(fd, path: path)
            if let shiftError { throw shiftError }
            rotations += 1
            try SystemCall.syncDirectory(SystemCall.parentDirectory(of: path))
        }

        private func shiftFiles() throws(PersistenceError) {
            if keep == 0 {
                try SystemCall.unlinkIfPresent(path)
                return
            }
            try SystemCall.unlinkIfPresent("\(path).\(keep)")
            for index in stride(from: keep - 1, through: 1, by: -1) {
                try Self.renameIfPresent("\(path).\(index)", "\(path).\(index + 1)")
            }
            try SystemCall.renameFile(path, "\(path).1")
        }

        private static func openLive(_ path: String) throws(PersistenceError) -> Int32 {
            try SystemCall.openFile(path, O_WRONLY | O_CREAT | O_APPEND)
        }

        private static func renameIfPresent(_ from: String, _ to: String) throws(PersistenceError) {
            if rename(from, to) != 0 && errno != ENOENT {
                throw SystemCall.failure("rename from \(from)", to)
            }
        }
    }
}
