extension RegimeParameters {
    /// Reads regime thresholds from `reader` (the `regime` object; keys: lookback_bars,
    /// bull_return_pct, bull_max_vol_pct, bear_return_pct, crash_drop_pct, crash_vol_pct).
    /// Missing keys take the defaults; wrong types and out-of-range values are recorded in
    /// `problems` with their key path; the cross-field checks (crash_drop_pct > bear_return_pct,
    /// bull_max_vol_pct ≤ crash_vol_pct) run only when every field is valid on its own. Returns
    /// nil if any problem was found. Does not call `finish`: the caller owns the object.
    public static func read(from reader: inout ConfigObjectReader, problems: inout ConfigProblems) -> RegimeParameters? {
        let before = problems.all.count
        let d = RegimeParameters.defaults
        let belowHundred = NumberRule(lower: 0, lowerInclusive: false, upper: 100, upperInclusive: false)
        let parameters = RegimeParameters(
            lookbackBars: reader.integer("lookback_bars", .atLeast(2), required: false, problems: &problems) ?? d.lookbackBars,
            bullReturnPct: reader.number("bull_return_pct", .positive, required: false, problems: &problems) ?? d.bullReturnPct,
            bullMaxVolPct: reader.number("bull_max_vol_pct", .positive, required: false, problems: &problems) ?? d.bullMaxVolPct,
            bearReturnPct: reader.number("bear_return_pct", belowHundred, required: false, problems: &problems) ?? d.bearReturnPct,
            crashDropPct: reader.number("crash_drop_pct", belowHundred, required: false, problems: &problems) ?? d.crashDropPct,
            crashVolPct: reader.number("crash_vol_pct", .positive, required: false, problems: &problems) ?? d.crashVolPct)
        guard problems.all.count == before else { return nil }

        if parameters.crashDropPct <= parameters.bearReturnPct {
            problems.add(reader.file, reader.keyPath("crash_drop_pct"),
                         "must be greater than bear_return_pct (\(formatNumber(parameters.bearReturnPct))), got \(formatNumber(parameters.crashDropPct))")
        }
        if parameters.bullMaxVolPct > parameters.crashVolPct {
            problems.add(reader.file, reader.keyPath("bull_max_vol_pct"),
                         "must be ≤ crash_vol_pct (\(formatNumber(parameters.crashVolPct))), got \(formatNumber(parameters.bullMaxVolPct))")
        }
        return problems.all.count == before ? parameters : nil
    }
}
