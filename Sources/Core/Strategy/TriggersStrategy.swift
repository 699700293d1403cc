/// The `triggers` strategy: the Python v2 rules engine. Four triggers (volume spike, breakout,
/// momentum, reversal; see `TriggerKind`) each propose a trade with a conviction; the strongest
/// proposal at or above `minConviction` becomes the bar's one signal.
///
/// Conviction = strength × confidence, both in [0, 1]:
/// - strength is the trigger's measure over twice its threshold, capped at 1, so a trigger that
///   just fires has strength 0.5 and one at twice the threshold has 1;
/// - confidence is volume confirmation for the price triggers (volume / mean volume over the
///   spike ratio, capped at 1) and, for the volume spike itself, the bar's body as a fraction
///   of its range (how decisively the heavy volume moved price).
///
/// Sizing: the symbol's tier base size × targetRiskPct / the rule's stop percent, clamped to
/// [0, maxSizeNavPct]. A symbol missing from the tier map is sized as T3, the smallest tier, so
/// a gap in the map can never size a position up; whether the symbol may trade at all is the
/// universe's and the risk engine's decision. Stops and take-profits are the rule's percent
/// distances from the close.
///
/// After a signal the symbol is quiet for `cooldownBars` bars (indicators keep updating), and
/// a proposal in a bucket the expectancy gate blocks is suppressed. Per-symbol state;
/// deterministic; unusable bars are skipped without touching the state.
public struct TriggersStrategy: Strategy {
    public let name: String
    public let parameters: TriggersParameters
    /// Symbol → liquidity tier, used for sizing.
    public let tiers: [String: Tier]
    public private(set) var gate: ExpectancyGate
    private var states = SymbolTable<SymbolState>()

    public init(
        parameters: TriggersParameters = .defaults, tiers: [String: Tier], gate: ExpectancyGate = .allowAll,
        name: String = "triggers"
    ) {
        self.name = name
        self.parameters = parameters
        self.tiers = tiers
        self.gate = gate
    }

    public var warmupBars: Int { max(parameters.lookbackBars, parameters.momentumBars) + 1 }

    public mutating func updateGate(_ gate: ExpectancyGate) { self.gate = gate }

    public mutating func onBar(_ bar: Bar, symbol: String, regime: Regime) -> [StrategySignal] {
        guard bar.isUsable else { return [] }
        let (parameters, gate) = (parameters, gate)
        let chosen: TriggerProposal? = states.withValue(for: symbol, make: { SymbolState(parameters: parameters) }) { state in
            let proposals = state.update(with: bar, parameters: parameters)
            if state.cooldownRemaining > 0 {
                state.cooldownRemaining -= 1
                return nil
            }
            // The first proposal wins a tie, so the order of `TriggerKind.allCases` breaks it.
            guard let best = proposals.max(by: { $0.conviction < $1.conviction }),
                  best.conviction >= parameters.minConviction,
                  gate.allows(symbol: symbol, hourUTC: bar.openHourUTC, regime: regime)
            else { return nil }
            state.cooldownRemaining = parameters.cooldownBars
            return best
        }
        guard let chosen else { return [] }
        return [signal(for: chosen, bar: bar, symbol: symbol, regime: regime)]
    }

    private func signal(for proposal: TriggerProposal, bar: Bar, symbol: String, regime: Regime) -> StrategySignal {
        let exit = parameters.exit(for: proposal.kind)
        let direction = proposal.side == .buy ? 1.0 : -1.0
        let stop = bar.close * (1 - direction * exit.stopPct / 100)
        let takeProfit = bar.close * (1 + direction * exit.takeProfitPct / 100)
        return StrategySignal(
            symbol: symbol,
            side: proposal.side,
            timeMs: bar.openTimeMs,
            referencePrice: bar.close,
            conviction: proposal.conviction,
            stopPrice: stop > 0 ? stop : nil,
            takeProfitPrice: takeProfit > 0 ? takeProfit : nil,
            sizeNavPct: parameters.sizeNavPct(tier: tiers[symbol] ?? .t3, stopPct: exit.stopPct),
            reason: "\(name).\(proposal.kind.rawValue)",
            strategy: name,
            regime: regime)
    }
}

/// One trigger's proposal on one bar.
struct TriggerProposal: Sendable, Hashable {
    var kind: TriggerKind
    var side: Side
    /// strength × confidence, in [0, 1].
    var conviction: Double
}
