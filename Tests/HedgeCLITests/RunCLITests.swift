import Foundation
import HedgeActors
import Testing

@Suite("hedge run", .serialized)
struct RunCLITests {
    @Test("a short run on the sim venue writes every state file and the logs, and drains with exit 0")
    func shortRun() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await HedgeProcess.run(["run", "--state-dir", "\(dir)/logs/state", "--duration", "4", "--speed", "3000"])
        #expect(result.status == 0, "\(result.stderr.suffix(2_000))")
        #expect(result.stderr.contains("drained"))
        // A clean run logs nothing at error level (a telemetry write that failed would).
        #expect(!result.stderr.contains(" error ") && !result.stderr.contains(" critical "), "\(result.stderr.prefix(2_000))")
        let states = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/logs/state")
        for name in ["nav", "positions", "risk_snapshot", "router_health", "universe", "expectancy_v6", "symbol_scores_v6",
                     "router_policy_suggestions_v6", "risk_allocation_suggestions_v6", "pipeline_v6_shadow_head",
                     "pipeline_v6_compare_summary", "v6_runtime_probe", "synced_state"] {
            #expect(states.contains("\(name).json"), "\(name).json missing")
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/logs/state/\(name).json"))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["v6_flags"] is [String: Bool], "\(name).json has no flags")
        }
        #expect(FileManager.default.fileExists(atPath: "\(dir)/logs/pipeline_v6_compare.jsonl"))
    }

    @Test("a relative --state-dir keeps every file the daemon writes inside the working directory")
    func relativeStateDirectory() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = HedgeProcess.repositoryRoot
        let started = Date()
        let result = try await HedgeProcess.run(
            ["run", "--config", "\(root)/config", "--sim-data", "\(root)/data/demo/1m", "--state-dir", "state", "--duration", "3",
             "--speed", "3000"], workingDirectory: dir)
        #expect(result.status == 0, "\(result.stderr.suffix(2_000))")
        // State in ./state, the logs beside it in the working directory (the state dir has no parent).
        #expect(FileManager.default.fileExists(atPath: "\(dir)/state/nav.json"))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/execution/risk_vetoes.jsonl") ||
                FileManager.default.fileExists(atPath: "\(dir)/execution/orders_executed.jsonl"))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/pipeline_v6_shadow.jsonl"))
        // Everything written is below the working directory: nothing else appeared next to it.
        let written = try FileManager.default.subpathsOfDirectory(atPath: dir)
        #expect(written.allSatisfy { !$0.hasPrefix("..") })
        for stray in ["/execution/risk_vetoes.jsonl", "/execution/orders_executed.jsonl", "/pipeline_v6_shadow.jsonl"] {
            let modified = (try? FileManager.default.attributesOfItem(atPath: stray)[.modificationDate] as? Date) ?? .distantPast
            #expect(modified < started, "\(stray) was written by this run")
        }
        #expect(result.stderr.contains("logs in ./execution/"), "\(result.stderr.prefix(2_000))")
    }

    @Test("a second instance on the same state directory is refused with a clear message")
    func secondInstance() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // This test process plays the first instance: it holds the lock as `hedge run` would.
        let lock = try InstanceLock(stateDirectory: "\(dir)/logs/state")
        let second = try await HedgeProcess.run(["run", "--state-dir", "\(dir)/logs/state", "--duration", "1"])
        lock.release()
        #expect(second.status == 75)
        #expect(second.stderr.contains("another hedge instance holds \(dir)/logs/state/hedge.lock"))
    }

    @Test("a bad config stops the start with the doctor's message")
    func badConfig() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: "\(HedgeProcess.repositoryRoot)/config", toPath: "\(dir)/config")
        let runtime = "\(dir)/config/runtime.yaml"
        let text = try String(contentsOfFile: runtime, encoding: .utf8).replacingOccurrences(of: "on_shutdown: cancel", with: "on_shutdown: abandon")
        try text.write(toFile: runtime, atomically: true, encoding: .utf8)
        let result = try await HedgeProcess.run(["run", "--config", "\(dir)/config", "--state-dir", "\(dir)/logs/state"])
        #expect(result.status == 78)
        #expect(result.stderr.contains(#"runtime.yaml: drain.on_shutdown: must be one of cancel | leave, got "abandon""#))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/logs/state"), "nothing is written when the config is bad")
    }

    @Test("a --duration that is not a number of seconds, or would overflow, is refused by the parser (exit 64), naming it",
          arguments: ["nan", "inf", "-5", "1e300"])
    func badDuration(value: String) async throws {
        let result = try await HedgeProcess.run(["run", "--duration=\(value)"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--duration must be a number of seconds in (0, 31536000], got"), "\(result.stderr)")
    }
}
