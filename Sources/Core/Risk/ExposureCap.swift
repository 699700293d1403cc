/// A size cap expressed in USD for the buckets an opening order touches: the single source of
/// truth that both `checkOrder` and `suggestGrossUSD` use, so a sized intent can never be vetoed
/// for size.
public struct ExposureCap: Sendable, Hashable {
    public var code: VetoCode
    public var measure: CapMeasure
    public var scope: String?
    /// The most the bucket may hold after the order, in USD.
    public var limitUSD: Double
    /// What the bucket holds before the order, in USD (0 for the per-trade cap).
    public var currentUSD: Double

    /// Room left in the bucket, never negative.
    public var headroomUSD: Double { max(0, limitUSD - currentUSD) }

    /// Whether the bucket stays within its cap after adding `grossUSD`. The tolerance only absorbs
    /// floating-point rounding (a nano-dollar per dollar of limit), never a real breach.
    public func admits(grossUSD: Double) -> Bool {
        currentUSD + grossUSD <= limitUSD + max(1, abs(limitUSD)) * 1e-9
    }

    /// The limit and the after-order value in the cap's display unit.
    func check(grossUSD: Double, navUSD: Double) -> CapCheck {
        let after = currentUSD + grossUSD
        let scale: Double
        switch measure {
        case .navPct: scale = 100 / navUSD
        case .navMultiple: scale = 1 / navUSD
        default: scale = 1
        }
        return CapCheck(code: code, measure: measure, scope: scope, limit: limitUSD * scale,
                        value: after * scale, passed: admits(grossUSD: grossUSD))
    }
}

extension RiskLimits {
    /// The USD size caps for an opening order on `symbol`, with NAV-percent
    /// caps scaled by the regime multiplier. Caps that do not apply (no per-symbol cap configured,
    /// a symbol outside the universe) are left out.
    public func exposureCaps(
        symbol: String, state: RiskState, book: ExposureBook, universe: PairsUniverse
    ) -> [ExposureCap] {
        let nav = state.navUSD
        let multiplier = multiplier(for: state.regime)
        func navPctUSD(_ pct: Double) -> Double { nav * pct * multiplier / 100 }

        var caps: [ExposureCap] = [
            ExposureCap(code: .maxTradeNavPct, measure: .navPct, scope: nil,
                        limitUSD: navPctUSD(global.maxTradeNavPct), currentUSD: 0),
        ]
        if let symbolPct = perSymbol[symbol]?.maxNavPct {
            caps.append(ExposureCap(code: .maxSymbolNavPct, measure: .navPct, scope: symbol,
                                    limitUSD: navPctUSD(symbolPct), currentUSD: book.symbolExposureUSD(symbol)))
        }
        caps.append(ExposureCap(code: .maxGrossExposure, measure: .navMultiple, scope: nil,
                                limitUSD: nav * global.maxGrossExposureXNav, currentUSD: book.grossExposureUSD))
        if let entry = universe.symbols[symbol] {
            if let tierLimit = tiers[entry.tier] {
                caps.append(ExposureCap(code: .tierCap, measure: .navPct, scope: entry.tier.rawValue,
                                        limitUSD: navPctUSD(tierLimit.maxNavPct),
                                        currentUSD: book.tierExposure(entry.tier, universe: universe).notionalUSD))
            }
            if let clusterLimit = clusters[entry.cluster] {
                caps.append(ExposureCap(code: .clusterCap, measure: .navPct, scope: entry.cluster,
                                        limitUSD: navPctUSD(clusterLimit.maxNavPct),
                                        currentUSD: book.clusterExposureUSD(entry.cluster, universe: universe)))
            }
        }
        return caps
    }
}
