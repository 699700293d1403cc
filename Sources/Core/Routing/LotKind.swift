/// Which quantity filter an order is sized by: limit orders follow `LOT_SIZE`, market orders
/// follow `MARKET_LOT_SIZE` (or `LOT_SIZE` when a symbol has none).
public enum LotKind: String, Sendable, Hashable, Codable, CaseIterable {
    case limit
    case market
}
