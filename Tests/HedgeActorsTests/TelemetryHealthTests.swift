import Foundation
import HedgeActors
import HedgeCore
import Logging
import Synchronization
import Testing

/// A sink whose writes to one target fail a given number of times, then succeed.
private final class FlakySink: TelemetrySink {
    let failingTarget: StateFileName
    let failuresLeft: Mutex<Int>
    let written = Mutex<[String]>([])

    init(failing target: StateFileName, times: Int) {
        failingTarget = target
        failuresLeft = Mutex(times)
    }

    func writeState(_ name: StateFileName, payload: any Encodable & Sendable, timeMs: Int64) async throws {
        if name == failingTarget {
            let fail = failuresLeft.withLock { left -> Bool in
                defer { left = max(0, left - 1) }
                return left > 0
            }
            if fail { throw PersistenceError.system(path: name.fileName, operation: "write", code: ENOSPC, message: "No space left on device") }
        }
        written.withLock { $0.append(name.rawValue) }
    }

    func append(_ log: TelemetryLog, line: String) async throws {
        written.withLock { $0.append(log.relativePath) }
    }

    func close() async throws {}
}

@Suite("Telemetry: failures and drops are counted and raise the alert")
struct TelemetryHealthTests {
    static let quiet = Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("a full queue drops what does not fit, counted per target; the alert holds for one probe")
    func boundedQueueCountsDrops() async {
        let sink = InMemoryTelemetrySink(flags: FlagSnapshot())
        let telemetry = TelemetryActor(sink: sink, queueCapacity: 3, logger: Self.quiet)
        // Nothing drains yet: three messages fit, two do not.
        for index in 0..<3 { telemetry.submitLine(.riskVetoes, ["n": index]) }
        telemetry.submitState(.nav, ["nav_usd": 1], timeMs: 0)
        telemetry.submitLine(.ordersExecuted, ["n": 9])
        let first = await telemetry.probe()
        #expect(first.dropped == 2)
        #expect(first.droppedByTarget == ["nav": 1, "execution/orders_executed.jsonl": 1])
        #expect(first.alert)
        #expect(first.queueCapacity == 3)
        let second = await telemetry.probe()
        #expect(second.dropped == 2)
        #expect(!second.alert, "no drop since the previous probe")

        telemetry.finish()
        await telemetry.run()
        #expect(sink.snapshot.lines[.riskVetoes]?.count == 3)
        #expect(await telemetry.probe().written == 3)
    }

    @Test("a target that fails raises the alert naming it and the error; its next good write clears it")
    func failuresRaiseAndClearTheAlert() async {
        let sink = FlakySink(failing: .nav, times: 2)
        let telemetry = TelemetryActor(sink: sink, logger: Self.quiet)
        telemetry.submitState(.nav, ["nav_usd": 1], timeMs: 0)
        telemetry.submitState(.positions, ["legs": 0], timeMs: 0)
        telemetry.submitState(.nav, ["nav_usd": 2], timeMs: 0)
        telemetry.finish()
        await telemetry.run()
        let failing = await telemetry.probe()
        #expect(failing.failed == 2)
        #expect(failing.written == 1)
        #expect(failing.failedByTarget == ["nav": 2])
        #expect(failing.failing == ["nav"])
        #expect(failing.alert)
        #expect(failing.lastError?.hasPrefix("nav: ") == true)
        #expect(failing.lastError?.contains("No space left on device") == true)

        let recovering = TelemetryActor(sink: FlakySink(failing: .nav, times: 1), logger: Self.quiet)
        recovering.submitState(.nav, ["nav_usd": 1], timeMs: 0)
        recovering.submitState(.nav, ["nav_usd": 2], timeMs: 0)
        recovering.finish()
        await recovering.run()
        let recovered = await recovering.probe()
        #expect(recovered.failed == 1)
        #expect(recovered.failing.isEmpty)
        #expect(!recovered.alert)
    }

    @Test("the file sink reports a failed rotation after writing its line, and rotates once it can")
    func fileSinkReportsFailedRotation() async throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let sink = FileTelemetrySink(stateDirectory: "\(dir.path)/logs/state", logsDirectory: "\(dir.path)/logs",
                                     flags: FlagSnapshot(), jsonlMaxBytes: 15, jsonlKeep: 1)
        let live = "\(dir.path)/logs/execution/risk_vetoes.jsonl"
        try await sink.append(.riskVetoes, line: "{\"seq\":0}")
        try FileManager.default.createDirectory(atPath: "\(live).1/blocker", withIntermediateDirectories: true)
        await #expect(throws: PersistenceError.self) { try await sink.append(.riskVetoes, line: "{\"seq\":1}") }
        try FileManager.default.removeItem(atPath: "\(live).1")
        try await sink.append(.riskVetoes, line: "{\"seq\":2}")
        try await sink.close()
        #expect(dir.text("logs/execution/risk_vetoes.jsonl.1") == "{\"seq\":0}\n{\"seq\":1}\n")
        #expect(dir.text("logs/execution/risk_vetoes.jsonl") == "{\"seq\":2}\n")
    }
}
