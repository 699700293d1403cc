/// Why the router auto-tune apply gate kept a suggestion from the live policy. Raw values are the
/// codes shown in state files and logs; never rename one.
public enum ApplyRefusal: String, Sendable, Hashable, Codable, CaseIterable {
    /// `ROUTER_AUTOTUNE_V6_APPLY_ENABLED` is off: suggestions only.
    case applyFlagOff = "apply_flag_off"
    /// The suggestion equals the current policy.
    case noChange = "no_change"
    /// The symbol is not in the apply allowlist.
    case symbolNotAllowed = "symbol_not_allowed"
    /// Too few router orders behind the suggestion.
    case sampleBelowMinimum = "sample_below_minimum"
    /// The symbol's score is below the minimum quality.
    case scoreBelowMinimum = "score_below_minimum"
    /// A change exceeds the per-run step bound (a hand-edited or stale suggestion).
    case stepOutOfBounds = "step_out_of_bounds"
}
