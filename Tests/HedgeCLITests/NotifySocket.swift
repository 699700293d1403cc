import Foundation
import Glibc

/// A datagram socket bound at a fresh path, as systemd's `NOTIFY_SOCKET`: how a test hears a
/// `hedge run` child say READY=1, WATCHDOG=1, STOPPING=1 and its STATUS lines.
final class NotifySocket: @unchecked Sendable {
    // @unchecked: `path` and `descriptor` are set once in init and never change; the kernel
    // serialises reads of the descriptor.
    let path: String
    let descriptor: Int32

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-notify-\(UUID().uuidString.prefix(8))").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in for (i, b) in bytes.enumerated() { buffer[i] = b } }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard descriptor >= 0, bound == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    /// Every datagram received so far, without waiting.
    func drain() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard count > 0 else { return messages }
            messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
        }
    }

    /// The next datagram, waiting for it on a thread of its own (the daemon is another process:
    /// there is no clock to drive, only its socket to hear); nil after `seconds` without one.
    func next(within seconds: Int) async -> String? {
        await withCheckedContinuation { continuation in
            let descriptor = descriptor
            Thread {
                var timeout = timeval(tv_sec: seconds, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(descriptor, &buffer, buffer.count, 0)
                continuation.resume(returning: count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil)
            }.start()
        }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
