import AsyncHTTPClient
import Foundation
import HedgeCore
import Logging
import NIOCore
import NIOHTTP1

/// Sends Coinbase Advanced Trade REST requests (`/api/v3/brokerage/…`): a fresh JWT per request
/// (its `nbf` on the venue's clock, measured from `GET /time`, so a drifting host clock does not
/// get every request refused), requests paced under Coinbase's per-second limit and the
/// `x-ratelimit-remaining`/`-reset` headers, failures mapped to `ExchangeError`, and retries
/// only where a retry cannot create anything twice:
/// - 429: refused unprocessed; sent again after `Retry-After` (up to `rateLimitRetryLimit` times);
/// - transport failure or 5xx: retried for reads only; for an order the adapter queries first.
public actor CoinbaseRESTClient {
    public nonisolated let baseURL: String
    /// `host[:port]` of `baseURL`: what the JWT's `uri` claim names.
    public nonisolated let authority: String
    public static let pathPrefix = "/api/v3/brokerage"
    let credentials: CoinbaseCredentials?
    let settings: CoinbaseSettings
    private let http: HTTPClient
    private let clock: any Clock<Duration>
    private let wallClockMs: @Sendable () -> Int64
    private let logger: Logger
    /// Venue time minus local time, ms.
    public private(set) var clockOffsetMs: Int64 = 0
    /// Epoch ms before which no request is sent (pacing, a 429's Retry-After, an exhausted window).
    private var nextSendMs: Int64 = 0
    private var requests = 0
    private var retries: [String: Int] = [:]
    private var lastRemaining: Int?

    public init(baseURL: String, credentials: CoinbaseCredentials?, settings: CoinbaseSettings, http: HTTPClient,
                clock: any Clock<Duration> = ContinuousClock(),
                wallClockMs: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
                logger: Logger = Logger(label: "hedge.exchange.coinbase.rest")) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        authority = Self.authority(of: self.baseURL)
        self.credentials = credentials
        self.settings = settings
        self.http = http
        self.clock = clock
        self.wallClockMs = wallClockMs
        self.logger = logger
    }

    /// `host[:port]` of a base URL (scheme and path dropped).
    static func authority(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        return String(rest.prefix { $0 != "/" })
    }

    /// Venue time now, epoch ms.
    public func venueNowMs() -> Int64 { wallClockMs() + clockOffsetMs }

    /// Measures the venue clock's offset from `GET /time` (midpoint of the round trip).
    @discardableResult
    public func syncTime() async throws(ExchangeError) -> Int64 {
        let before = wallClockMs()
        let data = try await send("GET", "/time", context: "GET /time", authenticated: false)
        let after = wallClockMs()
        let time = try WireDecoding.decode(CoinbaseWire.ServerTime.self, from: data, context: "GET /time")
        guard let millis = time.epochMillis.flatMap({ Int64($0) }) ?? time.epochSeconds.flatMap({ Int64($0) }).flatMap(Self.milliseconds) else {
            throw .malformedResponse("GET /time: no epochMillis or epochSeconds")
        }
        // A venue clock a day or more from ours is not a skew to correct but a wrong answer.
        let (offset, overflow) = millis.subtractingReportingOverflow(before / 2 + after / 2)
        guard !overflow, offset.magnitude < 86_400_000 else {
            throw .malformedResponse("GET /time: \(millis) is not within a day of this host's clock")
        }
        clockOffsetMs = offset
        return offset
    }

    /// Epoch seconds as ms; nil past `Int64`.
    static func milliseconds(_ seconds: Int64) -> Int64? {
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? nil : ms
    }

    /// Health for state files and doctor: requests, retries, clock offset, and the rate-limit
    /// headroom Coinbase last reported (as "weight": used of the per-second limit).
    public func health() -> VenueHealth {
        let limit = Int(settings.requestsPerSecond.rounded(.up))
        return VenueHealth(alerts: [], clockOffsetMs: clockOffsetMs, weightUsed1m: lastRemaining.map { max(0, limit - $0) } ?? 0,
                           weightLimit1m: limit, retries: retries, requests: requests)
    }

    func countRetry(_ cause: String) { retries[cause, default: 0] += 1 }

    /// How many 429s in a row one call waits out before it fails.
    static let rateLimitRetryLimit = 3
    /// The largest answer read.
    static let maxBodyBytes = 32 << 20

    /// Sends `method` `path` (below `/api/v3/brokerage`) and returns the 2xx body.
    public func send(_ method: String, _ path: String, query: [(String, String)] = [], body: Data? = nil, context: String,
                     clientOrderId: String? = nil, symbol: String? = nil, authenticated: Bool = true) async throws(ExchangeError) -> Data {
        var rateLimitRetries = 0
        var readRetries = 0
        while true {
            do {
                return try await sendOnce(method, path, query: query, body: body, context: context, clientOrderId: clientOrderId,
                                          symbol: symbol, authenticated: authenticated)
            } catch .rateLimited(let after, _) where rateLimitRetries < Self.rateLimitRetryLimit {
                rateLimitRetries += 1
                retries["rate_limited", default: 0] += 1
                logger.warning("rate limited (429); waiting Retry-After", metadata: ["request": "\(context)", "retry_after_s": "\(after)"])
            } catch let error where error.outcomeUnknown && method == "GET" && readRetries < 2 {
                readRetries += 1
                retries[error.isServerError ? "server" : "transport", default: 0] += 1
                logger.info("read failed; retrying", metadata: ["request": "\(context)", "error": "\(error)"])
                try await pause(milliseconds: 100 * Int64(readRetries))
            }
        }
    }

    private func sendOnce(_ method: String, _ path: String, query: [(String, String)], body: Data?, context: String,
                          clientOrderId: String?, symbol: String?, authenticated: Bool) async throws(ExchangeError) -> Data {
        try await admit()
        let fullPath = Self.pathPrefix + path
        var request = HTTPClientRequest(url: baseURL + fullPath + Self.encode(query))
        request.method = HTTPMethod(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        if authenticated {
            guard let credentials else { throw .unauthorized("\(context) needs a Coinbase API key; none is configured") }
            let token = try credentials.signer.token(uri: CoinbaseJWTSigner.uri(method: method, host: authority, path: fullPath),
                                                     nowSeconds: venueNowMs() / 1000)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        requests += 1
        let response = try await VenueHTTP.execute(request, on: http, timeout: settings.requestTimeout, clock: clock,
                                                    maxBodyBytes: Self.maxBodyBytes, context: context)
        recordLimits(response.headers)
        let data = Data(response.body.readableBytesView)
        let status = Int(response.status.code)
        guard !(200..<300).contains(status) else { return data }
        let error = CoinbaseAPIError.map(status: status, body: data, retryAfter: response.headers.first(name: "retry-after"),
                                         clientOrderId: clientOrderId, symbol: symbol, context: context)
        if case .rateLimited(let after, _) = error {
            nextSendMs = max(nextSendMs, wallClockMs() + BinanceHeaderValues.milliseconds(after))
        }
        throw error
    }

    /// Waits until the pacing (one request per 1/`requestsPerSecond` s) lets the next one go.
    private func admit() async throws(ExchangeError) {
        let spacing = Int64((1000 / settings.requestsPerSecond).rounded(.up))
        while true {
            let now = wallClockMs()
            if now >= nextSendMs {
                nextSendMs = now + spacing
                return
            }
            try await pause(milliseconds: nextSendMs - now)
        }
    }

    /// `x-ratelimit-remaining` 0 holds every request until `x-ratelimit-reset` (epoch seconds).
    private func recordLimits(_ headers: HTTPHeaders) {
        guard let remaining = headers.first(name: "x-ratelimit-remaining").flatMap({ Int($0) }) else { return }
        lastRemaining = remaining
        if remaining <= 0, let reset = headers.first(name: "x-ratelimit-reset").flatMap({ Int64($0) }).flatMap(Self.milliseconds) {
            // At most a minute: a reset time far off (or past `Int64`) is not a wait to honour.
            let untilMs = min(reset.subtractingReportingOverflow(clockOffsetMs).partialValue, wallClockMs() + 60_000)
            nextSendMs = max(nextSendMs, untilMs)
            logger.info("rate-limit window exhausted; holding requests until it resets", metadata: ["reset": "\(reset)"])
        }
    }

    /// `?a=b&c=d`, percent-encoded; empty without parameters.
    static func encode(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+")
        return "?" + query.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    private func pause(milliseconds: Int64) async throws(ExchangeError) {
        do {
            try await clock.sleep(for: .milliseconds(max(0, milliseconds)))
        } catch {
            throw .transport("cancelled while waiting")
        }
    }
}
