/// The append-only JSONL logs, with their paths relative to the logs directory (the parent of
/// `state_dir`, `logs/` by default).
public enum TelemetryLog: String, Sendable, Hashable, CaseIterable {
    case ordersExecuted = "execution/orders_executed.jsonl"
    case orderMetrics = "execution/order_metrics.jsonl"
    case riskVetoes = "execution/risk_vetoes.jsonl"
    case shadow = "pipeline_v6_shadow.jsonl"
    case compare = "pipeline_v6_compare.jsonl"

    public var relativePath: String { rawValue }
}

/// The state files under `state_dir`, each refreshed on its own interval whether or not anything
/// traded.
public enum StateFileName: String, Sendable, Hashable, CaseIterable {
    case nav
    case positions
    case riskSnapshot = "risk_snapshot"
    case routerHealth = "router_health"
    case universe
    case expectancy = "expectancy_v6"
    case symbolScores = "symbol_scores_v6"
    case routerPolicySuggestions = "router_policy_suggestions_v6"
    case riskAllocationSuggestions = "risk_allocation_suggestions_v6"
    case shadowHead = "pipeline_v6_shadow_head"
    case compareSummary = "pipeline_v6_compare_summary"
    case runtimeProbe = "v6_runtime_probe"
    case syncedState = "synced_state"

    /// `nav.json`, `risk_snapshot.json`, …
    public var fileName: String { rawValue + ".json" }
}
