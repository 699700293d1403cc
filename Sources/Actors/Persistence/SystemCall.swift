#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls persistence needs, turning `-1`/`errno` into a typed
/// `PersistenceError` that names the path. Every call is synchronous and blocking; callers own
/// the descriptors they get back.
enum SystemCall {
    /// The `PersistenceError` for the current `errno`.
    static func failure(_ operation: String, _ path: String, code: Int32 = errno) -> PersistenceError {
        .system(path: path, operation: operation, code: code, message: String(cString: strerror(code)))
    }

    /// `open(2)`, retried on `EINTR`; the descriptor is always close-on-exec.
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(PersistenceError) -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw failure("open", path) }
        }
    }

    /// Writes every byte of `bytes`, looping on short writes and `EINTR`. With `O_APPEND` and a
    /// single writer, a line handed over in one call lands whole.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(PersistenceError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("write", path)
            }
            offset += written
        }
    }

    /// `fsync(2)`, retried on `EINTR`.
    static func syncFile(_ fd: Int32, path: String) throws(PersistenceError) {
        while fsync(fd) != 0 {
            if errno != EINTR { throw failure("fsync", path) }
        }
    }

    /// `close(2)`. Not retried on `EINTR`: on Linux the descriptor is gone either way.
    static func closeFile(_ fd: Int32, path: String) throws(PersistenceError) {
        if close(fd) != 0 && errno != EINTR { throw failure("close", path) }
    }

    /// `close(2)` where the outcome cannot change anything (cleanup after an earlier failure).
    static func closeIgnoringErrors(_ fd: Int32) {
        close(fd)
    }

    /// `rename(2)`: atomic replacement of `to` within one file system.
    static func renameFile(_ from: String, _ to: String) throws(PersistenceError) {
        if rename(from, to) != 0 { throw failure("rename from \(from)", to) }
    }

    /// `unlink(2)`; a missing file is not an error.
    static func unlinkIfPresent(_ path: String) throws(PersistenceError) {
        if unlink(path) != 0 && errno != ENOENT { throw failure("unlink", path) }
    }

    /// The size in bytes of the open file.
    static func size(_ fd: Int32, path: String) throws(PersistenceError) -> Int {
        var info = stat()
        if fstat(fd, &info) != 0 { throw failure("fstat", path) }
        return Int(info.st_size)
    }

    /// `ftruncate(2)`: cuts the open file to `length` bytes.
    static func truncateFile(_ fd: Int32, to length: Int, path: String) throws(PersistenceError) {
        if ftruncate(fd, off_t(length)) != 0 { throw failure("ftruncate", path) }
    }

    /// The length of the file's leading run of whole lines: the offset just past its last `\n`
    /// (0 when it has none), found by reading backwards from `size` in 4 KiB blocks. A file
    /// whose last byte is a newline answers `size` after one read.
    static func wholeLinesLength(_ path: String, size: Int) throws(PersistenceError) -> Int {
        guard size > 0 else { return 0 }
        let fd = try openFile(path, O_RDONLY)
        defer { closeIgnoringErrors(fd) }
        var block = [UInt8](repeating: 0, count: 4_096)
        var end = size
        while end > 0 {
            let start = max(0, end - block.count)
            let count = end - start
            let read = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(start)) }
            if read < 0 { throw failure("pread", path) }
            guard read == count else { throw failure("pread (short read)", path, code: EIO) }
            if let last = block[0..<count].lastIndex(of: UInt8(ascii: "\n")) { return start + last + 1 }
            end = start
        }
        return 0
    }

    /// `mkdir -p`: creates `path` and any missing parents (mode 0755). An existing directory is
    /// fine; an existing non-directory surfaces as the error of the first call that needs it.
    static func makeDirectories(_ path: String) throws(PersistenceError) {
        if path.isEmpty || mkdir(path, 0o755) == 0 { return }
        switch errno {
        case EEXIST:
            return
        case ENOENT:
            let parent = parentDirectory(of: path)
            guard parent != path else { throw failure("mkdir", path, code: ENOENT) }
            try makeDirectories(parent)
            if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure("mkdir", path) }
        default:
            throw failure("mkdir", path)
        }
    }

    /// Flushes a directory's entries (a rename into it) to disk. File systems that cannot fsync a
    /// directory answer `EINVAL`; that is accepted, as there is nothing more to do.
    static func syncDirectory(_ path: String) throws(PersistenceError) {
        let fd = try openFile(path, O_RDONLY | O_DIRECTORY, mode: 0)
        defer { close(fd) }
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            if errno == EINVAL { return }
            throw failure("fsync", path)
        }
    }

    /// The directory part of `path` (`"."` for a bare name, `"/"` for a top-level entry).
    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// The last component of `path`.
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
