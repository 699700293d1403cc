import Foundation
import HedgeCore
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// Counters the streams share with `health()`: reconnects per stream.
final class VenueStreamStats: Sendable {
    private let reconnects = Mutex([String: Int]())

    func countReconnect(_ stream: String) { reconnects.withLock { $0[stream, default: 0] += 1 } }
    var snapshot: [String: Int] { reconnects.withLock { $0 } }
}

/// Messages read on one connection (a connection that delivered any resets the backoff).
private final class MessageCounter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

/// How a socket loop reconnects: frame limit, rollover age, backoff.
struct SocketLoopPolicy: Sendable {
    var maxFrameBytes: Int
    /// Connections are replaced after this long (Binance closes them at 24 h).
    var rollover: Duration
    var reconnectInitialDelay: Duration
    var reconnectMaxDelay: Duration
    /// A connection that delivers nothing for this long is replaced (nil: no limit). Coinbase
    /// sends heartbeats every second on a subscribed connection, so silence means a dead one.
    var silenceLimit: Duration?

    init(_ settings: BinanceSettings) {
        maxFrameBytes = settings.maxFrameBytes
        rollover = settings.streamRollover
        reconnectInitialDelay = settings.reconnectInitialDelay
        reconnectMaxDelay = settings.reconnectMaxDelay
        silenceLimit = nil
    }

    init(_ settings: CoinbaseSettings) {
        maxFrameBytes = settings.maxFrameBytes
        rollover = .seconds(23 * 3600)
        reconnectInitialDelay = settings.reconnectInitialDelay
        reconnectMaxDelay = settings.reconnectMaxDelay
        silenceLimit = settings.streamSilenceLimit
    }
}

/// One logical stream kept alive over successive WebSocket connections: connect, send what the
/// venue wants first (Coinbase's subscriptions), read every text message, and when the
/// connection closes, fails, falls silent past the policy's limit or reaches the rollover age
/// (Binance closes connections at 24 h; Hedge leaves earlier, on its own terms), connect again
/// after an exponential backoff with jitter. Ends only when its task is cancelled.
struct VenueSocketLoop: Sendable {
    /// What the message handler wants next.
    enum Directive: Sendable { case keepReading, reconnect }

    let name: String
    let settings: SocketLoopPolicy
    let clock: any Clock<Duration>
    let stats: VenueStreamStats
    let logger: Logger

    /// - Parameters:
    ///   - url: the URL of the next connection (the user stream creates a listenKey here).
    ///   - onOpen: called once each connection is up; `reconnected` is false for the first.
    ///   - sideTask: runs beside each connection (the listenKey keep-alive) and may ask for a
    ///     reconnect by returning.
    ///   - handle: every text message, in order.
    func run(url: @escaping @Sendable () async throws(ExchangeError) -> String,
             onOpen: @escaping @Sendable (_ reconnected: Bool) async -> Void,
             sideTask: (@Sendable () async -> Void)? = nil,
             subscribe: (@Sendable (WebSocketOutboundWriter) async throws -> Void)? = nil,
             handle: @escaping @Sendable (Data) async -> Directive) async {
        var failures = 0
        var connections = 0
        while !Task.isCancelled {
            let target: String
            do {
                target = try await url()
            } catch {
                logger.warning("\(name) stream: cannot prepare the connection", metadata: ["error": "\(error)"])
                failures += 1
                guard await backoff(failures) else { return }
                continue
            }
            let received = MessageCounter()
            let reconnected = connections > 0
            connections += 1
            if reconnected { stats.countReconnect(name) }
            let configuration = WebSocketClientConfiguration(maxFrameSize: settings.maxFrameBytes,
                                                             autoPing: .enabled(timePeriod: .seconds(60)))
            let client = WebSocketClient(url: target, configuration: configuration, logger: logger) { inbound, outbound, _ in
                // Returning from this handler closes the connection.
                try await subscribe?(outbound)
                await onOpen(reconnected)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: settings.maxFrameBytes) {
                            let data: Data = switch message {
                            case .text(let text): Data(text.utf8)
                            case .binary(let buffer): Data(buffer.readableBytesView)
                            }
                            received.increment()
                            if await handle(data) == .reconnect { return }
                        }
                    }
                    group.addTask {
                        try await clock.sleep(for: settings.rollover)
                        logger.info("\(name) stream: proactive reconnect before the venue's 24 h limit")
                    }
                    if let limit = settings.silenceLimit {
                        group.addTask {
                            // Silence: no message during a whole limit (counted on the loop's clock).
                            var seen = received.count
                            while true {
                                try await clock.sleep(for: limit)
                                if received.count == seen { break }
                                seen = received.count
                            }
                            logger.warning("\(name) stream: nothing received for \(limit); reconnecting")
                        }
                    }
                    if let sideTask {
                        group.addTask {
                            await sideTask()
                            try Task.checkCancellation()
                        }
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
            do {
                try await client.run()
                logger.info("\(name) stream closed; reconnecting")
            } catch {
                if Task.isCancelled { return }
                logger.warning("\(name) stream failed; reconnecting", metadata: ["error": "\(String(describing: error).prefix(200))"])
            }
            failures = received.count > 0 ? 1 : failures + 1
            guard await backoff(failures) else { return }
        }
    }

    /// Sleeps the backoff of the `failures`-th consecutive failure: exponential from
    /// `reconnectInitialDelay`, capped at `reconnectMaxDelay`, with equal jitter (half fixed,
    /// half random) so many clients do not reconnect in step. False when cancelled.
    private func backoff(_ failures: Int) async -> Bool {
        let initial = settings.reconnectInitialDelay.wholeMilliseconds
        let cap = settings.reconnectMaxDelay.wholeMilliseconds
        let exponential = min(cap, initial << min(failures - 1, 20))
        let delay = exponential / 2 + Int64.random(in: 0...max(0, exponential / 2))
        do {
            try await clock.sleep(for: .milliseconds(delay))
            return true
        } catch {
            return false
        }
    }
}
