import NIOCore

/// A message for one WebSocket's writer: a text frame, or the end of the stream (the writer
/// closes the socket normally).
enum LoopbackOutgoing: Sendable {
    case text(String)
    case close
}

/// The open WebSockets of a loopback venue, so faults can reach them: drop them all, or tell the
/// user streams their listen key expired. A plain value owned by `LoopbackVenueState`.
struct LoopbackSocketRegistry: Sendable {
    struct Socket: Sendable {
        var channel: any Channel
        /// Set on user data streams.
        var listenKey: String?
        var outbox: AsyncStream<LoopbackOutgoing>.Continuation
    }

    private var nextId = 0
    private(set) var sockets: [Int: Socket] = [:]

    mutating func add(_ socket: Socket) -> Int {
        nextId += 1
        sockets[nextId] = socket
        return nextId
    }

    mutating func remove(_ id: Int) {
        sockets[id] = nil
    }

    /// Removes and returns every socket.
    mutating func removeAll() -> [Socket] {
        defer { sockets = [:] }
        return Array(sockets.values)
    }

    /// Removes and returns the user-stream sockets of `listenKey` (all user streams when nil).
    mutating func removeUserStreams(listenKey: String?) -> [Socket] {
        let ids = sockets.filter { entry in
            guard let key = entry.value.listenKey else { return false }
            return listenKey.map { $0 == key } ?? true
        }.keys
        return ids.compactMap { sockets.removeValue(forKey: $0) }
    }
}
