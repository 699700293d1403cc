/// Every order the loopback venue created, for the soak to check exactly-once placement: a
/// client order id with two venue orders is a duplicate the client caused (it re-sent a POST
/// whose outcome it did not know instead of querying first).
///
/// Read it with `LoopbackVenue.journal()` or `GET /_loopback/journal`.
public struct LoopbackJournal: Sendable, Hashable, Codable {
    /// One order the venue created.
    public struct Entry: Sendable, Hashable, Codable {
        public var orderId: Int64
        public var clientOrderId: String
        public var symbol: String
        /// Server time (wall clock + skew) when it was created, epoch ms.
        public var createdAtMs: Int64
        /// Whether its response was deliberately lost (`LoopbackFaults.LostResponse`) or failed
        /// with a 5xx after processing.
        public var responseLost: Bool
    }

    /// In creation order.
    public private(set) var entries: [Entry] = []
    /// How many venue orders each client order id produced.
    public private(set) var ordersByClientOrderId: [String: Int] = [:]
    /// Order requests refused (rejections, duplicates among working orders), by Binance code.
    public private(set) var rejectionsByCode: [Int: Int] = [:]

    public init() {}

    /// Client order ids that produced more than one venue order, sorted.
    public var duplicatedClientOrderIds: [String] {
        ordersByClientOrderId.filter { $0.value > 1 }.keys.sorted()
    }

    mutating func record(_ entry: Entry) {
        entries.append(entry)
        ordersByClientOrderId[entry.clientOrderId, default: 0] += 1
    }

    mutating func markResponseLost(orderId: Int64) {
        guard let index = entries.lastIndex(where: { $0.orderId == orderId }) else { return }
        entries[index].responseLost = true
    }

    mutating func recordRejection(code: Int) {
        rejectionsByCode[code, default: 0] += 1
    }
}
