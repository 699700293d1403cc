/// Client order ids that are unique forever: `hm-<run>-<seq>`, where `<run>` is the run's id
/// (base 36 of its start in ms, unique per store: a run never starts before the previous one)
/// and `<seq>` counts the run's orders in base 36. The `hm-` prefix is how the daemon knows its
/// own orders at the venue. Always within Binance's `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
public struct ClientOrderIdSequence: Sendable {
    /// What every id of this daemon starts with.
    public static let prefix = "hm-"

    public let runId: String
    private var issued = 0

    public init(runId: String) {
        self.runId = runId
    }

    /// The run id for a run starting at `startMs` (base 36, lowercase: 8 characters until 2059).
    public static func runId(startMs: Int64) -> String {
        String(max(0, startMs), radix: 36)
    }

    /// The next id.
    public mutating func next() -> String {
        issued += 1
        return Self.prefix + runId + "-" + String(issued, radix: 36)
    }

    /// How many ids were issued.
    public var count: Int { issued }

    /// Whether `clientOrderId` is one this daemon makes (of any run).
    public static func isOurs(_ clientOrderId: String) -> Bool {
        clientOrderId.hasPrefix(prefix)
    }

    /// The run id inside one of our client order ids; nil for others.
    public static func runId(of clientOrderId: String) -> String? {
        guard isOurs(clientOrderId) else { return nil }
        let rest = clientOrderId.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-") else { return nil }
        return String(rest[..<dash])
    }
}
