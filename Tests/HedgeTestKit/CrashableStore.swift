import HedgeCore
import HedgeStore
import Synchronization

/// A store in front of another that a test can cut off at an instant, as a `kill -9` does: from
/// `crash()` on, every call fails and writes nothing, so what reached the store before stays and
/// what the daemon had queued is lost.
public final class CrashableStore: TradingStore {
    public let base: any TradingStore
    // Mutex: the daemon's actors call the store while the test crashes it.
    private let crashed = Mutex(false)

    public init(_ base: any TradingStore) { self.base = base }

    public var location: String { base.location }

    /// Everything after this fails.
    public func crash() { crashed.withLock { $0 = true } }

    private func alive() throws(StoreError) {
        if crashed.withLock({ $0 }) { throw .failed(path: location, operation: "any", reason: "the process was killed") }
    }

    public nonisolated(nonsending) func startRun(_ run: StoredRun) async throws(StoreError) {
        try alive()
        try await base.startRun(run)
    }

    public nonisolated(nonsending) func latestRunStartMs() async throws(StoreError) -> Int64? {
        try alive()
        return try await base.latestRunStartMs()
    }

    public nonisolated(nonsending) func finishRun(runId: String, endedAtMs: Int64, exitStatus: String, exitCode: Int) async throws(StoreError) {
        try alive()
        try await base.finishRun(runId: runId, endedAtMs: endedAtMs, exitStatus: exitStatus, exitCode: exitCode)
    }

    public nonisolated(nonsending) func apply(_ writes: [StoreWrite]) async throws(StoreError) -> [String] {
        try alive()
        return try await base.apply(writes)
    }

    public nonisolated(nonsending) func recordKillSwitch(_ change: KillSwitchChange) async throws(StoreError) {
        try alive()
        try await base.recordKillSwitch(change)
    }

    public nonisolated(nonsending) func resetRiskState(atMs: Int64, reason: String) async throws(StoreError) {
        try alive()
        try await base.resetRiskState(atMs: atMs, reason: reason)
    }

    public nonisolated(nonsending) func loadSnapshot(closedTradeLimit: Int, metricsLimit: Int, navLimit: Int) async throws(StoreError) -> StoreSnapshot {
        try alive()
        return try await base.loadSnapshot(closedTradeLimit: closedTradeLimit, metricsLimit: metricsLimit, navLimit: navLimit)
    }

    public nonisolated(nonsending) func order(clientOrderId: String) async throws(StoreError) -> StoredOrder? {
        try alive()
        return try await base.order(clientOrderId: clientOrderId)
    }

    public nonisolated(nonsending) func hasFill(symbol: String, tradeId: String) async throws(StoreError) -> Bool {
        try alive()
        return try await base.hasFill(symbol: symbol, tradeId: tradeId)
    }

    public nonisolated(nonsending) func killSwitch() async throws(StoreError) -> KillSwitchChange? {
        try alive()
        return try await base.killSwitch()
    }

    public nonisolated(nonsending) func runs(_ filter: AuditFilter) async throws(StoreError) -> [StoredRun] {
        try alive()
        return try await base.runs(filter)
    }

    public nonisolated(nonsending) func orders(_ filter: AuditFilter) async throws(StoreError) -> [StoredOrder] {
        try alive()
        return try await base.orders(filter)
    }

    public nonisolated(nonsending) func fills(_ filter: AuditFilter) async throws(StoreError) -> [StoredFill] {
        try alive()
        return try await base.fills(filter)
    }

    public nonisolated(nonsending) func decisions(_ filter: AuditFilter) async throws(StoreError) -> [StoredDecision] {
        try alive()
        return try await base.decisions(filter)
    }

    public nonisolated(nonsending) func orderEvents(clientOrderId: String) async throws(StoreError) -> [StoredOrderEvent] {
        try alive()
        return try await base.orderEvents(clientOrderId: clientOrderId)
    }

    public nonisolated(nonsending) func navSamples(_ filter: AuditFilter) async throws(StoreError) -> [NavSample] {
        try alive()
        return try await base.navSamples(filter)
    }

    public nonisolated(nonsending) func killSwitchChanges(_ filter: AuditFilter) async throws(StoreError) -> [KillSwitchChange] {
        try alive()
        return try await base.killSwitchChanges(filter)
    }
}
