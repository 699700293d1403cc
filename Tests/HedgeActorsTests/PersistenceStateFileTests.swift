import Foundation
import HedgeActors
import HedgeCore
import Testing

@Suite("State files with the envelope")
struct PersistenceStateFileTests {
    struct NavPayload: Encodable {
        var navUSD: Decimal
        var orderId: Int64
        var sampleCount: Int
        var symbols: [String]

        enum CodingKeys: String, CodingKey {
            case navUSD = "nav_usd", orderId = "order_id", sampleCount = "sample_count", symbols
        }
    }

    struct ClashingPayload: Encodable {
        var updated_at = "payload's own time"
        var engine_version = "9.9.9"
        var items = [1, 2]
    }

    static let flags = FlagSnapshot().setting(.intel, true)
    static let ms: Int64 = 1_709_298_300_250  // 2024-03-01T13:05:00.250Z

    private func object(_ text: String?) throws -> [String: Any] {
        let data = try #require(text.map { Data($0.utf8) })
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("the envelope carries updated_at, engine_version and v6_flags beside the payload keys")
    func envelopeAndPayload() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let writer = StateFileWriter(directory: "\(dir.path)/logs/state", flags: Self.flags)
        let payload = NavPayload(navUSD: Decimal(string: "10234.12345678901234567891") ?? 0,
                                 orderId: 9_007_199_254_740_993, sampleCount: 2, symbols: ["BTCUSDT", "ETHUSDT"])
        let path = try writer.write(payload, name: "nav", nowMs: Self.ms)
        #expect(path == "\(dir.path)/logs/state/nav.json")

        let text = try #require(dir.text("logs/state/nav.json"))
        let json = try object(text)
        #expect(json["updated_at"] as? String == "2024-03-01T13:05:00.250Z")
        #expect(json["engine_version"] as? String == HedgeVersion.current)
        #expect(json["v6_flags"] as? [String: Bool] == Self.flags.values)
        #expect(json["sample_count"] as? Int == 2)
        #expect(json["symbols"] as? [String] == ["BTCUSDT", "ETHUSDT"])
        #expect(Set(json.keys) == ["updated_at", "engine_version", "v6_flags", "nav_usd", "order_id", "sample_count", "symbols"])
        // Keys sorted, one line, and payload numbers kept digit for digit.
        #expect(text.hasPrefix("{\"engine_version\":\"\(HedgeVersion.current)\",\"nav_usd\":10234.12345678901234567891,\"order_id\":9007199254740993,"))
        #expect(text.hasSuffix("\"updated_at\":\"2024-03-01T13:05:00.250Z\",\"v6_flags\":{"
            + FeatureFlag.allCases.map(\.name).sorted().map { "\"\($0)\":\($0 == "INTEL_V6_ENABLED")" }.joined(separator: ",") + "}}\n"))
        #expect(try dir.names(in: "logs/state") == ["nav.json"])
    }

    @Test("an empty payload still gives a well-formed file with the envelope")
    func emptyPayload() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let writer = StateFileWriter(directory: dir.path, flags: FlagSnapshot())
        try writer.write([String: Int](), name: "universe", nowMs: 0)
        let json = try object(dir.text("universe.json"))
        #expect(Set(json.keys) == ["updated_at", "engine_version", "v6_flags"])
        #expect(json["updated_at"] as? String == "1970-01-01T00:00:00Z")
    }

    @Test("a payload with a non-finite number (NAV age before the first sample) is still written, the number as a string")
    func nonFiniteNumbers() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let writer = StateFileWriter(directory: dir.path, flags: FlagSnapshot())
        try writer.write(["nav_age_s": Double.infinity, "nav_usd": 0], name: "risk_snapshot", nowMs: 0)
        let json = try object(dir.text("risk_snapshot.json"))
        #expect(json["nav_age_s"] as? String == "inf")
    }

    @Test("the envelope wins over payload keys with the same name")
    func envelopeWinsClash() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let writer = StateFileWriter(directory: dir.path, flags: FlagSnapshot())
        try writer.write(ClashingPayload(), name: "synced_state", nowMs: Self.ms)
        let json = try object(dir.text("synced_state.json"))
        #expect(json["updated_at"] as? String == "2024-03-01T13:05:00.250Z")
        #expect(json["engine_version"] as? String == HedgeVersion.current)
        #expect(json["items"] as? [Int] == [1, 2])
        #expect(json.count == 4)
    }

    @Test("a payload that is not a JSON object is refused with a typed error")
    func nonObjectPayload() throws {
        let value = 7
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let writer = StateFileWriter(directory: dir.path, flags: FlagSnapshot())
        #expect(throws: PersistenceError.payloadNotObject(path: "\(dir.path)/bad.json")) {
            try writer.write([value], name: "bad", nowMs: 0)
        }
        #expect(throws: PersistenceError.payloadNotObject(path: "\(dir.path)/bad.json")) {
            try writer.write(value, name: "bad", nowMs: 0)
        }
        #expect(try dir.names().isEmpty)
    }

    @Test("a name with a slash is refused instead of escaping the state directory")
    func invalidName() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let writer = StateFileWriter(directory: dir.path, flags: FlagSnapshot())
        #expect(throws: PersistenceError.invalidName(path: "\(dir.path)/../nav.json")) {
            try writer.write([String: Int](), name: "../nav", nowMs: 0)
        }
    }

    @Test("rewriting a state file replaces it atomically and keeps the directory clean")
    func rewrite() throws {
        let dir = try PersistenceTestDirectory()
        defer { dir.remove() }
        let writer = StateFileWriter(directory: dir.path, flags: FlagSnapshot())
        for second in 0..<20 {
            try writer.write(["sample_count": second], name: "risk_snapshot", nowMs: Int64(second) * 1000)
        }
        let json = try object(dir.text("risk_snapshot.json"))
        #expect(json["sample_count"] as? Int == 19)
        #expect(json["updated_at"] as? String == "1970-01-01T00:00:19Z")
        #expect(try dir.names() == ["risk_snapshot.json"])
    }

    @Test("payload keys with escapes are merged and sorted like any other")
    func escapedKeys() throws {
        let bytes = try StateFile.render(["z\"quote": 1, "a\\slash": 2, "ünï": 3], updatedAtMs: 0, flags: [:], path: "x.json")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "{\"a\\\\slash\":2,\"engine_version\":\"\(HedgeVersion.current)\",\"updated_at\":\"1970-01-01T00:00:00Z\",\"v6_flags\":{},\"z\\\"quote\":1,\"ünï\":3}\n")
    }
}
