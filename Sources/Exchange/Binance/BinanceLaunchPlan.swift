import HedgeCore

/// Where and how the daemon talks to Binance in a given mode, decided before anything connects:
/// - `dry-run`: live endpoints for market data (credentials optional, for account data); order
///   endpoints are never called;
/// - `testnet`: testnet endpoints; credentials required;
/// - `live`: live endpoints; refused unless `ALLOW_PROD_WRITE=1` and credentials are present;
/// - `paper` belongs to the sim venue.
/// `--base-url` replaces the REST endpoint (the loopback venue, say); its stream endpoint is the
/// same host with `ws(s)://` unless given too.
public struct BinanceLaunchPlan: Sendable {
    public var restURL: String
    public var streamURL: String
    public var credentials: BinanceCredentials?
    public var orderPolicy: BinanceUSDMClient.OrderPolicy

    public init(restURL: String, streamURL: String, credentials: BinanceCredentials?, orderPolicy: BinanceUSDMClient.OrderPolicy) {
        self.restURL = restURL
        self.streamURL = streamURL
        self.credentials = credentials
        self.orderPolicy = orderPolicy
    }

    public static let allowProdWriteVariable = "ALLOW_PROD_WRITE"

    public static func resolve(mode: RunMode, settings: BinanceSettings, environment: [String: String],
                               baseURL: String? = nil, streamURL: String? = nil) throws(VenueLaunchError) -> BinanceLaunchPlan {
        let credentials: BinanceCredentials?
        do {
            credentials = try BinanceCredentials.load(environment: environment, secretsFile: settings.secretsFile)
        } catch {
            throw .credentials(error.description)
        }
        var endpoints = settings.endpoints(for: mode)
        if let baseURL {
            endpoints.rest = baseURL
            endpoints.stream = streamURL ?? Self.streamURL(forREST: baseURL)
        } else if let streamURL {
            endpoints.stream = streamURL
        }
        switch mode {
        case .paper:
            throw .unsupportedMode("paper mode fills on the sim venue; use --venue sim, or dry-run/testnet/live with binance")
        case .dryRun:
            return BinanceLaunchPlan(restURL: endpoints.rest, streamURL: endpoints.stream, credentials: credentials, orderPolicy: .dryRun)
        case .testnet:
            guard let credentials else {
                throw .missingCredentials("testnet mode needs BINANCE_API_KEY and BINANCE_API_SECRET (environment or binance.secrets_file)")
            }
            return BinanceLaunchPlan(restURL: endpoints.rest, streamURL: endpoints.stream, credentials: credentials, orderPolicy: .send)
        case .live:
            guard environment[allowProdWriteVariable] == "1" else {
                throw .liveNotAllowed("live mode refused: set ALLOW_PROD_WRITE=1 to let Hedge send real orders")
            }
            guard let credentials else {
                throw .missingCredentials("live mode refused: BINANCE_API_KEY and BINANCE_API_SECRET are not set (environment or binance.secrets_file)")
            }
            // Real money goes over TLS only: a plain URL would send the key and every order in clear.
            for (name, url, scheme) in [("REST", endpoints.rest, "https://"), ("stream", endpoints.stream, "wss://")]
            where !url.lowercased().hasPrefix(scheme) {
                throw .insecureEndpoint("live mode refused: the \(name) URL \(url) is not \(scheme) (plain http:// and ws:// are for the loopback venue and testnet only)")
            }
            return BinanceLaunchPlan(restURL: endpoints.rest, streamURL: endpoints.stream, credentials: credentials, orderPolicy: .send)
        }
    }

    /// `http://h:p` → `ws://h:p`, `https://h` → `wss://h`.
    public static func streamURL(forREST url: String) -> String {
        if url.hasPrefix("https://") { return "wss://" + url.dropFirst("https://".count) }
        if url.hasPrefix("http://") { return "ws://" + url.dropFirst("http://".count) }
        return url
    }
}

