/// The Advanced Trade endpoints the Coinbase loopback serves (paths below `/api/v3/brokerage`).
enum CoinbaseLoopbackRoute: Sendable, Hashable {
    case time
    case products(isPublic: Bool)
    case product(id: String, isPublic: Bool)
    case candles(id: String, isPublic: Bool)
    case productBook(isPublic: Bool)
    case bestBidAsk
    case accounts
    case account(uuid: String)
    case createOrder
    case previewOrder
    case listOrders
    case listFills
    case getOrder(id: String)
    case batchCancel

    init?(method: String, path: String) {
        let parts = path.split(separator: "/").map(String.init)
        var isPublic = false
        var rest = parts[...]
        if rest.first == "market" {
            isPublic = true
            rest = rest.dropFirst()
        }
        let found: CoinbaseLoopbackRoute? = switch (method, Array(rest)) {
        case ("GET", ["time"]) where !isPublic: .time
        case ("GET", ["products"]): .products(isPublic: isPublic)
        case ("GET", let p) where p.count == 2 && p[0] == "products": .product(id: p[1], isPublic: isPublic)
        case ("GET", let p) where p.count == 3 && p[0] == "products" && p[2] == "candles": .candles(id: p[1], isPublic: isPublic)
        case ("GET", ["product_book"]): .productBook(isPublic: isPublic)
        case ("GET", ["best_bid_ask"]) where !isPublic: .bestBidAsk
        case ("GET", ["accounts"]) where !isPublic: .accounts
        case ("GET", let p) where p.count == 2 && p[0] == "accounts" && !isPublic: .account(uuid: p[1])
        case ("POST", ["orders"]) where !isPublic: .createOrder
        case ("POST", ["orders", "preview"]) where !isPublic: .previewOrder
        case ("POST", ["orders", "batch_cancel"]) where !isPublic: .batchCancel
        case ("GET", ["orders", "historical", "batch"]) where !isPublic: .listOrders
        case ("GET", ["orders", "historical", "fills"]) where !isPublic: .listFills
        case ("GET", let p) where p.count == 3 && p[0] == "orders" && p[1] == "historical" && !isPublic: .getOrder(id: p[2])
        default: nil
        }
        guard let found else { return nil }
        self = found
    }

    /// Whether the request must carry a valid JWT (`/time` and `/market/…` are public).
    var isPrivate: Bool {
        switch self {
        case .time: false
        case .products(let isPublic), .product(_, let isPublic), .candles(_, let isPublic), .productBook(let isPublic): !isPublic
        default: true
        }
    }
}
