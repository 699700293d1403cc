import Foundation
import Testing

@Suite("hedge CLI")
struct CLITests {
    @Test("doctor on the bundled config exits 0 and prints the report")
    func doctorValid() async throws {
        let result = try await HedgeProcess.run(["doctor"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("hedge doctor: config/ is valid\n"))
        #expect(result.stdout.contains("mode=paper venue=sim"))
        #expect(result.stdout.contains("trade<=5%"))
        #expect(result.stdout.contains("discovery: on venues that list products (coinbase): up to 5 USD products"))
    }

    @Test("doctor on a broken config exits 78, lists every problem and writes nothing")
    func doctorInvalid() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = "\(dir)/config"
        try FileManager.default.copyItem(atPath: "\(HedgeProcess.repositoryRoot)/config", toPath: config)
        let limits = "\(config)/risk_limits.json"
        let text = try String(contentsOfFile: limits, encoding: .utf8)
            .replacingOccurrences(of: #""max_trade_nav_pct": 5"#, with: #""max_trade_nav_pct": 140"#)
            .replacingOccurrences(of: #""max_drawdown_pct": 10"#, with: #""max_drawdown_pct": 10, "kill_swich_file": "x""#)
        try text.write(toFile: limits, atomically: true, encoding: .utf8)
        let before = try FileManager.default.contentsOfDirectory(atPath: config).sorted()

        let result = try await HedgeProcess.run(["doctor", "--config", config])
        #expect(result.status == 78)
        #expect(result.stdout.contains("hedge doctor: 2 problems in \(config)/"))
        #expect(result.stdout.contains("\(config)/risk_limits.json: global.max_trade_nav_pct: must be in (0, 100], got 140"))
        #expect(result.stdout.contains(#"\#(config)/risk_limits.json: global.kill_swich_file: unknown key (did you mean "kill_switch_file"?)"#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: config).sorted() == before)
    }

    @Test("flags prints the snapshot with sources; a bad environment value exits 78 naming it")
    func flags() async throws {
        let result = try await HedgeProcess.run(["flags"], environment: ["INTEL_V6_ENABLED": "off"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]]
        #expect(json?["INTEL_V6_ENABLED"]?["value"] as? Bool == false)
        #expect(json?["INTEL_V6_ENABLED"]?["source"] as? String == "environment")
        #expect(json?["RISK_ENGINE_V6_ENABLED"]?["source"] as? String == "runtime.yaml")

        let bad = try await HedgeProcess.run(["flags"], environment: ["RISK_AUTOTUNE_ENABLED": "sometimes"])
        #expect(bad.status == 78)
        #expect(bad.stderr.contains(#"environment: RISK_AUTOTUNE_ENABLED: must be one of 1/0/true/false/yes/no/on/off, got "sometimes""#))
    }

    @Test("probe screener prints the decision and exits 0; unreadable input exits 2 naming the file")
    func probeScreener() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let intent = "\(dir)/intent.json", state = "\(dir)/state.json"
        try #"{"symbol": "BTCUSDT", "side": "BUY", "gross_usd": 7000, "leverage": 2, "strategy": "trend"}"#
            .write(toFile: intent, atomically: true, encoding: .utf8)
        try #"{"nav_usd": 100000, "nav_age_s": 5, "positions": [], "daily_pnl_pct": 0, "drawdown_pct": 0, "symbol_drawdown_pct": {}, "trades_last_hour": 0, "trades_today": 0, "consecutive_losses": 0, "minutes_since_last_loss": null, "regime": "chop", "kill_switch": false}"#
            .write(toFile: state, atomically: true, encoding: .utf8)

        let result = try await HedgeProcess.run(["probe", "screener", "--intent", intent, "--state", state])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["allowed"] as? Bool == false)
        #expect(json?["vetoes"] as? [String] == ["max_trade_nav_pct"])
        let detail = json?["detail"] as? [String: Any]
        #expect(detail?["nav_fresh"] as? Bool == true)

        try #"{"symbol": "BTCUSDT", "side": "HOLD", "gross_usd": 1, "leverage": 1, "strategy": "trend"}"#
            .write(toFile: intent, atomically: true, encoding: .utf8)
        let bad = try await HedgeProcess.run(["probe", "screener", "--intent", intent, "--state", state])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(intent): side:"))

        let missing = try await HedgeProcess.run(["probe", "screener", "--intent", "\(dir)/nope.json", "--state", state])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("\(dir)/nope.json: file not found"))
    }
}
