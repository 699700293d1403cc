import HedgeCore

/// Where and how the daemon talks to Coinbase in a given mode, decided before anything connects:
/// - `dry-run`: Coinbase's endpoints, read only (credentials optional: without them there is no
///   account or user stream); order endpoints are never called;
/// - `testnet`: Coinbase Advanced Trade has no testnet, so this is the mode for a venue given by
///   `--base-url` (the loopback venue); credentials required;
/// - `live`: Coinbase's endpoints; refused unless `ALLOW_PROD_WRITE=1`, credentials are present
///   and every URL is TLS;
/// - `paper` belongs to the sim venue.
/// `--base-url` replaces the REST endpoint; both streams then default to the same host with
/// `ws(s)://` and paths `/ws` (market) and `/ws/user` (user).
public struct CoinbaseLaunchPlan: Sendable {
    public var restURL: String
    public var marketStreamURL: String
    public var userStreamURL: String
    public var credentials: CoinbaseCredentials?
    public var orderPolicy: CoinbaseAdvancedClient.OrderPolicy

    public init(restURL: String, marketStreamURL: String, userStreamURL: String, credentials: CoinbaseCredentials?,
                orderPolicy: CoinbaseAdvancedClient.OrderPolicy) {
        self.restURL = restURL
        self.marketStreamURL = marketStreamURL
        self.userStreamURL = userStreamURL
        self.credentials = credentials
        self.orderPolicy = orderPolicy
    }

    public static func resolve(mode: RunMode, settings: CoinbaseSettings, environment: [String: String], keyFile: String? = nil,
                               baseURL: String? = nil) throws(VenueLaunchError) -> CoinbaseLaunchPlan {
        let credentials: CoinbaseCredentials?
        do {
            credentials = try CoinbaseCredentials.load(environment: environment, keyFile: keyFile ?? settings.keyFile)
        } catch {
            throw .credentials(error.description)
        }
        var rest = settings.restURL, market = settings.marketStreamURL, user = settings.userStreamURL
        if let baseURL {
            let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            rest = base
            market = BinanceLaunchPlan.streamURL(forREST: base) + "/ws"
            user = BinanceLaunchPlan.streamURL(forREST: base) + "/ws/user"
        }
        let missing = "\(CoinbaseCredentials.apiKeyVariable) and \(CoinbaseCredentials.apiSecretVariable) are not set (environment or coinbase.key_file)"
        switch mode {
        case .paper:
            throw .unsupportedMode("paper mode fills on the sim venue; use --venue sim, or dry-run/testnet/live with coinbase")
        case .dryRun:
            return CoinbaseLaunchPlan(restURL: rest, marketStreamURL: market, userStreamURL: user, credentials: credentials, orderPolicy: .dryRun)
        case .testnet:
            guard baseURL != nil else {
                throw .unsupportedMode("Coinbase Advanced Trade has no testnet: testnet mode runs against --base-url (the loopback venue, hedge venue-server --venue coinbase)")
            }
            guard let credentials else { throw .missingCredentials("testnet mode needs a key: \(missing)") }
            return CoinbaseLaunchPlan(restURL: rest, marketStreamURL: market, userStreamURL: user, credentials: credentials, orderPolicy: .send)
        case .live:
            guard environment[BinanceLaunchPlan.allowProdWriteVariable] == "1" else {
                throw .liveNotAllowed("live mode refused: set ALLOW_PROD_WRITE=1 to let Hedge send real orders")
            }
            guard let credentials else { throw .missingCredentials("live mode refused: \(missing)") }
            for (name, url, scheme) in [("REST", rest, "https://"), ("market stream", market, "wss://"), ("user stream", user, "wss://")]
            where !url.lowercased().hasPrefix(scheme) {
                throw .insecureEndpoint("live mode refused: the \(name) URL \(url) is not \(scheme) (plain http:// and ws:// are for the loopback venue only)")
            }
            return CoinbaseLaunchPlan(restURL: rest, marketStreamURL: market, userStreamURL: user, credentials: credentials, orderPolicy: .send)
        }
    }
}
