import AsyncHTTPClient
import Foundation
import HedgeCore
import Logging
import NIOCore
import NIOHTTP1

/// Sends Binance USD-M REST requests: signs them, keeps the clock offset, throttles by the
/// rate-limit headers, maps failures to `ExchangeError`, and retries only where a retry cannot
/// create anything twice:
/// - -1021 (timestamp outside recvWindow): the request was refused, so the clock is re-measured
///   and the request re-signed and sent once more;
/// - 429: the request was refused; nothing is sent until `Retry-After` has passed (the limiter
///   then halves its budget for a minute), then the request is sent again (up to
///   `rateLimitRetryLimit` times); the gate (`BinanceRequestGate`) lets one probe go first and
///   opens for the others only when the probe was not refused;
/// - transport failure or 5xx: retried for reads only. For an order the outcome is unknown and the
///   caller must query by client order id (see `BinanceUSDMClient.placeOrder`).
/// - 418: nothing is sent until the ban ends; every call fails fast with `rateLimited(banned:)`
///   and the ban is an alert in `health()`.
public actor BinanceRESTClient {
    public nonisolated let baseURL: String
    let credentials: BinanceCredentials?
    private let signer: BinanceSigner?
    let settings: BinanceSettings
    private let http: HTTPClient
    private let clock: any Clock<Duration>
    private let wallClockMs: @Sendable () -> Int64
    private let logger: Logger
    private var limiter: BinanceRateLimiter
    private var gate = BinanceRequestGate()
    /// Requests the gate told to wait, resumed (to ask again) whenever a request starts or ends.
    private var parked: [CheckedContinuation<Void, Never>] = []
    /// Venue time minus local time, ms.
    public private(set) var clockOffsetMs: Int64 = 0
    private var requests = 0
    private var retries: [String: Int] = [:]
    private var banMessage: String?

    /// - Parameters:
    ///   - baseURL: `https://fapi.binance.com`, the testnet's, or the loopback venue's.
    ///   - credentials: needed for signed and API-key endpoints; public endpoints work without.
    ///   - http: owned by the caller, who shuts it down.
    ///   - clock: paces waits (rate limits, retries).
    ///   - wallClockMs: local epoch ms (signing timestamps, rate-limit windows).
    public init(baseURL: String, credentials: BinanceCredentials?, settings: BinanceSettings, http: HTTPClient,
                clock: any Clock<Duration> = ContinuousClock(),
                wallClockMs: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
                logger: Logger = Logger(label: "hedge.exchange.binance.rest")) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        signer = credentials?.signer
        self.settings = settings
        self.http = http
        self.clock = clock
        self.wallClockMs = wallClockMs
        self.logger = logger
        limiter = BinanceRateLimiter(budget: settings.rateLimitBudget)
    }

    /// Venue time now, epoch ms (local time plus the measured offset).
    public func venueNowMs() -> Int64 { wallClockMs() + clockOffsetMs }

    /// The largest venue clock offset taken for a skew (a day); beyond it the answer is refused.
    static let maxClockOffsetMs: UInt64 = 86_400_000

    /// Adopts the limits exchangeInfo publishes.
    public func setLimits(_ limits: BinanceRateLimits) { limiter.limits = limits }

    /// Measures the offset between venue and local time from `/fapi/v1/time` (midpoint of the
    /// round trip) and returns it.
    @discardableResult
    public func syncTime() async throws(ExchangeError) -> Int64 {
        let before = wallClockMs()
        let data = try await send(.time, BinanceQuery(), context: "time", syncOnTimestampError: false)
        let after = wallClockMs()
        let server = try WireDecoding.decode(BinanceWire.ServerTime.self, from: data, context: "GET /fapi/v1/time")
        let local = before / 2 + after / 2
        // A venue clock a day or more from ours is not a skew to correct but a wrong answer (and
        // `Int64.min` would overflow the offset).
        let (offset, overflow) = server.serverTime.subtractingReportingOverflow(local)
        guard !overflow, offset.magnitude < Self.maxClockOffsetMs else {
            throw .malformedResponse("GET /fapi/v1/time: serverTime \(server.serverTime) is not within a day of this host's clock")
        }
        clockOffsetMs = offset
        logger.debug("venue clock offset measured", metadata: ["offset_ms": "\(clockOffsetMs)"])
        return clockOffsetMs
    }

    /// Health for state files and doctor.
    public func health() -> VenueHealth {
        let now = venueNowMs()
        var alerts: [String] = []
        if limiter.isBanned(nowMs: now), let banMessage {
            alerts.append("ip_banned until \(UTCTime.iso8601(ms: limiter.bannedUntilMs)): \(banMessage)")
        }
        return VenueHealth(alerts: alerts, clockOffsetMs: clockOffsetMs, weightUsed1m: limiter.weightUsed(nowMs: now),
                           weightLimit1m: limiter.limits.weightPerMinute, retries: retries, requests: requests)
    }

    /// Requests sent whose answer has not come back yet.
    var requestsInFlight: Int { gate.inFlightTrading + gate.inFlightHousekeeping }

    /// Counts a retry the adapter made (query-before-resend after an unknown outcome).
    func countRetry(_ cause: String) { retries[cause, default: 0] += 1 }

    /// The request as it would be sent, signature redacted: what dry-run logs.
    public func redactedRequest(_ endpoint: BinanceEndpoint, _ query: BinanceQuery) -> String {
        var signed = query
        if endpoint.security == .signed {
            signed.append("recvWindow", String(settings.recvWindowMs))
            signed.append("timestamp", String(venueNowMs()))
            return "\(endpoint.method.rawValue) \(endpoint.path)?\(signed.encoded)&signature=<redacted>"
        }
        return "\(endpoint.method.rawValue) \(endpoint.path)?\(signed.encoded)"
    }

    /// Sends `endpoint` with `query` and returns the 2xx body, applying the retry rules above.
    ///
    /// - Parameters:
    ///   - context: names the call in errors (`GET /fapi/v1/order BTCUSDT`).
    ///   - clientOrderId, symbol: carried into `unknownOrder` / `duplicateOrder` / `unknownSymbol`.
    public func send(_ endpoint: BinanceEndpoint, _ query: BinanceQuery, context: String, clientOrderId: String? = nil,
                     symbol: String? = nil, syncOnTimestampError: Bool = true) async throws(ExchangeError) -> Data {
        var resynced = false
        var rateLimitRetries = 0
        var readRetries = 0
        while true {
            do {
                return try await sendOnce(endpoint, query, clientOrderId: clientOrderId, symbol: symbol)
            } catch .timestampOutsideWindow where syncOnTimestampError && !resynced {
                resynced = true
                retries["timestamp", default: 0] += 1
                logger.warning("request timestamp outside recvWindow (-1021); re-measuring the venue clock", metadata: ["request": "\(endpoint)"])
                try await syncTime()
            } catch .rateLimited(let after, false) where rateLimitRetries < Self.rateLimitRetryLimit {
                rateLimitRetries += 1
                retries["rate_limited", default: 0] += 1
                // The gate holds every request, this one included, until Retry-After has passed.
                logger.warning("rate limited (429); waiting Retry-After", metadata: ["request": "\(endpoint)", "retry_after_s": "\(after)"])
            } catch let error where error.outcomeUnknown && endpoint.method == .get && readRetries < 2 {
                readRetries += 1
                retries[error.isServerError ? "server" : "transport", default: 0] += 1
                logger.info("read failed; retrying", metadata: ["request": "\(endpoint)", "error": "\(error)"])
                try await pause(milliseconds: 100 * Int64(readRetries))
            }
        }
    }

    /// How many 429s in a row one call waits out before it fails. A 429 means the request was
    /// refused unprocessed, so retrying is safe; the gate spaces the retries one Retry-After apart.
    static let rateLimitRetryLimit = 3

    private func sendOnce(_ endpoint: BinanceEndpoint, _ query: BinanceQuery, clientOrderId: String?, symbol: String?) async throws(ExchangeError) -> Data {
        let lane = BinanceRequestGate.Lane(endpoint)
        let probe = try await admit(endpoint, lane: lane)
        var refused = false
        defer {
            gate.finished(lane, probe: probe, refused: refused)
            wakeParked()
        }
        do {
            return try await transmit(endpoint, query, clientOrderId: clientOrderId, symbol: symbol)
        } catch {
            if case .rateLimited = error { refused = true }
            throw error
        }
    }

    /// Waits until the rate-limit budget and the gate let a request in `lane` go, counts it, and
    /// returns whether it is the gate's probe. Fails fast during a ban.
    private func admit(_ endpoint: BinanceEndpoint, lane: BinanceRequestGate.Lane) async throws(ExchangeError) -> Bool {
        if lane == .trading { gate.tradingRequestArrived() }
        defer {
            if lane == .trading {
                gate.tradingRequestLeft()
                wakeParked()
            }
        }
        while true {
            let now = venueNowMs()
            if limiter.isBanned(nowMs: now) {
                throw .rateLimited(retryAfterSeconds: Double(limiter.bannedUntilMs - now) / 1000, banned: true)
            }
            let wait = limiter.delay(weight: endpoint.weight, isOrder: endpoint.isOrder, nowMs: now)
            if wait > 0 {
                logger.info("throttling before the rate limit", metadata: ["request": "\(endpoint)", "wait_ms": "\(wait)"])
                try await pause(milliseconds: wait)
                continue
            }
            guard gate.maySend(lane) else {
                await withCheckedContinuation { parked.append($0) }
                if Task.isCancelled { throw .transport("cancelled while waiting") }
                continue
            }
            let probe = gate.started(lane)
            limiter.reserve(weight: endpoint.weight, isOrder: endpoint.isOrder, nowMs: venueNowMs())
            return probe
        }
    }

    /// Lets every parked request ask the gate again.
    private func wakeParked() {
        guard !parked.isEmpty else { return }
        let waiting = parked
        parked.removeAll()
        for continuation in waiting { continuation.resume() }
    }

    /// The largest answer read (exchangeInfo, the biggest Binance sends, is a few MiB).
    static let maxBodyBytes = 32 << 20

    /// One HTTP exchange: the request signed and sent, the limiter fed from the response headers,
    /// a non-2xx status mapped to `ExchangeError` (a 418 starts the ban, a 429 the Retry-After wait).
    private func transmit(_ endpoint: BinanceEndpoint, _ query: BinanceQuery, clientOrderId: String?, symbol: String?) async throws(ExchangeError) -> Data {
        var request = HTTPClientRequest(url: try url(for: endpoint, query))
        request.method = HTTPMethod(rawValue: endpoint.method.rawValue)
        if endpoint.security != .none {
            guard let credentials else { throw .unauthorized("\(endpoint) needs an API key; none is configured") }
            request.headers.add(name: "X-MBX-APIKEY", value: credentials.apiKey)
        }
        requests += 1
        let response = try await VenueHTTP.execute(request, on: http, timeout: settings.requestTimeout, clock: clock,
                                                    maxBodyBytes: Self.maxBodyBytes, context: "\(endpoint)")
        let headers = response.headers
        limiter.record(usedWeight1m: BinanceHeaderValues.count(headers.first(name: "x-mbx-used-weight-1m")),
                       orderCount10s: BinanceHeaderValues.count(headers.first(name: "x-mbx-order-count-10s")),
                       orderCount1m: BinanceHeaderValues.count(headers.first(name: "x-mbx-order-count-1m")),
                       nowMs: venueNowMs())
        let data = Data(response.body.readableBytesView)
        let status = Int(response.status.code)
        guard !(200..<300).contains(status) else { return data }
        let error = BinanceAPIError.map(status: status, body: data, retryAfter: headers.first(name: "retry-after"),
                                        nowMs: venueNowMs(), clientOrderId: clientOrderId, symbol: symbol)
        if case .rateLimited(let after, let banned) = error {
            if banned {
                limiter.banned(untilMs: venueNowMs() + BinanceHeaderValues.milliseconds(after))
                banMessage = "HTTP \(status) from \(endpoint)"
                logger.critical("ALERT: the venue banned this IP (418); no request is sent until the ban ends",
                                metadata: ["banned_for_s": "\(after)", "request": "\(endpoint)"])
            } else {
                limiter.tooManyRequests(retryAfterSeconds: after, nowMs: venueNowMs())
            }
        }
        throw error
    }

    private func url(for endpoint: BinanceEndpoint, _ query: BinanceQuery) throws(ExchangeError) -> String {
        var query = query
        guard endpoint.security == .signed else {
            let encoded = query.encoded
            return baseURL + endpoint.path + (encoded.isEmpty ? "" : "?" + encoded)
        }
        guard let signer else { throw .unauthorized("\(endpoint) is signed; no API secret is configured") }
        query.append("recvWindow", String(settings.recvWindowMs))
        query.append("timestamp", String(venueNowMs()))
        let payload = query.encoded
        return baseURL + endpoint.path + "?" + payload + "&signature=" + signer.signature(for: payload)
    }

    private func pause(milliseconds: Int64) async throws(ExchangeError) {
        do {
            try await clock.sleep(for: .milliseconds(milliseconds))
        } catch {
            throw .transport("cancelled while waiting")
        }
    }
}

extension ExchangeError {
    var isServerError: Bool {
        if case .server = self { return true }
        return false
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
