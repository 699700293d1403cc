#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's content atomically: a reader (or a crash) sees the old content or the new,
/// never a half-written file.
///
/// The bytes go to a fresh temporary file in the target's directory (`.NAME.tmp-XXXXXX`, from
/// `mkstemp`, so concurrent writers never share one), which is fsynced, renamed over the target,
/// and then the directory is fsynced so the rename itself survives a power loss. Missing
/// directories are created. A failure before the rename removes the temporary file and leaves the
/// target untouched; a failure of the final directory fsync is reported although the new content
/// is already in place. Only a crash between `mkstemp` and `rename` can leave a `.tmp-` file.
///
/// Stateless and synchronous (blocking system calls): any actor may call it. Two writers of the
/// same path race only on which complete content wins.
public enum AtomicFileWriter {
    /// Atomically replaces the file at `path` with `bytes` (mode 0644), creating its directory.
    public static func write(_ bytes: [UInt8], to path: String) throws(PersistenceError) {
        let directory = SystemCall.parentDirectory(of: path)
        try SystemCall.makeDirectories(directory)

        var template = Array("\(directory)/.\(SystemCall.fileName(of: path)).tmp-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else { throw SystemCall.failure("mkstemp", temporaryPath) }

        var descriptorOpen = true
        do throws(PersistenceError) {
            // mkstemp creates 0600; state files are read by the dashboard and operators.
            if fchmod(fd, 0o644) != 0 { throw SystemCall.failure("fchmod", temporaryPath) }
            try SystemCall.writeAll(fd, bytes, path: temporaryPath)
            try SystemCall.syncFile(fd, path: temporaryPath)
            descriptorOpen = false
            try SystemCall.closeFile(fd, path: temporaryPath)
            try SystemCall.renameFile(temporaryPath, path)
        } catch {
            if descriptorOpen { close(fd) }
            unlink(temporaryPath)
            throw error
        }
        try SystemCall.syncDirectory(directory)
    }

    /// Atomically replaces the file at `path` with the UTF-8 bytes of `text`.
    public static func write(_ text: String, to path: String) throws(PersistenceError) {
        try write(Array(text.utf8), to: path)
    }
}
