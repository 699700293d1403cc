import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// systemd's readiness protocol (`Type=notify`): one datagram per state on the socket named by
/// `NOTIFY_SOCKET` (a path, or an abstract name starting with `@`). `READY=1` once the mesh is
/// up, `WATCHDOG=1` from the watchdog job while the periodic jobs run (every half of
/// `WATCHDOG_USEC`), `STOPPING=1` when the drain starts. Without `NOTIFY_SOCKET` (not under
/// systemd) every call does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket's address, nil when not under systemd.
    public let socketPath: String?
    /// How often to send `WATCHDOG=1`: half the watchdog timeout systemd set, nil without one.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        watchdogInterval = environment["WATCHDOG_USEC"].flatMap(Int64.init).flatMap { $0 > 0 ? .microseconds($0 / 2) : nil }
    }

    /// Sends `state` (e.g. `READY=1`); false when not under systemd or the datagram could not be
    /// sent (systemd then acts on its own timeouts). Never blocks: a full socket queue (nobody
    /// reading) drops the datagram rather than stall the thread that sends it.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        #if canImport(Glibc)
        guard let socketPath else { return false }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count + (path.first == 0 ? 0 : 1))
        let bytes = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), socketAddress, length)
            }
        }
        return sent == bytes.count
        #else
        return false
        #endif
    }
}
