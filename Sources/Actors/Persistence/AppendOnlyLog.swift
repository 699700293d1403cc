#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HedgeCore
import Synchronization

/// An append-only file of lines, each appended in one `write(2)` on an `O_APPEND` descriptor:
/// when `append` returns, the line is in the OS's page cache and survives the process being
/// killed. The journals that make a restart exact are built on it (`OrderJournal`,
/// `SimVenueJournal`).
///
/// Thread-safe: every use of the descriptor happens under one lock, held for one small write.
final class AppendOnlyLog: Sendable {
    let path: String
    // Mutex: appends and truncation come from different actors; the descriptor is only used under it.
    private let fd: Mutex<Int32>

    /// Opens (creating it and its directory) the file at `path`; existing lines are kept.
    init(path: String) throws(PersistenceError) {
        self.path = path
        try SystemCall.makeDirectories(SystemCall.parentDirectory(of: path))
        fd = Mutex(try SystemCall.openFile(path, O_WRONLY | O_APPEND | O_CREAT))
    }

    deinit {
        fd.withLock { SystemCall.closeIgnoringErrors($0) }
    }

    /// Appends `line` and a newline in one write; `then` runs under the same lock, after it.
    func append(_ line: [UInt8], then: (() -> Void)? = nil) throws(PersistenceError) {
        var bytes = line
        bytes.append(10)
        let path = path
        try fd.withLock { (fd) throws(PersistenceError) in
            try SystemCall.writeAll(fd, bytes, path: path)
            then?()
        }
    }

    /// Empties the file, when `condition` (checked under the lock) holds.
    @discardableResult
    func truncate(if condition: () -> Bool = { true }) throws(PersistenceError) -> Bool {
        let path = path
        return try fd.withLock { (fd) throws(PersistenceError) -> Bool in
            guard condition() else { return false }
            if ftruncate(fd, 0) != 0 { throw SystemCall.failure("ftruncate", path) }
            return true
        }
    }

    /// The file's lines, oldest first, each decoded by `decode`. A last line without its newline
    /// (the process died inside the write; nothing acted on it) is skipped; any other line that
    /// does not decode is an error naming `path:line`.
    func lines<T>(_ decode: (Data) throws -> T) throws(PersistenceError) -> [T] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .encoding(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var values: [T] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            do {
                values.append(try decode(Data(line)))
            } catch {
                if index == lines.count - 1 && data.last != UInt8(ascii: "\n") { continue }
                let reason = (error as? DecodingError)?.problemDescription ?? "\(error)"
                throw .encoding(path: "\(path):\(index + 1)", reason: reason)
            }
        }
        return values
    }
}
