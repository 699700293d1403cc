extension TriggersStrategy {
    /// The rolling windows of one symbol and the four trigger rules over them.
    struct SymbolState: Sendable {
        /// Volume mean, highs and lows of the preceding `lookbackBars` bars (read before the
        /// current bar is added, so a bar is compared with the window before it).
        var volumeMean: RollingMean
        var priorHigh: RollingHigh
        var priorLow: RollingLow
        /// Highest and lowest close of the last `lookbackBars` bars including the current one.
        var closeHigh: RollingHigh
        var closeLow: RollingLow
        /// The last `momentumBars + 1` closes.
        var closes: FixedWindow<Double>
        var cooldownRemaining = 0

        init(parameters: TriggersParameters) {
            let lookback = max(2, parameters.lookbackBars)
            volumeMean = RollingMean(period: lookback)
            priorHigh = RollingHigh(period: lookback)
            priorLow = RollingLow(period: lookback)
            closeHigh = RollingHigh(period: lookback)
            closeLow = RollingLow(period: lookback)
            closes = FixedWindow(capacity: max(1, parameters.momentumBars) + 1)
        }

        /// Adds `bar` to every window and returns the proposals of the triggers that fire on it.
        mutating func update(with bar: Bar, parameters p: TriggersParameters) -> [TriggerProposal] {
            let meanVolume = volumeMean.value
            let high = priorHigh.value
            let low = priorLow.value
            volumeMean.update(bar.volume)
            priorHigh.update(bar.high)
            priorLow.update(bar.low)
            closeHigh.update(bar.close)
            closeLow.update(bar.close)
            closes.append(bar.close)

            // Without a window of volume there is no baseline for any rule's confidence.
            guard let meanVolume, meanVolume > 0 else { return [] }
            let volumeRatio = bar.volume / meanVolume
            let volumeConfirmation = min(1, volumeRatio / p.volumeSpikeRatio)
            let candidates = [
                volumeSpike(bar, ratio: volumeRatio, p),
                breakout(bar, high: high, low: low, p),
                momentum(bar, p),
                reversal(bar, p),
            ]
            return candidates.compactMap { candidate in
                candidate.map { kind, side, strength in
                    let confidence = kind == .volumeSpike ? bodyFraction(bar) : volumeConfirmation
                    return TriggerProposal(kind: kind, side: side, conviction: strength * confidence)
                }
            }
        }

        private typealias Fired = (kind: TriggerKind, side: Side, strength: Double)

        private func volumeSpike(_ bar: Bar, ratio: Double, _ p: TriggersParameters) -> Fired? {
            guard ratio >= p.volumeSpikeRatio else { return nil }
            let side: Side = bar.close >= bar.open ? .buy : .sell
            guard side == .buy || p.allowShort else { return nil }
            return (.volumeSpike, side, strength(ratio, threshold: p.volumeSpikeRatio))
        }

        private func breakout(_ bar: Bar, high: Double?, low: Double?, _ p: TriggersParameters) -> Fired? {
            if let high, high > 0 {
                let abovePct = (bar.close / high - 1) * 100
                if abovePct >= p.breakoutPct {
                    return (.breakout, .buy, strength(abovePct, threshold: p.breakoutPct))
                }
            }
            if p.allowShort, let low, low > 0 {
                let belowPct = (1 - bar.close / low) * 100
                if belowPct >= p.breakoutPct {
                    return (.breakout, .sell, strength(belowPct, threshold: p.breakoutPct))
                }
            }
            return nil
        }

        private func momentum(_ bar: Bar, _ p: TriggersParameters) -> Fired? {
            guard closes.isFull, let start = closes.first, start > 0 else { return nil }
            let returnPct = (bar.close / start - 1) * 100
            if returnPct >= p.momentumPct {
                return (.momentum, .buy, strength(returnPct, threshold: p.momentumPct))
            }
            if p.allowShort, -returnPct >= p.momentumPct {
                return (.momentum, .sell, strength(-returnPct, threshold: p.momentumPct))
            }
            return nil
        }

        /// A V in the closes of the window: its high comes before its low, the fall from high
        /// to low is at least `reversalDropPct` and the close is `reversalRecoveryPct` off the low.
        /// A window whose high comes after its low has already recovered past the old peak:
        /// that is a breakout or momentum, not a reversal.
        private func reversal(_ bar: Bar, _ p: TriggersParameters) -> Fired? {
            guard let high = closeHigh.value, let low = closeLow.value, low > 0,
                  let highAge = closeHigh.updatesSinceHigh, let lowAge = closeLow.updatesSinceLow,
                  highAge > lowAge
            else { return nil }
            let dropPct = (1 - low / high) * 100
            let recoveryPct = (bar.close / low - 1) * 100
            guard dropPct >= p.reversalDropPct, recoveryPct >= p.reversalRecoveryPct else { return nil }
            return (.reversal, .buy, strength(recoveryPct, threshold: p.reversalRecoveryPct))
        }

        /// measure / (2 × threshold), capped at 1: 0.5 when a trigger just fires.
        private func strength(_ measure: Double, threshold: Double) -> Double {
            threshold > 0 ? min(1, measure / (2 * threshold)) : 1
        }

        /// |close − open| / (high − low), 0 for a bar without range.
        private func bodyFraction(_ bar: Bar) -> Double {
            let range = bar.high - bar.low
            return range > 0 ? min(1, abs(bar.close - bar.open) / range) : 0
        }
    }
}
