import Testing
@testable import HedgeCore

@Suite("Config object reader")
struct ConfigObjectReaderTests {
    @Test("an unknown key is reported with a suggestion for the near miss")
    func unknownKeySuggestion() throws {
        var problems = ConfigProblems()
        var reader = try #require(ConfigObjectReader(
            .object(["max_levrage": .number(3)]), file: "f.json", path: "global", problems: &problems))
        _ = reader.number("max_leverage", .positive, problems: &problems)
        reader.finish(into: &problems)
        #expect(problems.all.map(\.description) == [
            "f.json: global.max_leverage: is required",
            "f.json: global.max_levrage: unknown key (did you mean \"max_leverage\"?)",
        ])
    }

    @Test("a percentage out of range names the interval and the value")
    func percentOutOfRange() throws {
        var problems = ConfigProblems()
        var reader = try #require(ConfigObjectReader(
            .object(["max_trade_nav_pct": .number(140)]), file: "config/risk_limits.json", path: "global", problems: &problems))
        #expect(reader.number("max_trade_nav_pct", .percent, problems: &problems) == nil)
        #expect(problems.all.map(\.description) == [
            "config/risk_limits.json: global.max_trade_nav_pct: must be in (0, 100], got 140",
        ])
    }
}
