import HedgeCore

/// Why the daemon will not start against a venue (Binance, Coinbase): one line an operator can act on.
public enum VenueLaunchError: Error, Sendable, Equatable, CustomStringConvertible {
    case credentials(String)
    case missingCredentials(String)
    case liveNotAllowed(String)
    case unsupportedMode(String)
    case insecureEndpoint(String)

    public var description: String {
        switch self {
        case .credentials(let m), .missingCredentials(let m), .liveNotAllowed(let m), .unsupportedMode(let m), .insecureEndpoint(let m): m
        }
    }
}
