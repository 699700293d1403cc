extension TriggersParameters {
    /// Reads `triggers` parameters from `reader`. Keys: lookback_bars, volume_spike_ratio,
    /// breakout_pct, momentum_bars, momentum_pct, reversal_drop_pct, reversal_recovery_pct,
    /// `<rule>_stop_pct` and `<rule>_take_profit_pct` for rule in volume_spike, breakout,
    /// momentum, reversal, t1_size_nav_pct, t2_size_nav_pct, t3_size_nav_pct, target_risk_pct,
    /// max_size_nav_pct, min_conviction, cooldown_bars, allow_short.
    ///
    /// Missing keys take the defaults; wrong types and out-of-range values are recorded in
    /// `problems` with their key path; the cross-field check (momentum_bars ≤ lookback_bars)
    /// runs only when every field is valid on its own. Returns nil if any problem was found.
    /// Does not call `finish`: the caller owns the object.
    public static func read(from reader: inout ConfigObjectReader, problems: inout ConfigProblems) -> TriggersParameters? {
        let before = problems.all.count
        let d = TriggersParameters.defaults
        func number(_ key: String, _ rule: NumberRule, _ fallback: Double) -> Double {
            reader.number(key, rule, required: false, problems: &problems) ?? fallback
        }
        func integer(_ key: String, _ rule: NumberRule, _ fallback: Int) -> Int {
            reader.integer(key, rule, required: false, problems: &problems) ?? fallback
        }
        func exit(_ kind: TriggerKind) -> TriggerExit {
            let fallback = d.exit(for: kind)
            return TriggerExit(
                stopPct: number("\(kind.rawValue)_stop_pct", .stopPercent, fallback.stopPct),
                takeProfitPct: number("\(kind.rawValue)_take_profit_pct", .positive, fallback.takeProfitPct))
        }
        let parameters = TriggersParameters(
            lookbackBars: integer("lookback_bars", .atLeast(2), d.lookbackBars),
            volumeSpikeRatio: number("volume_spike_ratio", .aboveOne, d.volumeSpikeRatio),
            breakoutPct: number("breakout_pct", .positive, d.breakoutPct),
            momentumBars: integer("momentum_bars", .atLeast(1), d.momentumBars),
            momentumPct: number("momentum_pct", .positive, d.momentumPct),
            reversalDropPct: number("reversal_drop_pct", .stopPercent, d.reversalDropPct),
            reversalRecoveryPct: number("reversal_recovery_pct", .positive, d.reversalRecoveryPct),
            volumeSpikeExit: exit(.volumeSpike),
            breakoutExit: exit(.breakout),
            momentumExit: exit(.momentum),
            reversalExit: exit(.reversal),
            t1SizeNavPct: number("t1_size_nav_pct", .closed(0, 100), d.t1SizeNavPct),
            t2SizeNavPct: number("t2_size_nav_pct", .closed(0, 100), d.t2SizeNavPct),
            t3SizeNavPct: number("t3_size_nav_pct", .closed(0, 100), d.t3SizeNavPct),
            targetRiskPct: number("target_risk_pct", .percent, d.targetRiskPct),
            maxSizeNavPct: number("max_size_nav_pct", .percent, d.maxSizeNavPct),
            minConviction: number("min_conviction", .fraction, d.minConviction),
            cooldownBars: integer("cooldown_bars", .atLeast(0), d.cooldownBars),
            allowShort: reader.bool("allow_short", required: false, problems: &problems) ?? d.allowShort)
        guard problems.all.count == before else { return nil }

        if parameters.momentumBars > parameters.lookbackBars {
            problems.add(reader.file, reader.keyPath("momentum_bars"),
                         "must be ≤ lookback_bars (\(parameters.lookbackBars)), got \(parameters.momentumBars)")
        }
        return problems.all.count == before ? parameters : nil
    }
}

extension NumberRule {
    /// A distance below a price, percent: (0, 100), since 100 % would put the price at zero.
    fileprivate static let stopPercent = NumberRule(lower: 0, lowerInclusive: false, upper: 100, upperInclusive: false)
    /// A ratio strictly above 1 (a volume spike must exceed the mean).
    fileprivate static let aboveOne = NumberRule(lower: 1, lowerInclusive: false, upper: nil, upperInclusive: true)
}
