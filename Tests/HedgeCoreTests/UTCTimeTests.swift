import HedgeTestKit
import Testing
@testable import HedgeCore

@Suite("UTC time")
struct UTCTimeTests {
    @Test("formats epoch milliseconds as ISO 8601 UTC", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_709_298_300_000, "2024-03-01T13:05:00Z"),
        (1_709_164_800_000, "2024-02-29T00:00:00Z"),
        (1_735_603_200_250, "2024-12-31T00:00:00.250Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func format(ms: Int64, text: String) {
        #expect(UTCTime.iso8601(ms: ms) == text)
        #expect(UTCTime.parse(text) == ms)
    }

    @Test("parses date-only and minute forms; rejects offsets and impossible dates", arguments: [
        ("2024-03-01", Int64?(1_709_251_200_000)), ("2024-03-01T13:05", 1_709_298_300_000),
        ("2024-03-01T13:05:00+02:00", nil), ("2023-02-29", nil), ("2024-13-01", nil), ("yesterday", nil),
    ])
    func parse(text: String, ms: Int64?) {
        #expect(UTCTime.parse(text) == ms)
    }

    @Test("hour of day and day number follow UTC, also before 1970")
    func hourAndDay() {
        #expect(UTCTime.hourOfDay(ms: 1_709_298_300_000) == 13)
        #expect(UTCTime.dayNumber(ms: 1_709_298_300_000) == 19_783)
        #expect(UTCTime.hourOfDay(ms: -1) == 23)
        #expect(UTCTime.dayNumber(ms: -1) == -1)
    }
}

@Suite("ISO 8601 writer")
struct ISO8601WriterTests {
    @Test("writes exactly what UTCTime.iso8601 returns, across day boundaries and with milliseconds")
    func matchesFormatter() {
        var writer = ISO8601Writer()
        var rng = SplitMix64(seed: 3)
        var time: Int64 = 1_709_250_000_000
        for _ in 0..<5_000 {
            time += Int64.random(in: 0...7_200_000, using: &rng) * (Bool.random(using: &rng) ? 1 : 1_000) / 1_000
            var bytes: [UInt8] = []
            writer.append(ms: time, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == UTCTime.iso8601(ms: time))
        }
    }
}
