import HedgeCore

/// What a daemon loads from the store before it trades: the state a restart must not forget.
public struct StoreSnapshot: Sendable {
    /// Orders not yet in a terminal state, oldest first: reconciliation resumes them.
    public var unfinishedOrders: [StoredOrder]
    /// The fills recorded for each unfinished order, by client order id: what a resumed order
    /// has been filled by (its cumulative is rebuilt from them, not from its last progress row,
    /// which a kill may have cut off from its fills either way).
    public var unfinishedOrderFills: [String: [StoredFill]]
    /// The risk counters as last saved, and when; nil on a fresh store.
    public var riskCounters: (counters: RiskCounters, savedAtMs: Int64)?
    /// Open round-trip legs (what the router needs to size a close and to report its trade).
    public var openLegs: [RoundTripTracker.LegState]
    /// Every closed trade, oldest first: the intel ledger.
    public var closedTrades: [ClosedTrade]
    /// The latest order metrics rows, oldest first: router health.
    public var orderMetrics: [OrderMetricsRecord]
    /// The kill switch as last changed; nil when it never was.
    public var killSwitch: KillSwitchChange?
    /// The time of the latest fill recorded, epoch ms: where recovering missed fills starts.
    public var latestFillMs: Int64?
    /// Recent NAV samples, oldest first (the NAV curve).
    public var navHistory: [NavSample]

    public init(unfinishedOrders: [StoredOrder] = [], unfinishedOrderFills: [String: [StoredFill]] = [:], riskCounters: (counters: RiskCounters, savedAtMs: Int64)? = nil,
                openLegs: [RoundTripTracker.LegState] = [], closedTrades: [ClosedTrade] = [], orderMetrics: [OrderMetricsRecord] = [],
                killSwitch: KillSwitchChange? = nil, latestFillMs: Int64? = nil, navHistory: [NavSample] = []) {
        self.unfinishedOrders = unfinishedOrders
        self.unfinishedOrderFills = unfinishedOrderFills
        self.riskCounters = riskCounters
        self.openLegs = openLegs
        self.closedTrades = closedTrades
        self.orderMetrics = orderMetrics
        self.killSwitch = killSwitch
        self.latestFillMs = latestFillMs
        self.navHistory = navHistory
    }
}
