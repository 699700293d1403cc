import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeTestKit
import Logging
import Testing

@Suite("Intel: the expectancy gate, live as in the backtest")
struct ExpectancyGateLiveTests {
    /// Twenty losing round trips of BTCUSDT closed in the 03:00 UTC hour, in chop: one bucket out of warm-up, mean < 0.
    static let losing = (0..<20).map { index in
        ClosedTrade(symbol: "BTCUSDT", side: .long, entryTimeMs: 3 * 3_600_000, exitTimeMs: 3 * 3_600_000 + Int64(index) * 60_000,
                    entryPrice: 100, exitPrice: 99, quantity: 1, pnlUSD: -1, feesUSD: 0.1, rMultiple: -1, regime: .chop,
                    strategy: "trend", exitReason: "stop")
    }

    /// Two intel passes over the losing ledger; the gates handed on and the expectancy file written.
    static func passes(intel intelOn: Bool) async throws -> (handed: [ExpectancyGate], file: JSONValue?) {
        var config = try MeshFixture.config(strategiesEnabled: true)
        config.flags = config.flags.setting(.intel, intelOn)
        let sink = InMemoryTelemetrySink(flags: config.flags)
        let telemetry = TelemetryActor(sink: sink)
        let writing = Task { await telemetry.run() }
        let time = MeshFixture.meshClock(ManualClock())
        let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let router = RouterActor(exchange: SimExchange(), telemetry: telemetry, time: time, logger: quiet)
        let intel = IntelActor(telemetry: telemetry, router: router, time: time, flags: config.flags, limits: config.riskLimits, logger: quiet)
        await intel.restore(trades: losing)
        let handed = LockedValue<[ExpectancyGate]>([])
        await intel.onGate { gate in handed.withLock { $0.append(gate) } }
        await intel.run(universe: config.universe, navUSD: 100_000)
        await intel.run(universe: config.universe, navUSD: 100_000)
        telemetry.finish()
        await writing.value
        return (handed.withLock { $0 }, sink.snapshot.states[.expectancy])
    }

    @Test("under INTEL a bucket that left warm-up losing is handed to the strategies once and listed in expectancy_v6.json")
    func gateApplied() async throws {
        let (handed, file) = try await Self.passes(intel: true)
        #expect(handed.map(\.blocked) == [[ExpectancyKey(symbol: "BTCUSDT", hourUTC: 3, regime: .chop)]], "handed once, unchanged after")
        guard case .object(let fields)? = file else {
            Issue.record("no expectancy_v6.json")
            return
        }
        #expect(fields["gate_blocked"] == .array([.object(["symbol": .string("BTCUSDT"), "hour_utc": .number(3), "regime": .string("chop")])]))
        #expect(fields["enabled"] == .bool(true))
    }

    @Test("with INTEL off the strategies keep the open gate and the file blocks nothing")
    func flagOff() async throws {
        let (handed, file) = try await Self.passes(intel: false)
        #expect(handed.isEmpty)
        guard case .object(let fields)? = file else {
            Issue.record("no expectancy_v6.json")
            return
        }
        #expect(fields["gate_blocked"] == .array([]))
    }
}
