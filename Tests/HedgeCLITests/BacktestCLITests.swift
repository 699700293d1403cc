import Foundation
import Testing

@Suite("hedge backtest")
struct BacktestCLITests {
    static let demo = "\(HedgeProcess.repositoryRoot)/data/demo/1h"

    @Test("writes every artifact; report.json is byte-identical across runs and obeys the accounting identity")
    func artifactsAndDeterminism() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["backtest", "--data", Self.demo, "--symbols", "BTCUSDT,ETHUSDT,SOLUSDT",
                    "--from", "2025-01-01", "--to", "2025-04-01"]
        let first = try await HedgeProcess.run(args + ["--out", "\(dir)/a"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("backtest: "))
        for file in ["report.json", "report.html", "equity.csv", "trades.jsonl", "expectancy.json", "symbol_scores.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/a/\(file)"), "\(file) missing")
        }
        let second = try await HedgeProcess.run(args + ["--out", "\(dir)/b"])
        #expect(second.status == 0)
        let reportA = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/a/report.json"))
        let reportB = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/b/report.json"))
        #expect(reportA == reportB)

        let report = try #require(try JSONSerialization.jsonObject(with: reportA) as? [String: Any])
        let lines = try String(contentsOfFile: "\(dir)/a/trades.jsonl", encoding: .utf8).split(separator: "\n")
        let trades = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(trades.count == report["trades"] as? Int)
        let pnl = trades.reduce(0.0) { $0 + (($1["pnl_usd"] as? Double) ?? 0) }
        let fees = trades.reduce(0.0) { $0 + (($1["fees_usd"] as? Double) ?? 0) }
        let initial = try #require(report["initial_equity"] as? Double)
        let final = try #require(report["final_equity"] as? Double)
        let funding = try #require(report["funding_usd"] as? Double)
        #expect(abs(final - (initial + pnl - fees + funding)) < 0.01)
        #expect((trades.first?["entry_time"] as? String)?.hasSuffix("Z") == true)

        let expectancy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/a/expectancy.json"))) as? [String: Any])
        #expect(expectancy["sample_count"] as? Int == trades.count)
        let scores = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/a/symbol_scores.json"))) as? [String: Any])
        #expect((scores["scores"] as? [String: Any])?.keys.contains("BTCUSDT") == true)

        let equity = try String(contentsOfFile: "\(dir)/a/equity.csv", encoding: .utf8).split(separator: "\n")
        #expect(equity.first == "time,equity,drawdown_pct")
        let html = try String(contentsOfFile: "\(dir)/a/report.html", encoding: .utf8)
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("http"))
    }

    @Test("the ema_cross research run records its overrides in the report")
    func researchFlags() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await HedgeProcess.run([
            "backtest", "--data", Self.demo, "--symbols", "BTCUSDT", "--from", "2025-01-01", "--to", "2025-02-01",
            "--strategy", "ema_cross", "--param", "fast=10", "--param", "slow=30", "--param", "qty=1",
            "--fee-bps", "4", "--slippage-bps", "0", "--no-risk", "--out", dir])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/report.json"))) as? [String: Any])
        let research = try #require(report["research"] as? [String: String])
        #expect(research["no_risk"] == "true")
        #expect(research["param.fast"] == "10")
        #expect(research["fee_bps"] == "4.0")
        #expect(report["strategies"] as? [String] == ["ema_cross"])
        #expect((report["trades"] as? Int ?? 0) > 5)
        #expect((report["vetoes_by_code"] as? [String: Int])?.isEmpty == true)
    }

    @Test("--venue-kind spot: short entries vetoed (spot_no_short), only LONG trades, Coinbase's fees; leverage refused")
    func spotBacktest() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await HedgeProcess.run(["backtest", "--data", "\(HedgeProcess.repositoryRoot)/data/demo/1m", "--venue-kind", "spot", "--out", dir])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/report.json"))) as? [String: Any])
        #expect(((report["vetoes_by_code"] as? [String: Int])?["spot_no_short"] ?? 0) > 0)
        #expect((report["research"] as? [String: String])?["venue_kind"] == "spot")
        let trades = try String(contentsOfFile: "\(dir)/trades.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(!trades.isEmpty)
        #expect(trades.allSatisfy { $0.contains(#""side":"LONG""#) })
        // One resting exit per holding, as the daemon on Coinbase: take-profits are sold at market, never rest.
        #expect(trades.contains { $0.contains(#""exit_reason":"take_profit""#) })
        let orders = try String(contentsOfFile: "\(dir)/orders.jsonl", encoding: .utf8)
        #expect(orders.contains("STOP_MARKET"))
        #expect(!orders.contains("TAKE_PROFIT_MARKET"))

        let levered = try await HedgeProcess.run(["backtest", "--data", "\(HedgeProcess.repositoryRoot)/data/demo/1m", "--venue-kind", "spot",
                                                  "--leverage", "2", "--out", dir])
        #expect(levered.status != 0)
        #expect(levered.stderr.contains("--venue-kind spot trades without leverage"))
    }

    @Test("bad inputs exit non-zero with a message naming what is wrong", arguments: [
        (["--strategy", "ema_cross", "--param", "fast=40"], Int32(78), "--param: ema_cross.fast: must be less than slow (30), got 40"),
        (["--strategy", "grid"], 78, #"unknown strategy "grid""#),
        (["--from", "last week"], 2, #"--from must be an ISO 8601 UTC time"#),
        (["--symbols", "NOPEUSDT"], 2, "NOPEUSDT"),
    ])
    func badInput(extra: [String], status: Int32, message: String) async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await HedgeProcess.run(["backtest", "--data", Self.demo, "--out", dir] + extra)
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("one CSV file given explicitly is read whatever its name, as the symbol --symbols names")
    func singleFileAnyName() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = try String(contentsOfFile: "\(Self.demo)/BTCUSDT-1h.csv", encoding: .utf8)
        try source.write(toFile: "\(dir)/BTCUSDT_1h_demo.csv", atomically: true, encoding: .utf8)
        let result = try await HedgeProcess.run([
            "backtest", "--data", "\(dir)/BTCUSDT_1h_demo.csv", "--symbols", "BTCUSDT", "--from", "2025-01-01", "--to", "2025-02-01",
            "--out", "\(dir)/out"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/out/report.json"))) as? [String: Any])
        #expect(report["bars"] as? Int == 31 * 24)
        let twoSymbols = try await HedgeProcess.run(["backtest", "--data", "\(dir)/BTCUSDT_1h_demo.csv", "--symbols", "BTCUSDT,ETHUSDT",
                                                     "--out", "\(dir)/out2"])
        #expect(twoSymbols.status == 2)
        #expect(twoSymbols.stderr.contains("one bar file holds one symbol"), "\(twoSymbols.stderr)")
    }

    @Test("a symbol the universe disables is named up front, with why nothing will trade")
    func disabledSymbolSaidUpFront() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await HedgeProcess.run(["backtest", "--data", Self.demo, "--symbols", "DOGEUSDT", "--from", "2025-01-01",
                                                 "--to", "2025-01-08", "--out", dir])
        #expect(result.status == 0, "\(result.stderr)")
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.contains("DOGEUSDT is disabled in config/pairs_universe.json: risk vetoes every entry"), "\(result.stderr)")
    }

    @Test("a child that writes far more than a pipe buffer to stderr is read to the end, not deadlocked")
    func largeStderrIsReadConcurrently() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Every other hour missing: one gap warning per missing bar, ~400 KB on stderr while stdout
        // stays open and empty. A runner that drained stdout before stderr would hang here.
        var csv = "open_time_ms,open,high,low,close,volume\n"
        var time: Int64 = 1_735_603_200_000
        for index in 0..<6_000 {
            csv += "\(time),100,101,99,100,10\n"
            time += index % 2 == 0 ? 3_600_000 : 7_200_000
        }
        try csv.write(toFile: "\(dir)/BTCUSDT-1h.csv", atomically: true, encoding: .utf8)
        let result = try await HedgeProcess.run(["backtest", "--data", "\(dir)/BTCUSDT-1h.csv", "--out", "\(dir)/out"], deadline: .seconds(120))
        #expect(result.status == 0, "\(result.stderr.suffix(1_000))")
        #expect(result.stderr.utf8.count > 1 << 18, "only \(result.stderr.utf8.count) bytes on stderr")
        #expect(result.stderr.contains("(1 bar missing)"))
        #expect(result.stderr.hasSuffix("/out/report.json\n"))
    }

    @Test("an unsorted CSV is refused with its file and line")
    func badData() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        open_time_ms,open,high,low,close,volume
        1735603200000,100,101,99,100,10
        1735606800000,100,101,99,100,10
        1735603200000,100,101,99,100,10
        """.write(toFile: "\(dir)/BTCUSDT-1h.csv", atomically: true, encoding: .utf8)
        let result = try await HedgeProcess.run(["backtest", "--data", "\(dir)/BTCUSDT-1h.csv", "--out", "\(dir)/out"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("BTCUSDT-1h.csv:4:"), "\(result.stderr)")
    }
}
