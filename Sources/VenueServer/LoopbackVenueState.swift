import Foundation
import HedgeExchange
import Logging
import NIOCore

/// The loopback venue's own state, apart from the sim's: armed faults, the IP ban, rate-limit
/// counters, listen keys, open WebSockets, and the journal of orders created. One actor, so
/// every request sees the faults and counters in one order.
///
/// Owned by `LoopbackVenue`; the responder and the WebSocket handlers call into it.
actor LoopbackVenueState {
    enum Admission: Sendable {
        case refused(LoopbackReply)
        case admitted(usedWeight: Int)
    }

    private let weightLimitPerMinute: Int
    private let orderLimitPer10Seconds: Int
    private let orderLimitPerMinute: Int
    private let listenKeyValidityMs: Int64
    private let wallClockMs: @Sendable () -> Int64
    private let logger: Logger

    /// Faults still armed.
    private(set) var faults: LoopbackFaults
    private var socketWatchers: [AsyncStream<Void>.Continuation] = []
    private var banUntilMs: Int64?
    /// After a 429, nothing is welcome before this time (its Retry-After).
    private var retryNotBeforeMs: Int64 = 0
    /// Requests that came before `retryNotBeforeMs` since the last 429 was respected.
    private var ignoredRetryAfter = 0
    /// Length of the next automatic ban: 2 minutes, doubling up to 3 days, as Binance escalates.
    private var nextAutomaticBanMs: Int64 = 120_000
    /// Requests sent inside a 429's Retry-After before the client is banned (418).
    static let ignoredRetryAfterBeforeBan = 3
    private var limits = LoopbackRateLimits()
    /// Live listen keys and when each was last kept alive (server ms).
    private var listenKeys: [String: Int64] = [:]
    private var sockets = LoopbackSocketRegistry()
    private(set) var journal = LoopbackJournal()
    private var details: [Int64: LoopbackOrderDetails] = [:]
    /// The latest venue order id of each (symbol, client order id).
    private var latestOrderIds: [String: Int64] = [:]

    init(configuration: LoopbackVenueConfiguration, logger: Logger) {
        weightLimitPerMinute = configuration.weightLimitPerMinute
        orderLimitPer10Seconds = configuration.orderLimitPer10Seconds
        orderLimitPerMinute = configuration.orderLimitPerMinute
        listenKeyValidityMs = Int64(configuration.listenKeyValidity.components.seconds * 1000)
            + configuration.listenKeyValidity.components.attoseconds / 1_000_000_000_000_000
        wallClockMs = configuration.wallClockMs
        faults = configuration.faults
        self.logger = logger
    }

    /// The server's clock: wall clock plus the skew fault, epoch ms.
    func serverTimeMs() -> Int64 {
        wallClockMs() + faults.clockSkewMs
    }

    // MARK: Faults

    /// Replaces the armed faults; socket drops and listen-key expiries armed for "now" fire at once.
    func setFaults(_ new: LoopbackFaults) {
        faults = new
        logger.notice("loopback faults set", metadata: ["faults": "\(new)"])
        if new.dropSockets?.afterMessages == 0 {
            faults.dropSockets = nil
            dropSockets()
        }
        if new.listenKeyExpiry?.afterUserEvents == 0 {
            faults.listenKeyExpiry = nil
            expireListenKeys()
        }
    }

    /// Ban, rate-limit fault and weight limit, in that order; counts `weight` when admitted.
    func admit(method: String, path: String, weight: Int) -> Admission {
        let now = serverTimeMs()
        if var ban = faults.ban {
            if ban.afterRequests <= 0 {
                faults.ban = nil
                banUntilMs = now + Int64(ban.retryAfterSeconds) * 1000
                logger.notice("loopback fault: IP banned", metadata: ["untilMs": "\(banUntilMs ?? 0)"])
            } else {
                ban.afterRequests -= 1
                faults.ban = ban
            }
        }
        if let until = banUntilMs {
            if now < until { return .refused(banned(until: until, now: now)) }
            banUntilMs = nil
        }
        // Binance bans clients that keep calling after a 429 instead of waiting its Retry-After.
        if now < retryNotBeforeMs {
            ignoredRetryAfter += 1
            if ignoredRetryAfter >= Self.ignoredRetryAfterBeforeBan {
                let until = now + nextAutomaticBanMs
                banUntilMs = until
                nextAutomaticBanMs = min(nextAutomaticBanMs * 2, 3 * 86_400_000)
                ignoredRetryAfter = 0
                retryNotBeforeMs = 0
                logger.notice("loopback: IP banned for ignoring Retry-After", metadata: ["untilMs": "\(until)"])
                return .refused(banned(until: until, now: now))
            }
            let seconds = max(1, Int((retryNotBeforeMs - now + 999) / 1000))
            return .refused(tooManyRequests(retryAfterSeconds: seconds, now: now))
        }
        ignoredRetryAfter = 0
        if let index = faults.rateLimits.firstIndex(where: { $0.count > 0 && Self.matches($0.method, $0.path, method, path) }) {
            let fault = faults.rateLimits[index]
            faults.rateLimits[index].count -= 1
            if faults.rateLimits[index].count <= 0 { faults.rateLimits.remove(at: index) }
            return .refused(tooManyRequests(retryAfterSeconds: fault.retryAfterSeconds, now: now))
        }
        let used = limits.addWeight(weight, nowMs: now)
        if used > weightLimitPerMinute {
            return .refused(tooManyRequests(retryAfterSeconds: LoopbackRateLimits.secondsToNextMinute(nowMs: now), now: now))
        }
        return .admitted(usedWeight: used)
    }

    /// The weight used in the current minute.
    func usedWeight() -> Int {
        limits.weight(nowMs: serverTimeMs())
    }

    /// The delay and server error armed for a request in `phase`, each consuming one count.
    func takeRequestFaults(method: String, path: String, phase: LoopbackFaults.Phase) -> (delaySeconds: Double?, serverErrorStatus: Int?) {
        var delay: Double?
        if let index = faults.delays.firstIndex(where: { $0.count > 0 && $0.phase == phase && Self.matches($0.method, $0.path, method, path) }) {
            delay = faults.delays[index].seconds
            faults.delays[index].count -= 1
            if faults.delays[index].count <= 0 { faults.delays.remove(at: index) }
        }
        var status: Int?
        if let index = faults.serverErrors.firstIndex(where: { $0.count > 0 && $0.phase == phase && Self.matches($0.method, $0.path, method, path) }) {
            status = faults.serverErrors[index].status
            faults.serverErrors[index].count -= 1
            if faults.serverErrors[index].count <= 0 { faults.serverErrors.remove(at: index) }
        }
        return (delay, status)
    }

    /// The lost-response fault armed for this request, consuming one count.
    func takeLostResponse(method: String, path: String) -> LoopbackFaults.LostResponse? {
        guard let index = faults.lostResponses.firstIndex(where: { $0.count > 0 && Self.matches($0.method, $0.path, method, path) }) else {
            return nil
        }
        let fault = faults.lostResponses[index]
        faults.lostResponses[index].count -= 1
        if faults.lostResponses[index].count <= 0 { faults.lostResponses.remove(at: index) }
        return fault
    }

    private static func matches(_ faultMethod: String?, _ faultPath: String?, _ method: String, _ path: String) -> Bool {
        (faultMethod.map { $0 == method } ?? true) && (faultPath.map { $0 == path } ?? true)
    }

    private func banned(until: Int64, now: Int64) -> LoopbackReply {
        let seconds = max(1, Int((until - now + 999) / 1000))
        var reply = LoopbackReply.error(status: 418, code: BinanceErrorCode.tooManyRequests.rawValue,
                                        message: "Way too many requests; IP banned until \(until). Please use the websocket for live updates to avoid bans.")
        reply.headers = [("Retry-After", String(seconds)), (LoopbackHeaders.usedWeight, String(limits.weight(nowMs: now)))]
        return reply
    }

    /// A 429; requests before its Retry-After has passed count towards an automatic ban.
    private func tooManyRequests(retryAfterSeconds: Int, now: Int64) -> LoopbackReply {
        retryNotBeforeMs = max(retryNotBeforeMs, now + Int64(retryAfterSeconds) * 1000)
        var reply = LoopbackReply.error(
            status: 429, code: BinanceErrorCode.tooManyRequests.rawValue,
            message: "Too many requests; current limit is \(weightLimitPerMinute) requests per minute. Please use the websocket for live updates to avoid polling the API.")
        reply.headers = [("Retry-After", String(retryAfterSeconds)), (LoopbackHeaders.usedWeight, String(limits.weight(nowMs: now)))]
        return reply
    }

    // MARK: Orders

    /// Whether one more new order fits the order-rate limits now.
    func orderAllowed() -> Bool {
        let counts = limits.addOrders(0, nowMs: serverTimeMs())
        return counts.tenSeconds < orderLimitPer10Seconds && counts.minute < orderLimitPerMinute
    }

    /// The order counts of the current windows after adding `added` orders.
    func orderCounts(adding added: Int = 0) -> (tenSeconds: Int, minute: Int) {
        limits.addOrders(added, nowMs: serverTimeMs())
    }

    /// Records an order the sim accepted.
    func recordOrder(orderId: Int64, details orderDetails: LoopbackOrderDetails) {
        journal.record(LoopbackJournal.Entry(orderId: orderId, clientOrderId: orderDetails.clientOrderId, symbol: orderDetails.symbol,
                                             createdAtMs: serverTimeMs(), responseLost: false))
        details[orderId] = orderDetails
        latestOrderIds[Self.key(orderDetails.symbol, orderDetails.clientOrderId)] = orderId
    }

    func recordRejection(code: Int) {
        journal.recordRejection(code: code)
    }

    func markResponseLost(orderId: Int64) {
        journal.markResponseLost(orderId: orderId)
    }

    func details(orderId: Int64) -> LoopbackOrderDetails? {
        details[orderId]
    }

    /// The latest venue order id for a client order id of `symbol`.
    func orderId(symbol: String, clientOrderId: String) -> Int64? {
        latestOrderIds[Self.key(symbol, clientOrderId)]
    }

    /// Order ids created for `symbol`, oldest first.
    func orderIds(symbol: String) -> [Int64] {
        journal.entries.filter { $0.symbol == symbol }.map(\.orderId)
    }

    private static func key(_ symbol: String, _ clientOrderId: String) -> String { symbol + "\u{1F}" + clientOrderId }

    // MARK: Listen keys

    /// The account's listen key: the live one extended (as Binance does), or a new one.
    func createListenKey() -> String {
        let now = serverTimeMs()
        pruneListenKeys(now: now)
        if let existing = listenKeys.keys.first {
            listenKeys[existing] = now
            return existing
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let key = String((0..<64).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
        listenKeys[key] = now
        logger.info("loopback listen key created")
        return key
    }

    /// Extends the live listen key (`listenKey` when given must be it); nil when there is none
    /// (-1125).
    func keepAliveListenKey(_ listenKey: String?) -> String? {
        let now = serverTimeMs()
        pruneListenKeys(now: now)
        let key = listenKey ?? listenKeys.keys.first
        guard let key, listenKeys[key] != nil else { return nil }
        listenKeys[key] = now
        return key
    }

    /// Closes the listen key and its streams; false when there was none.
    func closeListenKey(_ listenKey: String?) -> Bool {
        let now = serverTimeMs()
        pruneListenKeys(now: now)
        let key = listenKey ?? listenKeys.keys.first
        guard let key, listenKeys.removeValue(forKey: key) != nil else { return false }
        for socket in sockets.removeUserStreams(listenKey: key) { socket.outbox.finish() }
        return true
    }

    func isLiveListenKey(_ key: String) -> Bool {
        pruneListenKeys(now: serverTimeMs())
        return listenKeys[key] != nil
    }

    /// Sends `listenKeyExpired` on every user stream, closes them and forgets every listen key.
    func expireListenKeys() {
        let now = serverTimeMs()
        let keys = Array(listenKeys.keys)
        listenKeys = [:]
        logger.notice("loopback listen keys expired", metadata: ["count": "\(keys.count)"])
        for socket in sockets.removeUserStreams(listenKey: nil) {
            let event = BinanceJSON.object([
                ("e", .string("listenKeyExpired")), ("E", .string(String(now))), ("listenKey", .string(socket.listenKey ?? "")),
            ])
            socket.outbox.yield(.text(event.serialized))
            socket.outbox.yield(.close)
            socket.outbox.finish()
        }
    }

    private func pruneListenKeys(now: Int64) {
        listenKeys = listenKeys.filter { now - $0.value < listenKeyValidityMs }
    }

    // MARK: WebSockets

    func register(channel: any Channel, listenKey: String?, outbox: AsyncStream<LoopbackOutgoing>.Continuation) -> Int {
        let id = sockets.add(LoopbackSocketRegistry.Socket(channel: channel, listenKey: listenKey, outbox: outbox))
        for watcher in socketWatchers { watcher.yield() }
        return id
    }

    /// A stream that ticks now and each time a socket opens (see `LoopbackVenue.socketOpenings`).
    func watchSockets() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        // Kept for the venue's life: a finished stream ignores its ticks, and tests open few.
        socketWatchers.append(continuation)
        continuation.yield()
        return stream
    }

    func unregister(_ id: Int) {
        sockets.remove(id)
    }

    /// Closes every WebSocket at once, without a close frame (a dropped connection).
    func dropSockets() {
        let dropped = sockets.removeAll()
        logger.notice("loopback sockets dropped", metadata: ["count": "\(dropped.count)"])
        for socket in dropped {
            socket.outbox.finish()
            socket.channel.close(promise: nil)
        }
    }

    /// Sends `text` as one frame on every open socket of the kind asked (user streams, market
    /// streams, or both when nil): what a test uses to hand the client a frame no real venue
    /// would (over the size limit, unreadable, hostile numbers). Returns how many sockets got it.
    func sendFrame(_ text: String, userStreams: Bool?) -> Int {
        let targets = sockets.sockets.values.filter { Self.isKind($0, userStreams: userStreams) }
        for socket in targets { socket.outbox.yield(.text(text)) }
        return targets.count
    }

    /// How many sockets of the kind asked are open (see `sendFrame`).
    func socketCount(userStreams: Bool?) -> Int {
        sockets.sockets.values.count { Self.isKind($0, userStreams: userStreams) }
    }

    private static func isKind(_ socket: LoopbackSocketRegistry.Socket, userStreams: Bool?) -> Bool {
        guard let userStreams else { return true }
        return userStreams == (socket.listenKey != nil)
    }

    /// Counts one message written to a socket, dropping them all when the fault is due.
    func messageSent() {
        guard var drop = faults.dropSockets else { return }
        drop.afterMessages -= 1
        if drop.afterMessages <= 0 {
            faults.dropSockets = nil
            dropSockets()
        } else {
            faults.dropSockets = drop
        }
    }

    /// Counts one user-stream event sent, expiring the listen keys when the fault is due.
    func userEventSent() {
        guard var expiry = faults.listenKeyExpiry else { return }
        expiry.afterUserEvents -= 1
        if expiry.afterUserEvents <= 0 {
            faults.listenKeyExpiry = nil
            expireListenKeys()
        } else {
            faults.listenKeyExpiry = expiry
        }
    }
}

/// Header names the loopback venue writes, as Binance spells them.
public enum LoopbackHeaders {
    static let usedWeight = "X-MBX-USED-WEIGHT-1M"
    static let orderCount10s = "X-MBX-ORDER-COUNT-10S"
    static let orderCount1m = "X-MBX-ORDER-COUNT-1M"
    static let apiKey = "X-MBX-APIKEY"
    /// The control endpoints' token (`LoopbackVenueConfiguration.controlToken`).
    public static let controlToken = "X-Loopback-Token"
}
