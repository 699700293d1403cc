/// The faults a `LoopbackVenue` injects, as one value: loaded from a JSON profile
/// (`LoopbackFaults.load(path:)`, snake_case keys, format in docs/loopback-venue.md), set at run time through
/// `LoopbackVenue.setFaults(_:)` or `POST /_loopback/faults`, and read back from
/// `GET /_loopback/faults` to see what is still armed.
///
/// Every fault is deterministic: counts, not probabilities. Counted faults are consumed as they
/// fire. A request meets them in this order: IP ban (418), rate limit (429), authentication,
/// `before` delays and server errors, the work, `after` delays and server errors, lost response.
public struct LoopbackFaults: Sendable, Encodable, Hashable {
    /// Whether a request fault fires before the venue does the work (nothing happened) or after it
    /// (an order was placed or canceled, but the client cannot know).
    public enum Phase: String, Sendable, Encodable, Hashable, CaseIterable {
        case before
        case after
    }

    /// The next `count` matching requests answer HTTP `status` (5xx) with Binance's body.
    public struct ServerError: Sendable, Encodable, Hashable {
        public var status: Int
        public var count: Int
        /// Only requests with this method (`GET`, `POST`, `DELETE`, `PUT`); any when nil.
        public var method: String?
        /// Only requests to this exact path (`/fapi/v1/order`); any when nil.
        public var path: String?
        public var phase: Phase

        public init(status: Int = 503, count: Int = 1, method: String? = nil, path: String? = nil, phase: Phase = .before) {
            self.status = status
            self.count = count
            self.method = method
            self.path = path
            self.phase = phase
        }
    }

    /// The next `count` matching requests are answered `seconds` late (a client with a shorter
    /// timeout sees a timeout).
    public struct Delay: Sendable, Encodable, Hashable {
        public var seconds: Double
        public var count: Int
        public var method: String?
        public var path: String?
        public var phase: Phase

        public init(seconds: Double, count: Int = 1, method: String? = nil, path: String? = nil, phase: Phase = .before) {
            self.seconds = seconds
            self.count = count
            self.method = method
            self.path = path
            self.phase = phase
        }
    }

    /// The next `count` matching requests answer HTTP 429, -1003, `Retry-After: retryAfterSeconds`.
    public struct RateLimit: Sendable, Encodable, Hashable {
        public var count: Int
        public var retryAfterSeconds: Int
        public var method: String?
        public var path: String?

        public init(count: Int = 1, retryAfterSeconds: Int = 1, method: String? = nil, path: String? = nil) {
            self.count = count
            self.retryAfterSeconds = retryAfterSeconds
            self.method = method
            self.path = path
        }
    }

    /// An IP ban: after `afterRequests` more requests, every request answers HTTP 418, -1003
    /// "Way too many requests; IP banned until <ms>." for `retryAfterSeconds` of server time.
    public struct Ban: Sendable, Encodable, Hashable {
        public var retryAfterSeconds: Int
        public var afterRequests: Int

        public init(retryAfterSeconds: Int, afterRequests: Int = 0) {
            self.retryAfterSeconds = retryAfterSeconds
            self.afterRequests = afterRequests
        }
    }

    /// The next `count` matching requests are processed (the order exists), then never answered:
    /// the connection is dropped, or held open `hangSeconds` when set (the client times out).
    public struct LostResponse: Sendable, Encodable, Hashable {
        public var count: Int
        public var method: String?
        public var path: String?
        public var hangSeconds: Double?

        public init(count: Int = 1, method: String? = "POST", path: String? = "/fapi/v1/order", hangSeconds: Double? = nil) {
            self.count = count
            self.method = method
            self.path = path
            self.hangSeconds = hangSeconds
        }
    }

    /// Closes every WebSocket (market and user streams) after `afterMessages` more messages sent
    /// over all of them (0: at once, when set).
    public struct SocketDrop: Sendable, Encodable, Hashable {
        public var afterMessages: Int

        public init(afterMessages: Int = 0) {
            self.afterMessages = afterMessages
        }
    }

    /// Sends `listenKeyExpired` and invalidates every listen key after `afterUserEvents` more
    /// user-stream events (0: at once, when set).
    public struct ListenKeyExpiry: Sendable, Encodable, Hashable {
        public var afterUserEvents: Int

        public init(afterUserEvents: Int = 0) {
            self.afterUserEvents = afterUserEvents
        }
    }

    /// Partial fills: the share of a bar's volume one order may take (the sim's
    /// `MatchingConfiguration.participation`). Applied when the sim venue is built
    /// (`hedge venue-server --faults`); a change at run time is logged and ignored.
    public struct PartialFills: Sendable, Encodable, Hashable {
        public var participation: Double

        public init(participation: Double) {
            self.participation = participation
        }
    }

    public var serverErrors: [ServerError]
    public var delays: [Delay]
    public var rateLimits: [RateLimit]
    public var ban: Ban?
    /// The server's clock runs this many ms ahead (negative: behind) of the wall clock, so clients
    /// that stopped reading `/fapi/v1/time` fall outside recvWindow (-1021).
    public var clockSkewMs: Int64
    public var lostResponses: [LostResponse]
    public var dropSockets: SocketDrop?
    public var listenKeyExpiry: ListenKeyExpiry?
    public var partialFills: PartialFills?
    /// The next `n` order updates on the user stream go out twice (the sim venue's fault of the
    /// same name, `SimFaults.duplicatedOrderUpdates`, which this one arms).
    public var duplicatedOrderUpdates: Int
    /// The next `n` order updates go out after the one that follows them
    /// (`SimFaults.reorderedOrderUpdates`, which this one arms).
    public var reorderedOrderUpdates: Int
    /// Every REST answer turned hostile (`LoopbackHostileValues`): its numbers and times replaced by
    /// values that trap careless readers (`nan`, `inf`, `1e400`, 40 digits, `Int64.min`), its
    /// rate-limit headers by `9223372036854775807` and `1e300`, a `Retry-After: inf`. The client
    /// must fail each call with a clear error and keep running.
    public var hostileValues: Bool
    /// Every 2xx REST answer's body mangled on the wire (nil: sent as it is).
    public var mangledBodies: BodyMangling?

    /// How `mangled_bodies` changes a 2xx body.
    public enum BodyMangling: String, Sendable, Hashable, Codable, CaseIterable {
        /// The first half of the body only (valid HTTP, JSON cut short).
        case truncate
        /// The body followed by 10 MiB of spaces: still valid JSON, 10 MiB long.
        case pad10MiB = "pad_10mb"
        /// The body followed by 40 MiB of spaces: past the client's 32 MiB limit.
        case oversize40MiB = "oversize_40mb"

        /// `body` mangled.
        func apply(to body: String) -> String {
            switch self {
            case .truncate: String(decoding: Array(body.utf8).prefix(body.utf8.count / 2), as: UTF8.self)
            case .pad10MiB: body + String(repeating: " ", count: 10 << 20)
            case .oversize40MiB: body + String(repeating: " ", count: 40 << 20)
            }
        }
    }

    public init(
        serverErrors: [ServerError] = [],
        delays: [Delay] = [],
        rateLimits: [RateLimit] = [],
        ban: Ban? = nil,
        clockSkewMs: Int64 = 0,
        lostResponses: [LostResponse] = [],
        dropSockets: SocketDrop? = nil,
        listenKeyExpiry: ListenKeyExpiry? = nil,
        partialFills: PartialFills? = nil,
        duplicatedOrderUpdates: Int = 0,
        reorderedOrderUpdates: Int = 0,
        hostileValues: Bool = false,
        mangledBodies: BodyMangling? = nil
    ) {
        self.serverErrors = serverErrors
        self.delays = delays
        self.rateLimits = rateLimits
        self.ban = ban
        self.clockSkewMs = clockSkewMs
        self.lostResponses = lostResponses
        self.dropSockets = dropSockets
        self.listenKeyExpiry = listenKeyExpiry
        self.partialFills = partialFills
        self.duplicatedOrderUpdates = duplicatedOrderUpdates
        self.reorderedOrderUpdates = reorderedOrderUpdates
        self.hostileValues = hostileValues
        self.mangledBodies = mangledBodies
    }

    /// No faults: every request answered at once, every event sent once, in order.
    public static let none = LoopbackFaults()
}
