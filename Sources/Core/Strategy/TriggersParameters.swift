/// Stop and take-profit distances of one trigger rule, percent of the entry price (6 means 6 %).
public struct TriggerExit: Sendable, Hashable {
    /// Distance from the entry to the stop, percent, in (0, 100).
    public var stopPct: Double
    /// Distance from the entry to the take-profit, percent, > 0.
    public var takeProfitPct: Double

    public init(stopPct: Double, takeProfitPct: Double) {
        self.stopPct = stopPct
        self.takeProfitPct = takeProfitPct
    }
}

/// Parameters of the `triggers` strategy (`config/strategy_config.json` `strategies.triggers`),
/// the rules engine of the Python v2 system. Windows are in bars; percentages are percent
/// numbers (4 means 4 %); ratios and convictions are plain numbers.
///
/// Defaults follow that system's logged configuration where it states one (volume spike 1.9×,
/// tier sizes 2/1/0.5 % NAV, min_conviction 0.34, a 24-bar lookback, the per-rule exits).
public struct TriggersParameters: Sendable, Hashable {
    /// Window for the volume mean, the breakout range and the reversal V, bars (≥ 2). Default 24.
    public var lookbackBars: Int
    /// Volume / mean volume of the preceding window at which a spike fires. Default 1.9.
    public var volumeSpikeRatio: Double
    /// How far beyond the preceding window's high (or low) the close must be, percent. Default 0.5.
    public var breakoutPct: Double
    /// Bars the momentum return is measured over (≤ lookbackBars). Default 4.
    public var momentumBars: Int
    /// Momentum return that fires, percent. Default 4.
    public var momentumPct: Double
    /// Drop from the window's high to its later low that qualifies a V, percent. Default 6.
    public var reversalDropPct: Double
    /// Recovery of the close from that low, percent. Default 3.
    public var reversalRecoveryPct: Double
    /// Exits per rule. Defaults: volume spike 5 % / 10 %, breakout 6 % / 20 %,
    /// momentum 8 % / 15 %, reversal 12 % / 25 %.
    public var volumeSpikeExit: TriggerExit
    public var breakoutExit: TriggerExit
    public var momentumExit: TriggerExit
    public var reversalExit: TriggerExit
    /// Base size per tier, percent of NAV. Defaults T1 2, T2 1, T3 0.5.
    public var t1SizeNavPct: Double
    public var t2SizeNavPct: Double
    public var t3SizeNavPct: Double
    /// The stop distance, percent, at which a position gets exactly its tier's base size; a
    /// rule with a wider stop is sized down proportionally (risk parity). Default 8.
    public var targetRiskPct: Double
    /// Upper clamp of the suggested size, percent of NAV. Default 3.
    public var maxSizeNavPct: Double
    /// Proposals with a lower conviction are dropped, [0, 1]. Default 0.34.
    public var minConviction: Double
    /// Bars after a signal during which the symbol emits no other signal. Default 3.
    public var cooldownBars: Int
    /// When false (the v2 system's `only_upside`), only BUY signals are emitted. Default false.
    public var allowShort: Bool

    public init(
        lookbackBars: Int = 24,
        volumeSpikeRatio: Double = 1.9,
        breakoutPct: Double = 0.5,
        momentumBars: Int = 4,
        momentumPct: Double = 4,
        reversalDropPct: Double = 6,
        reversalRecoveryPct: Double = 3,
        volumeSpikeExit: TriggerExit = TriggerExit(stopPct: 5, takeProfitPct: 10),
        breakoutExit: TriggerExit = TriggerExit(stopPct: 6, takeProfitPct: 20),
        momentumExit: TriggerExit = TriggerExit(stopPct: 8, takeProfitPct: 15),
        reversalExit: TriggerExit = TriggerExit(stopPct: 12, takeProfitPct: 25),
        t1SizeNavPct: Double = 2,
        t2SizeNavPct: Double = 1,
        t3SizeNavPct: Double = 0.5,
        targetRiskPct: Double = 8,
        maxSizeNavPct: Double = 3,
        minConviction: Double = 0.34,
        cooldownBars: Int = 3,
        allowShort: Bool = false
    ) {
        self.lookbackBars = lookbackBars
        self.volumeSpikeRatio = volumeSpikeRatio
        self.breakoutPct = breakoutPct
        self.momentumBars = momentumBars
        self.momentumPct = momentumPct
        self.reversalDropPct = reversalDropPct
        self.reversalRecoveryPct = reversalRecoveryPct
        self.volumeSpikeExit = volumeSpikeExit
        self.breakoutExit = breakoutExit
        self.momentumExit = momentumExit
        self.reversalExit = reversalExit
        self.t1SizeNavPct = t1SizeNavPct
        self.t2SizeNavPct = t2SizeNavPct
        self.t3SizeNavPct = t3SizeNavPct
        self.targetRiskPct = targetRiskPct
        self.maxSizeNavPct = maxSizeNavPct
        self.minConviction = minConviction
        self.cooldownBars = cooldownBars
        self.allowShort = allowShort
    }

    /// The documented defaults.
    public static let defaults = TriggersParameters()

    /// The exits of `kind`'s rule.
    public func exit(for kind: TriggerKind) -> TriggerExit {
        switch kind {
        case .volumeSpike: return volumeSpikeExit
        case .breakout: return breakoutExit
        case .momentum: return momentumExit
        case .reversal: return reversalExit
        }
    }

    /// The base size of `tier`, percent of NAV.
    public func baseSizeNavPct(for tier: Tier) -> Double {
        switch tier {
        case .t1: return t1SizeNavPct
        case .t2: return t2SizeNavPct
        case .t3: return t3SizeNavPct
        }
    }

    /// The suggested size, percent of NAV, for a `tier` position whose stop is `stopPct` away:
    /// base × targetRiskPct / stopPct, clamped to [0, maxSizeNavPct].
    public func sizeNavPct(tier: Tier, stopPct: Double) -> Double {
        guard stopPct > 0 else { return 0 }
        let riskParity = baseSizeNavPct(for: tier) * targetRiskPct / stopPct
        return min(max(0, riskParity), maxSizeNavPct)
    }
}
