/// The v6 feature flags. Each is read once at start (runtime.yaml `flags:`, then environment
/// overrides) into a `FlagSnapshot` that every component and state file uses.
public enum FeatureFlag: String, Sendable, Hashable, CaseIterable, Codable {
    case intel = "INTEL_V6_ENABLED"
    case riskEngine = "RISK_ENGINE_V6_ENABLED"
    case pipelineShadow = "PIPELINE_V6_SHADOW_ENABLED"
    case pipelineCompare = "PIPELINE_V6_COMPARE_ENABLED"
    case routerAutotune = "ROUTER_AUTOTUNE_V6_ENABLED"
    case routerAutotuneApply = "ROUTER_AUTOTUNE_V6_APPLY_ENABLED"
    case feedbackAllocator = "FEEDBACK_ALLOCATOR_V6_ENABLED"
    case riskAutotune = "RISK_AUTOTUNE_ENABLED"

    /// The variable / key name operators write.
    public var name: String { rawValue }

    /// Parses an operator-written flag value: 1/0/true/false/yes/no/on/off, case-insensitive.
    /// Returns nil for anything else (the caller reports it, naming the variable).
    public static func parseValue(_ text: String) -> Bool? {
        switch text.trimmingASCIIWhitespace().lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: return nil
        }
    }

    /// The wording used when a value is rejected.
    static let accepted = "1/0/true/false/yes/no/on/off"
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
