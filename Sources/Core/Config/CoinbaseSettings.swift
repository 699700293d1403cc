/// Coinbase Advanced Trade settings from the `coinbase:` section of `runtime.yaml`. Every key has
/// a default, so the section may be left out. Base URLs have no path: `https://host[:port]` for
/// REST (the `/api/v3/brokerage` prefix is the adapter's), `wss://host[:port]` for the market and
/// user streams (Coinbase serves them on two hosts).
public struct CoinbaseSettings: Sendable, Hashable {
    public var restURL: String
    public var marketStreamURL: String
    public var userStreamURL: String
    /// The CDP key file (`{"name": …, "privateKey": …}`), used when `COINBASE_API_KEY` /
    /// `COINBASE_API_SECRET` are not set; it must not be readable by group or others.
    public var keyFile: String?
    /// Whole-request timeout for REST calls.
    public var requestTimeout: Duration
    /// TCP/TLS connect timeout.
    public var connectTimeout: Duration
    /// Requests per second the client sends at most (Coinbase allows 30/s on private endpoints,
    /// 10/s on public ones; the client stays under the lower).
    public var requestsPerSecond: Double
    /// Reconnect backoff: first delay and cap (exponential, with jitter).
    public var reconnectInitialDelay: Duration
    public var reconnectMaxDelay: Duration
    /// A stream that sends nothing (not even a heartbeat) for this long is reconnected.
    public var streamSilenceLimit: Duration
    /// Largest WebSocket frame accepted, bytes (level2 snapshots are large).
    public var maxFrameBytes: Int

    public init(restURL: String, marketStreamURL: String, userStreamURL: String, keyFile: String?,
                requestTimeout: Duration, connectTimeout: Duration, requestsPerSecond: Double,
                reconnectInitialDelay: Duration, reconnectMaxDelay: Duration, streamSilenceLimit: Duration, maxFrameBytes: Int) {
        self.restURL = restURL
        self.marketStreamURL = marketStreamURL
        self.userStreamURL = userStreamURL
        self.keyFile = keyFile
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.requestsPerSecond = requestsPerSecond
        self.reconnectInitialDelay = reconnectInitialDelay
        self.reconnectMaxDelay = reconnectMaxDelay
        self.streamSilenceLimit = streamSilenceLimit
        self.maxFrameBytes = maxFrameBytes
    }

    public static let defaults = CoinbaseSettings(
        restURL: "https://api.coinbase.com", marketStreamURL: "wss://advanced-trade-ws.coinbase.com",
        userStreamURL: "wss://advanced-trade-ws-user.coinbase.com", keyFile: nil,
        requestTimeout: .seconds(10), connectTimeout: .seconds(5), requestsPerSecond: 8,
        reconnectInitialDelay: .milliseconds(500), reconnectMaxDelay: .seconds(30), streamSilenceLimit: .seconds(30),
        maxFrameBytes: 1 << 22)

    mutating func read(_ section: inout ConfigObjectReader, problems: inout ConfigProblems) {
        for (key, path) in [("rest_url", \CoinbaseSettings.restURL), ("market_stream_url", \.marketStreamURL),
                            ("user_stream_url", \.userStreamURL)] {
            if let url = section.string(key, required: false, problems: &problems) { self[keyPath: path] = url }
        }
        if let file = section.string("key_file", required: false, problems: &problems) { keyFile = file }
        let durations: [(String, WritableKeyPath<CoinbaseSettings, Duration>)] = [
            ("request_timeout_s", \.requestTimeout), ("connect_timeout_s", \.connectTimeout),
            ("reconnect_initial_delay_s", \.reconnectInitialDelay), ("reconnect_max_delay_s", \.reconnectMaxDelay),
            ("stream_silence_limit_s", \.streamSilenceLimit),
        ]
        for (key, path) in durations {
            if let seconds = section.number(key, .seconds, required: false, problems: &problems) {
                self[keyPath: path] = .milliseconds(Int64((seconds * 1000).rounded()))
            }
        }
        if let rate = section.number("requests_per_second", .closed(0.5, 30), required: false, problems: &problems) {
            requestsPerSecond = rate
        }
        if let bytes = section.integer("max_frame_bytes", .atLeast(16_384), required: false, problems: &problems) {
            maxFrameBytes = bytes
        }
    }
}
