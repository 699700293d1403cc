import Foundation
import HedgeActors
import HedgeCore
import HedgeTestKit
import Testing

@Suite("Mesh: a flat book never goes silent", .serialized)
struct FlatBookTests {
    @Test("one simulated hour with every strategy off: each state file is written on its interval, parses and carries the flags")
    func flatHour() async throws {
        let fixture = try MeshFixture(strategiesEnabled: false)
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let run = Task { try await runtime.run(until: shutdown) }
        let jobs = runtime.periodicJobCount
        await fixture.clock.waitForSleepers(jobs)
        for _ in 0..<3_600 {
            fixture.clock.advance(by: .seconds(1))
            await fixture.clock.waitForSleepers(jobs)
        }
        trigger.yield()
        // The drain arms its deadline on the clock; it finishes without it passing.
        let report = try await run.value
        #expect(report.exitCode == 0)
        #expect(report.phase == .done)

        let snapshot = fixture.sink.snapshot
        let intervals = fixture.config.runtime.intervals
        func expected(_ interval: Duration) -> Int { Int(3_600 / Double(interval.components.seconds)) + 2 }  // first run + final state
        let cases: [(StateFileName, Duration)] = [
            (.nav, intervals.nav), (.positions, intervals.nav), (.universe, intervals.universe),
            (.expectancy, intervals.intel), (.symbolScores, intervals.intel), (.routerPolicySuggestions, intervals.intel),
            (.riskAllocationSuggestions, intervals.intel), (.routerHealth, intervals.routerHealth),
            (.riskSnapshot, intervals.riskSnapshot), (.shadowHead, intervals.shadowHeartbeat),
            (.compareSummary, intervals.compare), (.syncedState, intervals.syncedState), (.runtimeProbe, intervals.syncedState),
        ]
        for (name, interval) in cases {
            let writes = snapshot.stateWrites[name] ?? 0
            #expect(abs(writes - expected(interval)) <= 1, "\(name.fileName): \(writes) writes, expected about \(expected(interval))")
            guard case .object(let fields)? = snapshot.states[name] else {
                Issue.record("\(name.fileName) missing or not an object")
                continue
            }
            #expect(fields["engine_version"] == .string(HedgeVersion.current))
            guard case .object(let flags)? = fields["v6_flags"] else {
                Issue.record("\(name.fileName) has no v6_flags")
                continue
            }
            #expect(flags.count == FeatureFlag.allCases.count)
            #expect(fields["updated_at"] != nil)
        }
        #expect(Set(cases.map(\.0)) == Set(StateFileName.allCases))

        // The shadow heartbeat ran a placeholder intent every interval, and compare wrote its
        // warm-up summary with zero samples.
        let shadowLines = snapshot.lines[.shadow] ?? []
        #expect(abs(shadowLines.count - 61) <= 1)
        #expect(shadowLines.allSatisfy { $0.contains(#""heartbeat":true"#) })
        let compareLines = snapshot.lines[.compare] ?? []
        #expect(abs(compareLines.count - 31) <= 1)
        #expect(compareLines.last?.contains(#""is_warmup":true"#) == true)
        #expect(compareLines.last?.contains(#""sample_count":0"#) == true)
        guard case .object(let head)? = snapshot.states[.shadowHead], case .object(let decision)? = head["head"] else {
            Issue.record("shadow head holds no decision")
            return
        }
        #expect(decision["intent"] != nil && decision["decision"] != nil && decision["sizing"] != nil)
        #expect(snapshot.lines[.ordersExecuted] == nil)
        guard case .object(let probe)? = snapshot.states[.runtimeProbe], case .object(let jobs)? = probe["jobs"] else {
            Issue.record("v6_runtime_probe.json has no jobs")
            return
        }
        #expect(jobs.count == runtime.periodicJobCount)
        #expect(probe["market_events_dropped"] == .number(0))
        // A flat hour: nothing restarted, every telemetry write went through.
        #expect(probe["restarts"] == .object([:]))
        guard case .object(let telemetry)? = probe["telemetry"], case .number(let written)? = telemetry["written"] else {
            Issue.record("v6_runtime_probe.json has no telemetry counts")
            return
        }
        #expect(written > 0)
        #expect(telemetry["failed"] == .number(0))
        #expect(snapshot.closed)
    }

    @Test("with a v6 flag off, its job still writes its file, saying enabled: false")
    func flagOffStillWrites() async throws {
        let fixture = try MeshFixture(strategiesEnabled: false, edit: { config in
            config.flags = config.flags.setting(.intel, false).setting(.pipelineCompare, false)
        })
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let runtime = fixture.runtime
        let run = Task { try await runtime.run(until: shutdown) }
        await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
        for _ in 0..<130 {
            fixture.clock.advance(by: .seconds(1))
            await fixture.clock.waitForSleepers(fixture.runtime.periodicJobCount)
        }
        trigger.yield()
        _ = try await run.value
        let snapshot = fixture.sink.snapshot
        for name in [StateFileName.expectancy, .symbolScores, .compareSummary] {
            guard case .object(let fields)? = snapshot.states[name] else {
                Issue.record("\(name.fileName) was not written")
                continue
            }
            #expect(fields["enabled"] == .bool(false), "\(name.fileName)")
            #expect(fields["sample_count"] == .number(0), "\(name.fileName)")
        }
        #expect(snapshot.lines[.compare] == nil, "the compare log stays empty while its flag is off")
    }
}
