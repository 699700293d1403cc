import HedgeCore

/// The daemon's durable memory: runs, decisions, orders and their events, fills, NAV samples,
/// risk counters, kill-switch changes, closed trades and router metrics. What survives a
/// restart at any instant, kill -9 included.
///
/// One seam, two backends in view: `SQLiteTradingStore` (GRDB, one file per daemon, the
/// default) and PostgreSQL for fleets sharing one database (the SQL is kept portable for it).
/// Every requirement runs on the caller's executor (`nonisolated(nonsending)`).
///
/// Every write here is write-behind (`apply(_:)`, batched by the caller off the order path). An
/// order's row is made durable before its venue call by the daemon's order journal (an
/// append-only file, one `write(2)` per order), whose lines are applied here as `.order` rows
/// right after and replayed into the store at the next start: a database commit costs tens of
/// microseconds and milliseconds at a checkpoint, which the order path must not pay.
public protocol TradingStore: Sendable {
    /// Where the store lives (a file path, a connection name), for messages.
    var location: String { get }

    /// Records a run's start. Throws `duplicateRunId` when the id is taken.
    nonisolated(nonsending) func startRun(_ run: StoredRun) async throws(StoreError)
    /// When the latest recorded run started, epoch ms: a new run starts later, whatever the
    /// wall clock says (a clock stepped back must not reuse a run id).
    nonisolated(nonsending) func latestRunStartMs() async throws(StoreError) -> Int64?
    /// Records how a run ended.
    nonisolated(nonsending) func finishRun(runId: String, endedAtMs: Int64, exitStatus: String, exitCode: Int) async throws(StoreError)

    /// Write-behind: applies `writes` in one transaction, in order. An order or a fill already
    /// recorded (the same client order id, the same trade id) is skipped: replaying the order
    /// journal or a resync's trades records nothing twice. A record the backend refuses is left out and described in
    /// the result; the others commit.
    nonisolated(nonsending) func apply(_ writes: [StoreWrite]) async throws(StoreError) -> [String]

    /// Records a kill-switch change.
    nonisolated(nonsending) func recordKillSwitch(_ change: KillSwitchChange) async throws(StoreError)

    /// Records an operator's reset of the risk state (`hedge run --reset-risk-state`): the saved
    /// counters are dropped and the reset is kept with its time and reason.
    nonisolated(nonsending) func resetRiskState(atMs: Int64, reason: String) async throws(StoreError)

    /// Everything a starting daemon needs. Throws `unreadable` when a saved value cannot be read
    /// back (the risk state above all: a start must not trade on counters it could not read).
    nonisolated(nonsending) func loadSnapshot(closedTradeLimit: Int, metricsLimit: Int, navLimit: Int) async throws(StoreError) -> StoreSnapshot

    /// The order recorded under `clientOrderId`, if any.
    nonisolated(nonsending) func order(clientOrderId: String) async throws(StoreError) -> StoredOrder?

    /// Whether a fill with this trade id of `symbol` is recorded.
    nonisolated(nonsending) func hasFill(symbol: String, tradeId: String) async throws(StoreError) -> Bool

    /// The kill switch as last changed.
    nonisolated(nonsending) func killSwitch() async throws(StoreError) -> KillSwitchChange?

    /// Audit reads, most recent last.
    nonisolated(nonsending) func runs(_ filter: AuditFilter) async throws(StoreError) -> [StoredRun]
    nonisolated(nonsending) func orders(_ filter: AuditFilter) async throws(StoreError) -> [StoredOrder]
    nonisolated(nonsending) func fills(_ filter: AuditFilter) async throws(StoreError) -> [StoredFill]
    nonisolated(nonsending) func decisions(_ filter: AuditFilter) async throws(StoreError) -> [StoredDecision]
    nonisolated(nonsending) func orderEvents(clientOrderId: String) async throws(StoreError) -> [StoredOrderEvent]
    nonisolated(nonsending) func navSamples(_ filter: AuditFilter) async throws(StoreError) -> [NavSample]
    nonisolated(nonsending) func killSwitchChanges(_ filter: AuditFilter) async throws(StoreError) -> [KillSwitchChange]
}
