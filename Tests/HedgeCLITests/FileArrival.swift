import Foundation
import Glibc

/// Waits for a file to appear in a directory (created there or renamed into it, as atomic state
/// files are), woken by inotify rather than by polling: what a test uses to learn that a child
/// process wrote a file nothing else announces.
enum FileArrival {
    /// Whether `name` is in `directory` within `timeout` (true at once when it already is).
    static func wait(for name: String, in directory: String, timeout: Duration) async -> Bool {
        await withCheckedContinuation { continuation in
            // inotify waits block: on a thread of their own, not the cooperative pool.
            Thread {
                continuation.resume(returning: waitBlocking(for: name, in: directory, timeout: timeout))
            }.start()
        }
    }

    private static func waitBlocking(for name: String, in directory: String, timeout: Duration) -> Bool {
        let path = "\(directory)/\(name)"
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return FileManager.default.fileExists(atPath: path) }
        defer { close(fd) }
        guard inotify_add_watch(fd, directory, UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) >= 0 else {
            return FileManager.default.fileExists(atPath: path)
        }
        // Checked after the watch is in place: a file that arrives in between is still seen.
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !FileManager.default.fileExists(atPath: path) {
            let left = (deadline - ContinuousClock.now).components
            let milliseconds = Int32(clamping: left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000)
            guard milliseconds > 0 else { return false }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, milliseconds) > 0 else { continue }
            _ = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        }
        return true
    }
}
