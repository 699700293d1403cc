/// Why a venue call failed, typed so callers can decide: retry, resync the clock, back off, query
/// before re-sending, or give up. Messages never carry a secret.
public enum ExchangeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call timed out or the connection failed: the outcome is unknown (for an order, query
    /// by client order id before sending again).
    case transport(String)
    /// The venue answered 5xx: also an unknown outcome.
    case server(status: Int, message: String)
    /// Too many requests: wait `retryAfterSeconds` (Binance 429), or banned until then (418).
    case rateLimited(retryAfterSeconds: Double, banned: Bool)
    /// The request timestamp was outside the venue's window (Binance -1021): resync the clock.
    case timestampOutsideWindow
    /// Authentication failed (bad key or signature).
    case unauthorized(String)
    /// The venue refused the order (insufficient margin, filter violation, post-only would cross …).
    case orderRejected(code: Int?, reason: String)
    /// A working order already has this client order id.
    case duplicateOrder(clientOrderId: String)
    /// The venue does not know the order (Binance -2011 / -2013).
    case unknownOrder(clientOrderId: String)
    /// The symbol is not traded on this venue.
    case unknownSymbol(String)
    /// The response could not be decoded.
    case malformedResponse(String)
    /// The call is not allowed in this mode (dry-run never sends orders).
    case notAllowed(String)
    /// A trigger order (stop, take-profit) refused because the market is already past its trigger
    /// (Binance -2021): the exit it stood for is due now.
    case triggerAlreadyPassed(String)

    public var description: String {
        switch self {
        case .transport(let m): "transport error: \(m)"
        case .server(let status, let m): "venue error \(status): \(m)"
        case .rateLimited(let after, let banned): banned ? "IP banned for \(after) s (418)" : "rate limited: retry after \(after) s"
        case .timestampOutsideWindow: "timestamp outside recvWindow (-1021)"
        case .unauthorized(let m): "unauthorized: \(m)"
        case .orderRejected(let code, let reason): "order rejected\(code.map { " (\($0))" } ?? ""): \(reason)"
        case .duplicateOrder(let id): "duplicate client order id \(id)"
        case .unknownOrder(let id): "unknown order \(id)"
        case .unknownSymbol(let s): "unknown symbol \(s)"
        case .malformedResponse(let m): "malformed response: \(m)"
        case .notAllowed(let m): "not allowed: \(m)"
        case .triggerAlreadyPassed(let m): "trigger already passed: \(m)"
        }
    }

    /// Whether the outcome of an order call is unknown (the order may exist at the venue).
    public var outcomeUnknown: Bool {
        switch self {
        case .transport, .server: true
        default: false
        }
    }
}

extension ExchangeError {
    /// The code every adapter gives a post-only order the venue refused because it would have
    /// crossed the book (Binance's -5022; Coinbase's `INVALID_LIMIT_PRICE_POST_ONLY` maps to it),
    /// so the router re-prices it whatever the venue.
    public static let postOnlyWouldCrossCode = -5022

    /// Whether this is a post-only order refused for crossing (see `postOnlyWouldCrossCode`).
    public var isPostOnlyRefusal: Bool {
        if case .orderRejected(let code?, _) = self { return code == Self.postOnlyWouldCrossCode }
        return false
    }
}

extension ExchangeError {
    /// Whether the venue refused the credentials (a configuration problem, not an outage).
    public var isUnauthorized: Bool {
        if case .unauthorized = self { return true }
        return false
    }
}
