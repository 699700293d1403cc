import Foundation

/// Router auto-tune for one symbol: from its router health and score, the policy to suggest.
/// Pure; the IntelActor calls it on its interval and the apply gate decides what is applied.
///
/// Rules (parameters in `RouterAutotuneParameters`):
/// 1. Fewer than `minOrders` orders → no change (warm-up).
/// 2. Fill pressure `f` = `makerFillLow − fill` below the band, `−(fill − makerFillHigh)` above
///    it, 0 inside (the dead band).
/// 3. Taker bias moves by `takerBiasGain × f − slippageGain × max(0, slippage − slippageHighBps)`,
///    clamped to ±`maxTakerBiasStep`, never upwards when the score is below `lowScore`, and kept
///    in [0, 1].
/// 4. Offset moves by `−offsetGainBps × f`, clamped to ±`maxOffsetStepBps`, and kept within
///    [`minOffsetBps`, `maxOffsetBps`] (never pushed further outside).
/// 5. makerFirst switches with two-sided hysteresis (see `makerFirstOffBelow`).
///
/// Guarantees: |Δ takerBias| ≤ `maxTakerBiasStep`, |Δ offsetBps| ≤ `maxOffsetStepBps`; a fill
/// ratio inside the band with slippage at or below `slippageHighBps` changes nothing; the tier is
/// never changed.
public func suggestRouterPolicy(
    symbol: String,
    current: RouterPolicy,
    health: RouterHealth,
    score: SymbolScore?,
    parameters p: RouterAutotuneParameters = .default
) -> RouterPolicySuggestion {
    let fill = health.makerFillRatio
    let slippage = health.meanSlippageBps
    let scoreValue = score?.score ?? SymbolScoreParameters.neutralScore
    func suggestion(_ policy: RouterPolicy, _ reasons: [String]) -> RouterPolicySuggestion {
        RouterPolicySuggestion(symbol: symbol, current: current, suggested: policy, reasons: reasons,
                               orderCount: health.orderCount, makerFillRatio: fill, meanSlippageBps: slippage,
                               score: scoreValue, scoreSampleCount: score?.sampleCount ?? 0)
    }
    guard health.orderCount >= p.minOrders else {
        return suggestion(current, ["warm-up: order_count \(health.orderCount) < min_orders \(p.minOrders)"])
    }

    var reasons: [String] = []
    var next = current
    let fillPressure: Double
    if fill < p.makerFillLow {
        fillPressure = p.makerFillLow - fill
        reasons.append("maker_fill_ratio \(fixed(fill)) < \(fixed(p.makerFillLow)): lean taker, rest closer to the touch")
    } else if fill > p.makerFillHigh {
        fillPressure = -(fill - p.makerFillHigh)
        reasons.append("maker_fill_ratio \(fixed(fill)) > \(fixed(p.makerFillHigh)): lean maker, rest further back")
    } else {
        fillPressure = 0
    }
    let excessSlippage = max(0, slippage - p.slippageHighBps)
    if excessSlippage > 0 {
        reasons.append("mean_slippage_bps \(fixed(slippage)) > \(fixed(p.slippageHighBps)): lean maker")
    }

    var biasDelta = clamp(p.takerBiasGain * fillPressure - p.slippageGain * excessSlippage, bound: p.maxTakerBiasStep)
    if biasDelta > 0, scoreValue < p.lowScore {
        reasons.append("score \(fixed(scoreValue)) < \(fixed(p.lowScore)): taker bias not raised")
        biasDelta = 0
    }
    next.takerBias = step(current.takerBias, by: biasDelta, within: 0...1)
    let offsetDelta = clamp(-p.offsetGainBps * fillPressure, bound: p.maxOffsetStepBps)
    next.offsetBps = step(current.offsetBps, by: offsetDelta, within: p.minOffsetBps...max(p.minOffsetBps, p.maxOffsetBps))

    if current.makerFirst, fill < p.makerFirstOffBelow, slippage < p.makerFirstOffMaxSlippageBps {
        next.makerFirst = false
        reasons.append("maker_fill_ratio \(fixed(fill)) < \(fixed(p.makerFirstOffBelow)) with cheap taking: maker_first off")
    } else if !current.makerFirst, slippage >= p.slippageHighBps || fill > p.makerFirstOnAbove {
        next.makerFirst = true
        reasons.append("taking costs \(fixed(slippage)) bps or makers fill \(fixed(fill)): maker_first on")
    }
    if next == current, reasons.isEmpty {
        reasons.append("within bands: no change")
    }
    return suggestion(next, reasons)
}

/// `value` clamped to ±`bound` (a non-finite delta is no move at all).
private func clamp(_ value: Double, bound: Double) -> Double {
    guard value.isFinite else { return 0 }
    let limit = max(bound, 0)
    return min(max(value, -limit), limit)
}

/// Moves `value` by `delta` without crossing into or past `range`'s far side: an increase stops at
/// the upper bound (or where it already was, if above), a decrease at the lower bound.
private func step(_ value: Double, by delta: Double, within range: ClosedRange<Double>) -> Double {
    if delta > 0 { return min(value + delta, max(value, range.upperBound)) }
    if delta < 0 { return max(value + delta, min(value, range.lowerBound)) }
    return value
}

/// Two decimals, for reason lines (locale-independent).
func fixed(_ value: Double) -> String {
    String(format: "%.2f", value)
}
