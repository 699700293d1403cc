/// One event of an order's life (`SUBMIT`, `ACK`, `FILL`, `CLOSE`, `QUERY`, `RESEND`, `CANCEL`,
/// `ADOPT`, …) with the status it left the order in: the order's history for `hedge audit`.
public struct StoredOrderEvent: Sendable, Hashable {
    public var clientOrderId: String
    public var kind: String
    public var status: String
    public var timeMs: Int64
    public var detail: String?

    public init(clientOrderId: String, kind: String, status: String, timeMs: Int64, detail: String? = nil) {
        self.clientOrderId = clientOrderId
        self.kind = kind
        self.status = status
        self.timeMs = timeMs
        self.detail = detail
    }
}
