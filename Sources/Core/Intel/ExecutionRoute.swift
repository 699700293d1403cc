/// How an order was (or would be) executed first: resting as maker or taking as taker.
public enum ExecutionRoute: String, Sendable, Hashable, Codable, CaseIterable {
    case maker
    case taker
}
