import Foundation
import Testing

/// `hedge backtest` against what other engines compute on the same bars: the seeded 1,000,000-bar
/// file of `../shared/tools/gen_bars.py` through the `ema_cross` baseline. NautilusTrader,
/// freqtrade and a hand-written loop all give 36,414 round trips and a net PnL of −639,487.76
/// (qty 1, taker 4 bps, no slippage, each order filled whole at the next bar's open).
@Suite("hedge backtest baselines", .serialized)
struct BacktestBaselineTests {
    /// The generator shipped beside the repository (CI has `../shared` next to the clone).
    static let generator = "\(HedgeProcess.repositoryRoot)/../shared/tools/gen_bars.py"

    /// The 1 M-bar file, generated once per machine into the temporary directory (10 s of Python).
    static func millionBars() async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-gen-bars/BTCUSDT_1m_1000000_seed42.csv").path
        if FileManager.default.fileExists(atPath: path) { return path }
        let partial = path + ".partial-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", generator, "--bars", "1000000", "--seed", "42", "--out", partial]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gen_bars.py failed (is ../shared beside the repository?)")
        // Renamed into place whole, so a killed run never leaves a short file behind.
        if rename(partial, path) != 0 { try? FileManager.default.removeItem(atPath: partial) }
        return path
    }

    @Test("ema_cross(10, 30) on the seeded million bars matches the other engines: 36,414 round trips, net −639,487.76")
    func emaCrossMatchesOtherEngines() async throws {
        try #require(FileManager.default.fileExists(atPath: Self.generator), "missing \(Self.generator)")
        let data = try await Self.millionBars()
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await HedgeProcess.run([
            "backtest", "--data", data, "--symbols", "BTCUSDT", "--strategy", "ema_cross",
            "--param", "fast=10", "--param", "slow=30", "--param", "qty=1", "--fee-bps", "4", "--slippage-bps", "0",
            "--no-risk", "--equity", "10000000", "--out", dir], deadline: .seconds(600))
        #expect(result.status == 0, "\(result.stderr.suffix(2_000))")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/report.json"))) as? [String: Any])
        #expect(report["trades"] as? Int == 36_414)
        let symbol = try #require((report["per_symbol"] as? [String: Any])?["BTCUSDT"] as? [String: Any])
        let net = try #require(symbol["net_pnl_usd"] as? Double)
        #expect(abs(net - -639_487.76) < 0.005, "net PnL \(net)")
    }
}
