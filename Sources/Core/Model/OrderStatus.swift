/// The order states of the router contract (Binance names): NEW → PARTIALLY_FILLED → FILLED | CANCELED
/// | REJECTED | EXPIRED. Shared by the simulated venue, the adapters and the order state machine.
public enum OrderStatus: String, Sendable, Hashable, Codable {
    case new = "NEW"
    case partiallyFilled = "PARTIALLY_FILLED"
    case filled = "FILLED"
    case canceled = "CANCELED"
    case rejected = "REJECTED"
    case expired = "EXPIRED"

    public var isTerminal: Bool {
        switch self {
        case .new, .partiallyFilled: false
        case .filled, .canceled, .rejected, .expired: true
        }
    }
}
