#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One Hedge instance per state directory (one per account): an exclusive, non-blocking `flock`
/// on `STATE_DIR/hedge.lock`, with the holder's pid written into the file for the operator.
///
/// `flock` locks belong to an open file description, so a second acquisition fails whether it
/// comes from another process or from another `acquire` in this one; the kernel drops the lock
/// when the holder exits, however it exits, so a stale file never blocks a restart. The file is
/// left in place on release (unlinking a lock file races with the next holder's open).
///
/// Ownership: a non-copyable value, so exactly one owner holds the descriptor; it may be moved
/// between tasks (`Sendable`: it has no shared state, and being `~Copyable` no two copies can
/// close the same descriptor). The lock is released by `release()` or when the value is
/// destroyed.
public struct InstanceLock: ~Copyable, Sendable {
    /// The lock file's path (`STATE_DIR/hedge.lock`).
    public let path: String
    private let fd: Int32

    /// Takes the lock in `stateDirectory` (created if missing) and writes this process's pid into
    /// it. Throws `.instanceLocked` (with the holder's pid when it can be read) if it is held,
    /// `.system` for any other failure.
    public init(stateDirectory: String) throws(PersistenceError) {
        let path = "\(stateDirectory)/hedge.lock"
        try SystemCall.makeDirectories(stateDirectory)
        let fd = try SystemCall.openFile(path, O_RDWR | O_CREAT)
        var result: Int32
        repeat {
            result = flock(fd, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        if result != 0 {
            let code = errno
            let holder = Self.readPid(fd)
            SystemCall.closeIgnoringErrors(fd)
            if code == EWOULDBLOCK { throw .instanceLocked(path: path, pid: holder) }
            throw SystemCall.failure("flock", path, code: code)
        }
        do throws(PersistenceError) {
            if ftruncate(fd, 0) != 0 { throw SystemCall.failure("ftruncate", path) }
            let text = Array("\(getpid())\n".utf8)
            let written = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            if written != text.count { throw SystemCall.failure("pwrite", path) }
        } catch {
            SystemCall.closeIgnoringErrors(fd)
            throw error
        }
        self.path = path
        self.fd = fd
    }

    /// Releases the lock now (closing the descriptor drops the `flock`).
    public consuming func release() {}

    deinit {
        SystemCall.closeIgnoringErrors(fd)
    }

    /// The pid the holder wrote, if the file holds one.
    private static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int32($0) }
    }
}
