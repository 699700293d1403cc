/// Binance USD-M settings from the `binance:` section of `runtime.yaml`. Every key has a default,
/// so the section may be left out. Endpoints are base URLs without a path (`https://host[:port]`
/// for REST, `wss://host[:port]` for streams); `testnet` and `live` modes pick their pair.
public struct BinanceSettings: Sendable, Hashable {
    public var liveRestURL: String
    public var liveStreamURL: String
    public var testnetRestURL: String
    public var testnetStreamURL: String
    /// `recvWindow` sent with every signed request, ms (Binance allows at most 60 000).
    public var recvWindowMs: Int
    /// Whole-request timeout for REST calls (head and body).
    public var requestTimeout: Duration
    /// TCP/TLS connect timeout.
    public var connectTimeout: Duration
    /// A file with `BINANCE_API_KEY=…` and `BINANCE_API_SECRET=…` lines, used when the environment
    /// has neither; it must not be readable by group or others.
    public var secretsFile: String?
    /// Fraction of each rate limit (request weight per minute, orders per 10 s and per minute)
    /// the client uses before it waits for the window to roll.
    public var rateLimitBudget: Double
    /// How often the user stream's listenKey is kept alive (Binance expires it after 60 min).
    public var listenKeyKeepAlive: Duration
    /// Streams are reconnected proactively after this long (Binance closes them at 24 h).
    public var streamRollover: Duration
    /// Reconnect backoff: first delay and cap (exponential, with full jitter).
    public var reconnectInitialDelay: Duration
    public var reconnectMaxDelay: Duration
    /// Largest WebSocket frame accepted, bytes (account updates and depth exceed the 16 KiB default).
    public var maxFrameBytes: Int

    public init(liveRestURL: String, liveStreamURL: String, testnetRestURL: String, testnetStreamURL: String,
                recvWindowMs: Int, requestTimeout: Duration, connectTimeout: Duration, secretsFile: String?,
                rateLimitBudget: Double, listenKeyKeepAlive: Duration, streamRollover: Duration,
                reconnectInitialDelay: Duration, reconnectMaxDelay: Duration, maxFrameBytes: Int) {
        self.liveRestURL = liveRestURL
        self.liveStreamURL = liveStreamURL
        self.testnetRestURL = testnetRestURL
        self.testnetStreamURL = testnetStreamURL
        self.recvWindowMs = recvWindowMs
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.secretsFile = secretsFile
        self.rateLimitBudget = rateLimitBudget
        self.listenKeyKeepAlive = listenKeyKeepAlive
        self.streamRollover = streamRollover
        self.reconnectInitialDelay = reconnectInitialDelay
        self.reconnectMaxDelay = reconnectMaxDelay
        self.maxFrameBytes = maxFrameBytes
    }

    public static let defaults = BinanceSettings(
        liveRestURL: "https://fapi.binance.com", liveStreamURL: "wss://fstream.binance.com",
        testnetRestURL: "https://testnet.binancefuture.com", testnetStreamURL: "wss://fstream.binancefuture.com",
        recvWindowMs: 5000, requestTimeout: .seconds(10), connectTimeout: .seconds(5), secretsFile: nil,
        rateLimitBudget: 0.8, listenKeyKeepAlive: .seconds(30 * 60), streamRollover: .seconds(23 * 3600),
        reconnectInitialDelay: .milliseconds(500), reconnectMaxDelay: .seconds(30), maxFrameBytes: 1 << 22)

    /// The REST and stream base URLs of `mode` (testnet, or live for every other mode).
    public func endpoints(for mode: RunMode) -> (rest: String, stream: String) {
        mode == .testnet ? (testnetRestURL, testnetStreamURL) : (liveRestURL, liveStreamURL)
    }

    mutating func read(_ section: inout ConfigObjectReader, problems: inout ConfigProblems) {
        for (key, path) in [("live_rest_url", \BinanceSettings.liveRestURL), ("live_stream_url", \.liveStreamURL),
                            ("testnet_rest_url", \.testnetRestURL), ("testnet_stream_url", \.testnetStreamURL)] {
            if let url = section.string(key, required: false, problems: &problems) { self[keyPath: path] = url }
        }
        if let window = section.integer("recv_window_ms", .closed(1, 60_000), required: false, problems: &problems) {
            recvWindowMs = window
        }
        let durations: [(String, WritableKeyPath<BinanceSettings, Duration>)] = [
            ("request_timeout_s", \.requestTimeout), ("connect_timeout_s", \.connectTimeout),
            ("listen_key_keepalive_s", \.listenKeyKeepAlive), ("stream_rollover_s", \.streamRollover),
            ("reconnect_initial_delay_s", \.reconnectInitialDelay), ("reconnect_max_delay_s", \.reconnectMaxDelay),
        ]
        for (key, path) in durations {
            if let seconds = section.number(key, .seconds, required: false, problems: &problems) {
                self[keyPath: path] = .milliseconds(Int64((seconds * 1000).rounded()))
            }
        }
        if let file = section.string("secrets_file", required: false, problems: &problems) { secretsFile = file }
        if let budget = section.number("rate_limit_budget", .closed(0.05, 1), required: false, problems: &problems) {
            rateLimitBudget = budget
        }
        if let bytes = section.integer("max_frame_bytes", .atLeast(16_384), required: false, problems: &problems) {
            maxFrameBytes = bytes
        }
    }
}
