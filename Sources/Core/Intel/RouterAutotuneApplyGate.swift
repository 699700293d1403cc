/// Decides whether a router policy suggestion may replace the live policy. Applied only when
/// the apply flag is on, the change is within the per-run step bounds, the symbol is in the
/// allowlist and the quality is high enough (router order count and symbol score).
///
/// Defaults: min orders 50, min score 0.5, steps as `RouterAutotuneParameters` (0.1 taker bias,
/// 0.5 bps offset). Every refusal is reported, not only the first.
public struct RouterAutotuneApplyGate: Sendable, Hashable {
    /// The value of `ROUTER_AUTOTUNE_V6_APPLY_ENABLED`.
    public var applyEnabled: Bool
    /// Symbols whose policy may be tuned live.
    public var allowlist: Set<String>
    /// Fewest router orders behind a suggestion.
    public var minOrders: Int
    /// Lowest symbol score, in [0, 1].
    public var minScore: Double
    public var maxTakerBiasStep: Double
    public var maxOffsetStepBps: Double

    public init(applyEnabled: Bool, allowlist: Set<String>, minOrders: Int = 50, minScore: Double = 0.5,
                maxTakerBiasStep: Double = RouterAutotuneParameters.default.maxTakerBiasStep,
                maxOffsetStepBps: Double = RouterAutotuneParameters.default.maxOffsetStepBps) {
        self.applyEnabled = applyEnabled
        self.allowlist = allowlist
        self.minOrders = minOrders
        self.minScore = minScore
        self.maxTakerBiasStep = maxTakerBiasStep
        self.maxOffsetStepBps = maxOffsetStepBps
    }

    /// The gate with the apply flag read from the daemon's one flag snapshot.
    public init(flags: FlagSnapshot, allowlist: Set<String>, minOrders: Int = 50, minScore: Double = 0.5) {
        self.init(applyEnabled: flags.isEnabled(.routerAutotuneApply), allowlist: allowlist,
                  minOrders: minOrders, minScore: minScore)
    }

    /// The gate's verdict on `suggestion`.
    public func evaluate(_ suggestion: RouterPolicySuggestion) -> RouterAutotuneApplyDecision {
        var refusals: [RouterAutotuneApplyDecision.Refusal] = []
        func refuse(_ code: ApplyRefusal, _ message: String) {
            refusals.append(.init(code: code, message: message))
        }
        if !applyEnabled {
            refuse(.applyFlagOff, "\(FeatureFlag.routerAutotuneApply.name) is off")
        }
        if suggestion.suggested == suggestion.current {
            refuse(.noChange, "suggested policy equals the current one")
        }
        // The tolerance absorbs the rounding of current + step; anything beyond is a real excess.
        let biasStep = abs(suggestion.suggested.takerBias - suggestion.current.takerBias)
        let offsetStep = abs(suggestion.suggested.offsetBps - suggestion.current.offsetBps)
        if biasStep > maxTakerBiasStep + 1e-9 || offsetStep > maxOffsetStepBps + 1e-9 || suggestion.suggested.tier != suggestion.current.tier {
            refuse(.stepOutOfBounds, "taker_bias step \(fixed(biasStep)) (max \(fixed(maxTakerBiasStep))), offset_bps step \(fixed(offsetStep)) (max \(fixed(maxOffsetStepBps))), tier must not change")
        }
        if !allowlist.contains(suggestion.symbol) {
            refuse(.symbolNotAllowed, "\(suggestion.symbol) is not in the apply allowlist")
        }
        if suggestion.orderCount < minOrders {
            refuse(.sampleBelowMinimum, "order_count \(suggestion.orderCount) < min_orders \(minOrders)")
        }
        if !(suggestion.score >= minScore) {
            refuse(.scoreBelowMinimum, "score \(fixed(suggestion.score)) < min_score \(fixed(minScore))")
        }
        return RouterAutotuneApplyDecision(symbol: suggestion.symbol,
                                           policy: refusals.isEmpty ? suggestion.suggested : suggestion.current,
                                           refusals: refusals)
    }
}
