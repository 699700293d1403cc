extension TrendParameters {
    /// Reads `trend` parameters from `reader` (keys: fast_period, slow_period, atr_period,
    /// min_atr_pct, max_atr_pct, stop_atr_multiple, take_profit_atr_multiple, size_nav_pct,
    /// allow_short). Missing keys take the defaults; wrong types and out-of-range values are
    /// recorded in `problems` with their key path. Cross-field checks (fast_period < slow_period,
    /// min_atr_pct ≤ max_atr_pct) run only when every field is valid on its own, so a problem is
    /// never reported against a default the operator did not write. Returns nil if any problem
    /// was found. Does not call `finish`: the caller owns the object.
    public static func read(from reader: inout ConfigObjectReader, problems: inout ConfigProblems) -> TrendParameters? {
        let before = problems.all.count
        let d = TrendParameters.defaults
        let parameters = TrendParameters(
            fastPeriod: reader.integer("fast_period", .atLeast(1), required: false, problems: &problems) ?? d.fastPeriod,
            slowPeriod: reader.integer("slow_period", .atLeast(1), required: false, problems: &problems) ?? d.slowPeriod,
            atrPeriod: reader.integer("atr_period", .atLeast(1), required: false, problems: &problems) ?? d.atrPeriod,
            minAtrPct: reader.number("min_atr_pct", .nonNegative, required: false, problems: &problems) ?? d.minAtrPct,
            maxAtrPct: reader.number("max_atr_pct", .positive, required: false, problems: &problems) ?? d.maxAtrPct,
            stopAtrMultiple: reader.number("stop_atr_multiple", .positive, required: false, problems: &problems)
                ?? d.stopAtrMultiple,
            takeProfitAtrMultiple: reader.number("take_profit_atr_multiple", .positive, required: false, problems: &problems)
                ?? d.takeProfitAtrMultiple,
            sizeNavPct: reader.number("size_nav_pct", .percent, required: false, problems: &problems) ?? d.sizeNavPct,
            allowShort: reader.bool("allow_short", required: false, problems: &problems) ?? d.allowShort)
        guard problems.all.count == before else { return nil }

        if parameters.fastPeriod >= parameters.slowPeriod {
            problems.add(reader.file, reader.keyPath("fast_period"),
                         "must be less than slow_period (\(parameters.slowPeriod)), got \(parameters.fastPeriod)")
        }
        if parameters.minAtrPct > parameters.maxAtrPct {
            problems.add(reader.file, reader.keyPath("min_atr_pct"),
                         "must be ≤ max_atr_pct (\(formatNumber(parameters.maxAtrPct))), got \(formatNumber(parameters.minAtrPct))")
        }
        return problems.all.count == before ? parameters : nil
    }
}
