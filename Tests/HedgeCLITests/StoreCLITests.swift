import Foundation
import Testing

/// The store as an operator meets it: what `hedge audit` shows after a run, `hedge kill`, and a
/// start refused when the store cannot be trusted.
@Suite("hedge audit, hedge kill, and a store that cannot be trusted", .serialized)
struct StoreCLITests {
    static func run(_ dir: String, _ extra: [String] = [], seconds: String = "3") async throws -> HedgeProcess.Result {
        try await HedgeProcess.run(["run", "--state-dir", "\(dir)/logs/state", "--duration", seconds, "--speed", "3000"] + extra)
    }

    @Test("after a short run, hedge audit --json lists the run and its orders, each with its client id, symbol, side, state and run")
    func auditAfterARun() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try await Self.run(dir)
        #expect(first.status == 0, "\(first.stderr.suffix(1_000))")
        let audit = try await HedgeProcess.run(["audit", "--state-dir", "\(dir)/logs/state", "--json"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        let runs = try #require(report["runs"] as? [[String: Any]])
        #expect(runs.count == 1 && runs.first?["exit_status"] as? String == "clean")
        let runId = try #require(runs.first?["run_id"] as? String)
        let orders = try #require(report["orders"] as? [[String: Any]])
        #expect(!orders.isEmpty, "the demo trades within seconds")
        for order in orders {
            for key in ["client_order_id", "symbol", "side", "state", "run_id"] { #expect(order[key] != nil, "\(key) missing: \(order)") }
            #expect((order["client_order_id"] as? String)?.hasPrefix("hm-\(runId)-") == true)
        }
        #expect(report["fills"] is [[String: Any]] && report["decisions"] is [[String: Any]])
        // A second run gets another run id: client ids are never reused.
        let second = try await Self.run(dir, seconds: "2")
        #expect(second.status == 0)
        let again = try await HedgeProcess.run(["audit", "--state-dir", "\(dir)/logs/state", "--json", "--symbol", "BTCUSDT"])
        let report2 = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((report2["runs"] as? [[String: Any]])?.count == 2)
        let ids = (report2["orders"] as? [[String: Any]] ?? []).compactMap { $0["client_order_id"] as? String }
        #expect(Set(ids).count == ids.count)
        #expect((report2["orders"] as? [[String: Any]] ?? []).allSatisfy { $0["symbol"] as? String == "BTCUSDT" })
    }

    @Test("hedge kill on engages a daemon from its first decision, is shown by status, and released by off")
    func killSwitchCommand() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = "\(dir)/logs/state"
        let on = try await HedgeProcess.run(["kill", "on", "--reason", "maintenance window", "--state-dir", state])
        #expect(on.status == 0, "\(on.stderr)")
        let status = try await HedgeProcess.run(["kill", "status", "--state-dir", state])
        #expect(status.stdout.contains("kill switch: ON") && status.stdout.contains("maintenance window"), "\(status.stdout)")
        #expect(status.stdout.contains("on  cli ") && status.stdout.contains("@"), "who changed it: \(status.stdout)")
        let run = try await Self.run(dir)
        #expect(run.status == 0)
        let snapshot = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(state)/risk_snapshot.json"))) as? [String: Any])
        #expect((snapshot["halts"] as? [String])?.contains("kill_switch") == true)
        let vetoes = try String(contentsOfFile: "\(dir)/logs/execution/risk_vetoes.jsonl", encoding: .utf8)
        #expect(vetoes.contains("kill_switch"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/logs/execution/orders_executed.jsonl"), "no order while the switch is on")
        let off = try await HedgeProcess.run(["kill", "off", "--state-dir", state])
        #expect(off.status == 0)
        let after = try await HedgeProcess.run(["kill", "status", "--state-dir", state])
        #expect(after.stdout.hasPrefix("kill switch: off"), "\(after.stdout)")
    }

    @Test("a store file that is not a database stops the start with exit 78 naming it, and is left as it was")
    func damagedStoreRefusesTheStart() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/logs/state/hedge.sqlite"
        try FileManager.default.createDirectory(atPath: "\(dir)/logs/state", withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x42, count: 4_096)
        try garbage.write(to: URL(fileURLWithPath: path))
        let result = try await Self.run(dir)
        #expect(result.status == 78)
        #expect(result.stderr.contains("hedge run: \(path): cannot open the store"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test("risk counters that cannot be read back refuse the start (78) until --reset-risk-state, which is recorded")
    func unreadableRiskStateNeedsAReset() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try await Self.run(dir, seconds: "2").status == 0)
        let path = "\(dir)/logs/state/hedge.sqlite"
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE risk_counters SET state='garbage'\"); c.commit()", path]
        try sqlite.run()
        sqlite.waitUntilExit()
        let refused = try await Self.run(dir, seconds: "2")
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("risk_counters.state is unreadable") && refused.stderr.contains("--reset-risk-state"), "\(refused.stderr)")
        let reset = try await Self.run(dir, ["--reset-risk-state", "counters corrupted by a test"], seconds: "2")
        #expect(reset.status == 0, "\(reset.stderr.suffix(1_000))")
        #expect(reset.stderr.contains("risk state reset by the operator"))
    }
}
