import HedgeCore

/// What reconciliation with the venue found and did: `v6_runtime_probe.json` `reconciliation`.
public struct ReconciliationReport: Sendable, Hashable, Codable {
    /// When the last pass ran, ISO 8601 UTC.
    public var at: String?
    /// `pending` (not yet run or not yet complete), `done`, or `failed: <why>` (retried).
    public var status: String
    /// Orders of earlier runs the venue still had, followed again.
    public var adopted: [String]
    /// Orders of earlier runs the venue never received (closed here, never re-sent).
    public var neverReached: [String]
    /// Orders this daemon did not send that it canceled (`unknown_orders: cancel`).
    public var canceled: [String]
    /// Orders this daemon did not send, still open at the venue, as `SYMBOL clientOrderId`.
    public var unknown: [String]
    /// Symbols halted for entries because of them (`unknown_orders: halt`).
    public var halted: [String]
    /// Every leg held after reconciliation (the venue's), as `SYMBOL LEG quantity`, marked
    /// ` (adopted)` where the daemon's record differed and was set to the venue's.
    public var positions: [String]
    /// Fills that happened while the daemon was down, now recorded.
    public var fillsRecovered: Int
    /// Orders the venue has under one of our ids that differ from the store (never adopted).
    public var mismatched: [String]
    /// Passes run so far.
    public var passes: Int

    public static let pending = ReconciliationReport(at: nil, status: "pending", adopted: [], neverReached: [], canceled: [], unknown: [],
                                                     halted: [], positions: [], fillsRecovered: 0, mismatched: [], passes: 0)

    /// The report of a daemon without a store: nothing to reconcile.
    public static let notApplicable = ReconciliationReport(at: nil, status: "not applicable (no store)", adopted: [], neverReached: [],
                                                           canceled: [], unknown: [], halted: [], positions: [], fillsRecovered: 0,
                                                           mismatched: [], passes: 0)

    enum CodingKeys: String, CodingKey {
        case at, status, adopted, canceled, unknown, halted, positions, mismatched, passes
        case neverReached = "never_reached"
        case fillsRecovered = "fills_recovered"
    }
}
