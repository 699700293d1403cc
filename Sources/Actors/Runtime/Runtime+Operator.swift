import Foundation
import HedgeCore
import HedgeStore
import Logging

extension Runtime {
    /// Why the daemon is not ready to trade, one line per reason; empty when it is: NAV fresh,
    /// market and user streams subscribed, reconciliation done, every periodic job (and so every
    /// state file) within twice its interval, state-file writes succeeding. `GET /readyz`.
    public func notReadyReasons() async -> [String] {
        var reasons: [String] = []
        if !marketSubscribed.isOpen { reasons.append("market stream not subscribed") }
        if !userSubscribed.isOpen { reasons.append("user stream not subscribed") }
        if !reconciled.isOpen { reasons.append("reconciliation with the venue not done") }
        let risk = await mesh.risk.snapshotPayload(symbol: nil)
        if !risk.navFresh { reasons.append("NAV stale or unknown") }
        reasons += await mesh.jobs.late(nowMonotonicMs: time.monotonicMs())
        let telemetry = await mesh.telemetry.probe()
        if !telemetry.failing.isEmpty { reasons.append("state file writes failing: \(telemetry.failing.joined(separator: ", "))") }
        return reasons
    }

    /// Telemetry messages dropped since start (a full queue).
    public func telemetryDropped() async -> Int {
        await mesh.telemetry.probe().dropped
    }

    /// Engages or releases the operator's kill switch now: recorded in the store (where there is
    /// one, as `hedge kill` records it, with `source`) and applied to risk at once; the kill-switch
    /// job keeps reading the store as before. Throws when the store cannot record it (then
    /// nothing changed).
    public func setKillSwitch(engaged: Bool, reason: String, source: String) async throws {
        if let store = persistence?.store {
            try await store.recordKillSwitch(KillSwitchChange(timeMs: time.nowMs(), engaged: engaged, reason: reason, source: source))
        }
        let file = FileManager.default.fileExists(atPath: config.riskLimits.global.killSwitchFile)
        await mesh.risk.setKillSwitch(operator: engaged, file: file)
        logger.notice(engaged ? "kill switch engaged by the operator API" : "kill switch released by the operator API",
                      metadata: ["reason": "\(reason)", "source": "\(source)"])
    }
}
