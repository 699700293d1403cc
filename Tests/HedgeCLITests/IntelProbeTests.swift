import Foundation
import Testing

@Suite("hedge probe: intel probes")
struct IntelProbeTests {
    static let trade = #"{"symbol":"BTCUSDT","side":"LONG","entry_time":"2024-03-01T12:00:00Z","exit_time":"2024-03-01T13:05:00Z","entry_price":60000,"exit_price":60600,"qty":0.1,"pnl_usd":60,"fees_usd":4,"r_multiple":1.5,"regime":"bull","strategy":"trend","exit_reason":"take_profit"}"#

    /// Writes `text` to `name` in a fresh directory and returns the path.
    static func file(_ name: String, _ text: String, in dir: String) throws -> String {
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    /// The four probes over the given trades, metrics/shadow and executed files.
    static func commands(trades: String, other: String) -> [[String]] {
        [["probe", "expectancy", "--trades", trades],
         ["probe", "scoring", "--trades", trades, "--router-metrics", other],
         ["probe", "allocator", "--trades", trades, "--nav", "100000"],
         ["probe", "compare", "--shadow", trades, "--executed", other]]
    }

    @Test("every intel probe accepts an empty input file and prints a well-formed result with sample_count 0",
          arguments: ["", "\n  \n"])
    func emptyInput(content: String) async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let empty = try Self.file("empty.jsonl", content, in: dir)
        for arguments in Self.commands(trades: empty, other: empty) {
            let result = try await HedgeProcess.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let json = try Self.json(result.stdout)
            #expect(json["sample_count"] as? Int == 0, "\(arguments)")
        }
        let compare = try Self.json(try await HedgeProcess.run(["probe", "compare", "--shadow", empty, "--executed", empty]).stdout)
        #expect(compare["is_warmup"] as? Bool == true)
        #expect(compare["warmup_reason"] as? String == "sample_size 0 < min_sample_size 20")
        let sizing = compare["sizing_diff_stats"] as? [String: Any]
        #expect(sizing?["sample_size"] as? Int == 0)
    }

    @Test("a malformed line exits 2 with FILE:LINE: reason on stderr")
    func malformedLine() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = try Self.file("bad.jsonl", Self.trade + "\n\n{\"symbol\": \"BTCUSDT\"}\n", in: dir)
        let empty = try Self.file("empty.jsonl", "", in: dir)
        for arguments in Self.commands(trades: bad, other: empty).dropLast() {
            let result = try await HedgeProcess.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("\(bad):3: side: missing"), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let shadow = try Self.file("shadow.jsonl", #"{"symbol":"BTCUSDT","side":"BUY","time":"2024-03-01T00:00:00Z","allowed":true}"# + "\n\n{\"symbol\": \"BTCUSDT\"}\n", in: dir)
        let compare = try await HedgeProcess.run(["probe", "compare", "--shadow", shadow, "--executed", empty])
        #expect(compare.status == 2)
        #expect(compare.stderr.contains("\(shadow):3: side: missing"), "\(compare.stderr)")
        let broken = try Self.file("broken.jsonl", "not json\n", in: dir)
        let result = try await HedgeProcess.run(["probe", "expectancy", "--trades", broken])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(broken):1: invalid JSON"))
        let missing = try await HedgeProcess.run(["probe", "scoring", "--trades", "\(dir)/nope.jsonl"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("\(dir)/nope.jsonl: file not found"))
    }

    @Test("expectancy, scoring and allocator report on a trades file")
    func reports() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let trades = try Self.file("trades.jsonl", Self.trade + "\n", in: dir)
        let metrics = try Self.file("metrics.jsonl", #"{"symbol":"BTCUSDT","client_order_id":"c1","maker":true,"fallback":false,"retries":0,"slippage_bps":0,"latency_ms":80,"time":"2024-03-01T13:00:00Z"}"# + "\n", in: dir)

        let expectancy = try Self.json(try await HedgeProcess.run(["probe", "expectancy", "--trades", trades, "--min-samples", "1"]).stdout)
        let bucket = (expectancy["buckets"] as? [[String: Any]])?.first
        #expect(bucket?["hour"] as? Int == 13)
        #expect(bucket?["mean_pnl"] as? Double == 56)
        #expect(bucket?["is_warmup"] as? Bool == false)

        let scoring = try Self.json(try await HedgeProcess.run(["probe", "scoring", "--trades", trades, "--router-metrics", metrics]).stdout)
        let btc = (scoring["scores"] as? [String: Any])?["BTCUSDT"] as? [String: Any]
        let score = try #require(btc?["score"] as? Double)
        #expect(score >= 0 && score <= 1)
        let components = btc?["components"] as? [String: Any]
        #expect(components?.keys.sorted() == ["expectancy_bps", "fallback_rate", "fee_drag_bps", "maker_fill_ratio", "sharpe", "slippage_bps"])

        let allocator = try await HedgeProcess.run(["probe", "allocator", "--trades", trades, "--nav", "100000"])
        #expect(allocator.status == 0)
        let symbols = try Self.json(allocator.stdout)["symbols"] as? [String: Any]
        let allocation = symbols?["BTCUSDT"] as? [String: Any]
        let current = allocation?["current"] as? [String: Any]
        let proposed = allocation?["proposed"] as? [String: Any]
        #expect(current?["max_nav_pct"] as? Double == 30)
        #expect((proposed?["max_nav_pct"] as? Double ?? .infinity) <= 30)
    }

    @Test("allocator on a bad config exits 78 naming the problem")
    func allocatorBadConfig() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let trades = try Self.file("trades.jsonl", "", in: dir)
        let result = try await HedgeProcess.run(["probe", "allocator", "--trades", trades, "--nav", "1000", "--config", "\(dir)/nope"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("\(dir)/nope: config directory not found"))
    }

    @Test("compare matches a fill by intent id and skips non-FILL events")
    func compare() async throws {
        let dir = try HedgeProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let shadow = try Self.file("shadow.jsonl", """
            {"intent_id":"i-1","symbol":"BTCUSDT","side":"BUY","time":"2024-03-01T00:00:00Z","allowed":true,"vetoes":[],"gross_usd":1000,"router":"maker","expected_price":100,"expected_slippage_bps":0.5,"heartbeat":false}
            {"symbol":"BTCUSDT","side":"BUY","time":"2024-03-01T00:00:30Z","allowed":true,"gross_usd":1000,"heartbeat":true}

            """, in: dir)
        let executed = try Self.file("executed.jsonl", """
            {"event":"ACK","client_order_id":"c-1","symbol":"BTCUSDT"}
            {"event":"FILL","intent_id":"i-1","client_order_id":"c-1","symbol":"BTCUSDT","side":"BUY","time":"2024-03-01T00:00:02Z","gross_usd":1100,"price":100.01,"slippage_bps":1}
            """, in: dir)
        let result = try await HedgeProcess.run(["probe", "compare", "--shadow", shadow, "--executed", executed, "--min-samples", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try Self.json(result.stdout)
        #expect(json["sample_count"] as? Int == 1)
        #expect(json["matched_by_intent_id"] as? Int == 1)
        #expect(json["heartbeat_count"] as? Int == 1)
        #expect(json["is_warmup"] as? Bool == false)
        #expect(json["mismatch_rate"] as? Double == 1)
        let sizing = json["sizing_diff_stats"] as? [String: Any]
        #expect(sizing?["upsize_count"] as? Int == 1)
        #expect(sizing?["p50"] as? Double == 10)
    }
}
