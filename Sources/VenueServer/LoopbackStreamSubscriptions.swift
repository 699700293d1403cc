import Synchronization

/// The market streams one WebSocket is subscribed to, changed by its SUBSCRIBE / UNSUBSCRIBE
/// messages while its pump reads them. A `Sendable` class over a `Mutex`: the reader task and
/// the pump task of the connection share it; every access is one short critical section.
final class LoopbackStreamSubscriptions: Sendable {
    private let names: Mutex<[BinanceStreamName]>

    init(_ initial: [BinanceStreamName]) {
        names = Mutex(initial)
    }

    var current: [BinanceStreamName] { names.withLock { $0 } }

    func subscribe(_ added: [BinanceStreamName]) {
        names.withLock { names in
            for name in added where !names.contains(name) { names.append(name) }
        }
    }

    func unsubscribe(_ removed: [BinanceStreamName]) {
        names.withLock { names in names.removeAll { removed.contains($0) } }
    }
}
