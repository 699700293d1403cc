import Foundation
import Testing

/// The Binance commands as an operator runs them: refusals with one clear line, the venue doctor
/// against the loopback venue, and a scaled-down soak (the full one is documented in
/// docs/operations.md).
@Suite struct BinanceCLITests {
    @Test func liveIsRefusedWithoutAllowProdWrite() async throws {
        let result = try await HedgeProcess.run(["run", "--venue", "binance", "--mode", "live"],
                                          environment: ["BINANCE_API_KEY": "k", "BINANCE_API_SECRET": "s", "ALLOW_PROD_WRITE": "0"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("ALLOW_PROD_WRITE=1"))
        #expect(!result.stderr.contains("\"s\""))
    }

    @Test("live mode over a plain http:// base URL is refused before anything is sent (exit 78, the URL named)")
    func liveIsRefusedOverPlainHTTP() async throws {
        let result = try await HedgeProcess.run(["run", "--venue", "binance", "--mode", "live", "--base-url", "http://127.0.0.1:9"],
                                                environment: ["BINANCE_API_KEY": "k", "BINANCE_API_SECRET": "s", "ALLOW_PROD_WRITE": "1"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("http://127.0.0.1:9 is not https://"), "\(result.stderr)")
    }

    @Test("a soak that cannot reach its venue still prints its JSON report: passed false, with the reason")
    func aFailedSoakStillReports() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = HedgeProcess.repositoryRoot
        let result = try await HedgeProcess.run(["soak", "--config", "\(root)/config", "--duration", "1", "--state-dir", "state",
                                                 "--base-url", "http://127.0.0.1:9"],
                                                environment: ["BINANCE_API_KEY": "k", "BINANCE_API_SECRET": "s"], workingDirectory: dir)
        #expect(result.status != 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr.suffix(2000))")
        #expect(summary["passed"] as? Bool == false)
        #expect((summary["reason"] as? String ?? "").isEmpty == false)
    }

    @Test("the venue server takes no secret on its command line (argv is world-readable) and refuses to start without a key pair")
    func venueServerSecretsStayOffArgv() async throws {
        let onArgv = try await HedgeProcess.run(["venue-server", "--api-secret", "s3cret"], environment: ["BINANCE_API_KEY": "", "BINANCE_API_SECRET": ""])
        #expect(onArgv.status == 64)
        let none = try await HedgeProcess.run(["venue-server"], environment: ["BINANCE_API_KEY": "", "BINANCE_API_SECRET": ""])
        #expect(none.status == 78)
        #expect(none.stderr.contains("--secrets-file"), "\(none.stderr)")
    }

    @Test func liveIsRefusedWithoutCredentials() async throws {
        let result = try await HedgeProcess.run(["run", "--venue", "binance", "--mode", "live"],
                                          environment: ["ALLOW_PROD_WRITE": "1", "BINANCE_API_KEY": "", "BINANCE_API_SECRET": ""])
        #expect(result.status == 78)
        #expect(result.stderr.contains("BINANCE_API_KEY and BINANCE_API_SECRET are not set"))
    }

    @Test func scaledDownSoakAgainstTheLoopbackVenue() async throws {
        // Run from a scratch directory with a relative --state-dir: every file stays inside it. 14 s, not
        // 8: under the load of the parallel CLI tests 8 s sometimes left no entry the venue accepted.
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = HedgeProcess.repositoryRoot
        let result = try await HedgeProcess.run(["soak", "--config", "\(root)/config", "--data", "\(root)/data/demo/1m", "--duration", "14",
                                                 "--speed", "6000", "--state-dir", "state"], workingDirectory: dir)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr.suffix(2000))")
        // The daemon traded through the real adapter over real sockets and drained cleanly.
        #expect((summary["orders"] as? Int ?? 0) > 0)
        #expect((summary["venue_orders"] as? Int ?? 0) > 0, "\(summary) \(result.stderr.split(separator: "\n").filter { $0.contains("order") || $0.contains("warning") }.suffix(30).joined(separator: "\n"))")
        #expect((summary["duplicates"] as? [String]) == [])
        #expect((summary["orphans"] as? [String]) == [])
        #expect((summary["crashes"] as? [String]) == [])
        #expect((summary["position_drift"] as? [String]) == [])
        #expect(summary["passed"] as? Bool == true)
        #expect(summary["reason"] == nil)
        #expect(result.status == 0)
        // A clean soak logs nothing at error level (the loopback venue and its replay stop quietly).
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(" error ") || $0.contains(" critical ") }
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        // State files and logs were written by the daemon under the soak, in the working directory.
        #expect(FileManager.default.fileExists(atPath: dir + "/state/v6_runtime_probe.json"))
        #expect(FileManager.default.fileExists(atPath: dir + "/execution/orders_executed.jsonl"))
    }
}
