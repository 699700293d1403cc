import Foundation
import HedgeExchange

/// How a `LoopbackVenue` listens and what it demands of its clients. Defaulted except for the key
/// pair, so `LoopbackVenueConfiguration(apiKey:apiSecret:)` is a working venue on an ephemeral
/// port of 127.0.0.1.
public struct LoopbackVenueConfiguration: Sendable {
    /// The address to bind. The venue is meant for this machine only: keep it on loopback.
    public var host: String
    /// The port to bind; 0 picks a free one (read it back with `LoopbackVenue.waitUntilListening()`).
    public var port: Int
    /// The API key clients must send in `X-MBX-APIKEY` (else HTTP 401, -2015).
    public var apiKey: String
    /// Verifies signed requests against the secret (HMAC-SHA256); the secret itself is not kept
    /// where it could be printed.
    public var signer: BinanceSigner
    /// The token `/_loopback/*` control requests must carry in `X-Loopback-Token` (else HTTP 401):
    /// any local process could otherwise arm faults or read the journal. Nil leaves them open
    /// (tests that drive the venue in process).
    public var controlToken: String?
    /// Faults armed from the start (`LoopbackVenue.setFaults(_:)` replaces them at run time).
    public var faults: LoopbackFaults
    /// Request weight allowed per calendar minute of the server's clock; past it, HTTP 429 with
    /// `Retry-After` and -1003. Binance's documented default is 2400.
    public var weightLimitPerMinute: Int
    /// New orders allowed per 10 s and per minute (Binance: 300 and 1200); past them, HTTP 429
    /// and -1015.
    public var orderLimitPer10Seconds: Int
    public var orderLimitPerMinute: Int
    /// Largest WebSocket frame sent or accepted, bytes.
    public var maxFrameSize: Int
    /// A listen key not kept alive for this long is gone (Binance: 60 minutes). Checked when the
    /// key is used; `LoopbackVenue.expireListenKeys()` ends them at once with the event.
    public var listenKeyValidity: Duration
    /// The server's wall clock, epoch milliseconds, before the fault-controlled skew. Tests
    /// inject one they move by hand; `/fapi/v1/time`, recvWindow, rate-limit minutes and bans
    /// all read it.
    public var wallClockMs: @Sendable () -> Int64
    /// Paces the delay faults (`LoopbackFaults.Delay`); `ContinuousClock()` outside tests.
    public var clock: any Clock<Duration>

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        apiKey: String,
        apiSecret: String,
        controlToken: String? = nil,
        faults: LoopbackFaults = .none,
        weightLimitPerMinute: Int = 2400,
        orderLimitPer10Seconds: Int = 300,
        orderLimitPerMinute: Int = 1200,
        maxFrameSize: Int = 1 << 20,
        listenKeyValidity: Duration = .seconds(3600),
        wallClockMs: @escaping @Sendable () -> Int64 = LoopbackVenueConfiguration.systemWallClockMs,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.host = host
        self.port = port
        self.apiKey = apiKey
        signer = BinanceSigner(secret: apiSecret)
        self.controlToken = controlToken
        self.faults = faults
        self.weightLimitPerMinute = weightLimitPerMinute
        self.orderLimitPer10Seconds = orderLimitPer10Seconds
        self.orderLimitPerMinute = orderLimitPerMinute
        self.maxFrameSize = maxFrameSize
        self.listenKeyValidity = listenKeyValidity
        self.wallClockMs = wallClockMs
        self.clock = clock
    }

    /// A venue that checks requests against `credentials` (the daemon's key pair type, read from
    /// the environment or an owner-only file), its other settings as in the memberwise init.
    public init(credentials: BinanceCredentials, port: Int = 0, controlToken: String? = nil, faults: LoopbackFaults = .none,
                weightLimitPerMinute: Int = 2400) {
        self.init(port: port, apiKey: credentials.apiKey, apiSecret: "", controlToken: controlToken, faults: faults,
                  weightLimitPerMinute: weightLimitPerMinute)
        signer = credentials.signer
    }

    /// The system's wall clock, epoch milliseconds.
    @Sendable public static func systemWallClockMs() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}

extension LoopbackVenueConfiguration: CustomStringConvertible {
    /// Never shows the secret (nor the whole key), should a configuration ever be logged.
    public var description: String {
        "LoopbackVenueConfiguration(host: \(host), port: \(port), apiKey: \(BinanceCredentials.masked(apiKey)), apiSecret: <redacted>, "
            + "weightLimitPerMinute: \(weightLimitPerMinute))"
    }
}
