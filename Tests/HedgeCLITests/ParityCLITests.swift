import Foundation
import HedgeCore
import Testing

/// `hedge run --speed max` (the lockstep replay) and `hedge parity` over the first day of the
/// bundled 1-minute demo data (three symbols, both strategies, protective orders in play).
@Suite("Parity: the lockstep daemon and the backtest send the same orders")
struct ParityCLITests {
    /// The first day of `data/demo/1m` (1 440 bars per symbol) in a scratch directory, plus the
    /// same day of DOGEUSDT, a symbol the bundled universe disables (nothing subscribes to it:
    /// the lockstep replay must not wait for anyone to act on its bars).
    static func firstDay() throws -> String {
        let dir = try HedgeProcess.temporaryDirectory()
        let source = HedgeProcess.repositoryRoot + "/data/demo/1m"
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".csv") {
            let text = try String(contentsOfFile: "\(source)/\(file)", encoding: .utf8)
            let day = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(1_441).joined(separator: "\n") + "\n"
            try day.write(toFile: "\(dir)/\(file)", atomically: true, encoding: .utf8)
            if file.hasPrefix("SOLUSDT") {
                // SOL's day scaled to DOGE's prices: open_time,open,high,low,close,volume.
                let doge = day.split(separator: "\n").enumerated().map { index, line -> String in
                    guard index > 0 else { return String(line) }
                    let fields = line.split(separator: ",").map(String.init)
                    return ([fields[0]] + fields[1...4].map { String((Double($0) ?? 0) / 1_000) } + [fields[5]]).joined(separator: ",")
                }.joined(separator: "\n") + "\n"
                try doge.write(toFile: "\(dir)/DOGEUSDT-1m.csv", atomically: true, encoding: .utf8)
            }
        }
        return dir
    }

    @Test("--speed max replays to the end of the data, drains, exits 0, and every run writes the same order log byte for byte")
    func lockstepIsDeterministic() async throws {
        let data = try Self.firstDay()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let root = HedgeProcess.repositoryRoot
        async let first = Self.run(data: data, root: root)
        async let second = Self.run(data: data, root: root)
        let (a, b) = try await (first, second)
        #expect(a.status == 0 && b.status == 0, "\(a.stderr.suffix(1500))")
        #expect(a.stderr.contains("lockstep replay reached the end of its data") && a.stderr.contains("drained"))
        let orders = try #require(a.orders)
        #expect(orders == b.orders, "two lockstep runs over the same bars sent different orders")
        let acks = orders.split(separator: "\n").filter { $0.contains(#""event":"ACK""#) }
        #expect(acks.count > 20, "\(acks.count) orders")
        #expect(acks.contains { $0.contains(#""type":"STOP_MARKET""#) } && acks.contains { $0.contains(#""type":"TAKE_PROFIT_MARKET""#) })
        #expect(acks.contains { $0.contains(#""type":"LIMIT""#) })
    }

    @Test("hedge parity over the same day: identical, exit 0, with the backtest's orders.jsonl beside the daemon's log")
    func parityHoldsOnTheDemoDay() async throws {
        let data = try Self.firstDay()
        let keep = try HedgeProcess.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: data)
            try? FileManager.default.removeItem(atPath: keep)
        }
        let result = try await HedgeProcess.run(["parity", "--config", HedgeProcess.repositoryRoot + "/config", "--data", data, "--keep", keep])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr.suffix(2000))")
        #expect(summary["identical"] as? Bool == true, "\(summary)")
        #expect((summary["backtest_orders"] as? Int ?? 0) > 20)
        #expect(summary["backtest_orders"] as? Int == summary["daemon_orders"] as? Int)
        #expect(summary["first_difference"] is NSNull)
        #expect(result.status == 0)
        let backtest = try JSONLines.read(OrderLogEvent.self, path: "\(keep)/backtest/orders.jsonl")
        #expect(backtest.contains { $0.event == .ack && $0.orderType == "STOP_MARKET" })
        #expect(FileManager.default.fileExists(atPath: "\(keep)/daemon/execution/orders_executed.jsonl"))
    }

    @Test("hedge parity refuses a --keep directory that already holds a run, and leaves it as it was")
    func parityNeedsFreshDirectories() async throws {
        let keep = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: keep) }
        try FileManager.default.createDirectory(atPath: "\(keep)/daemon/state", withIntermediateDirectories: true)
        try "earlier".write(toFile: "\(keep)/daemon/state/marker", atomically: true, encoding: .utf8)
        let result = try await HedgeProcess.run(["parity", "--config", HedgeProcess.repositoryRoot + "/config",
                                                 "--data", HedgeProcess.repositoryRoot + "/data/demo/1m", "--keep", keep])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(keep)/daemon exists; parity runs on fresh directories"))
        #expect(try String(contentsOfFile: "\(keep)/daemon/state/marker", encoding: .utf8) == "earlier")
        #expect(!FileManager.default.fileExists(atPath: "\(keep)/backtest"))
    }

    @Test("--speed max is refused on a real venue")
    func lockstepNeedsTheSimVenue() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await HedgeProcess.run(["run", "--config", HedgeProcess.repositoryRoot + "/config", "--venue", "binance", "--mode", "dry-run",
                                                 "--speed", "max", "--state-dir", "state"], workingDirectory: dir)
        #expect(result.status == 78)
        #expect(result.stderr.contains("--speed max replays the sim venue's data"))
    }

    private static func run(data: String, root: String) async throws -> (status: Int32, stderr: String, orders: String?) {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await HedgeProcess.run(["run", "--config", "\(root)/config", "--sim-data", data, "--speed", "max", "--state-dir", "state",
                                                 "--log-level", "notice"], workingDirectory: dir)
        return (result.status, result.stderr, try? String(contentsOfFile: "\(dir)/execution/orders_executed.jsonl", encoding: .utf8))
    }
}
