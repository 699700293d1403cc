import Testing
@testable import HedgeCore

@Suite("Flag snapshot")
struct FlagSnapshotTests {
    @Test("accepted spellings parse; anything else is rejected",
          arguments: [("1", true), ("0", false), ("true", true), ("FALSE", false), ("yes", true), ("No", false),
                      ("on", true), ("off", false), (" on ", true), ("maybe", nil), ("2", nil), ("", nil)] as [(String, Bool?)])
    func parsing(text: String, expected: Bool?) {
        #expect(FeatureFlag.parseValue(text) == expected)
    }

    @Test("defaults, then runtime.yaml, then the environment, each value with its source")
    func precedence() {
        var problems = ConfigProblems()
        let yaml: JSONValue = .object([
            "INTEL_V6_ENABLED": .bool(true),
            "RISK_ENGINE_V6_ENABLED": .number(1),
            "PIPELINE_V6_SHADOW_ENABLED": .string("off"),
        ])
        let snapshot = FlagSnapshot.resolve(
            yamlFlags: yaml, runtimeFile: "config/runtime.yaml",
            environment: ["INTEL_V6_ENABLED": "0", "RISK_AUTOTUNE_ENABLED": "yes", "UNRELATED": "x"],
            problems: &problems)
        #expect(problems.isEmpty)
        #expect(snapshot.entry(.intel) == .init(value: false, source: .environment))
        #expect(snapshot.entry(.riskEngine) == .init(value: true, source: .runtimeYAML))
        #expect(snapshot.entry(.pipelineShadow) == .init(value: false, source: .runtimeYAML))
        #expect(snapshot.entry(.riskAutotune) == .init(value: true, source: .environment))
        #expect(snapshot.entry(.routerAutotuneApply) == .init(value: false, source: .default))
        #expect(snapshot.values["RISK_AUTOTUNE_ENABLED"] == true)
        #expect(snapshot.values.count == FeatureFlag.allCases.count)
    }

    @Test("a bad environment value is a config error naming the variable")
    func badEnvironmentValue() {
        var problems = ConfigProblems()
        _ = FlagSnapshot.resolve(yamlFlags: nil, runtimeFile: "config/runtime.yaml",
                                 environment: ["ROUTER_AUTOTUNE_V6_APPLY_ENABLED": "enabled"], problems: &problems)
        #expect(problems.all.map(\.description) == [
            #"environment: ROUTER_AUTOTUNE_V6_APPLY_ENABLED: must be one of 1/0/true/false/yes/no/on/off, got "enabled""#,
        ])
    }

    @Test("the snapshot prints as JSON with value and source per flag")
    func json() throws {
        let snapshot = FlagSnapshot().setting(.intel, true, source: .environment)
        let json = try JSONOutput.encode(snapshot, pretty: false)
        #expect(json.contains(#""INTEL_V6_ENABLED":{"source":"environment","value":true}"#))
        #expect(json.contains(#""RISK_AUTOTUNE_ENABLED":{"source":"default","value":false}"#))
    }
}
