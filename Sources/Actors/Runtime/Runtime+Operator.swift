import Foundation
import HedgeCore
import HedgeExchange
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

    /// Legs where what the router holds and what the venue last reported differ by more than
    /// rounding (`hedge_position_drift`): the venue's positions as the NAV sampler last read them
    /// against the router's round trips. A fill in flight between the two reads shows here for
    /// one sample at most.
    public func positionDrift() async -> [String] {
        var venue: [String: Double] = [:]
        for position in await mesh.nav.positions where position.quantity > 0 {
            venue["\(position.symbol)|\(position.side.rawValue)"] = position.quantity.analyticsDouble
        }
        var held: [String: Double] = [:]
        for leg in await mesh.router.openLegs() { held["\(leg.symbol)|\(leg.leg.rawValue)"] = leg.quantity }
        return Set(venue.keys).union(held.keys).sorted().filter { key in
            let a = venue[key] ?? 0, b = held[key] ?? 0
            return abs(a - b) > 1e-9 * max(1, abs(a), abs(b))
        }
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
