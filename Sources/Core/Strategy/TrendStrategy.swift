/// The `trend` strategy: trades crosses of a fast EMA over a slow EMA of closes.
///
/// BUY when the fast EMA crosses above the slow one, SELL when it crosses below (only with
/// `allowShort`). A cross is a change of sign of `fast − slow` against the last bar on which
/// it was non-zero, so touching without crossing never fires, and the first bar on which both
/// EMAs are ready only records the sign. A cross is traded only when ATR / close (percent) lies
/// within [minAtrPct, maxAtrPct] and the expectancy gate allows the bucket (symbol, UTC hour
/// of the bar's open, regime). The stop sits `stopAtrMultiple` ATRs against the entry (the
/// close), the take-profit `takeProfitAtrMultiple` ATRs in favour (either is nil if it would not be
/// a positive price). Conviction is the close's distance from the slow EMA in ATRs, capped at 1.
///
/// Per-symbol state; deterministic; bars that are not usable (non-finite or inconsistent
/// prices) are skipped without touching the state.
public struct TrendStrategy: Strategy {
    public let name: String
    public let parameters: TrendParameters
    public private(set) var gate: ExpectancyGate
    private var states = SymbolTable<SymbolState>()

    private struct SymbolState: Sendable {
        var fast: EMA
        var slow: EMA
        var atr: ATR
        /// Sign of `fast − slow` on the last bar where both were ready and differed.
        var lastSpreadPositive: Bool?
    }

    public init(parameters: TrendParameters = .defaults, gate: ExpectancyGate = .allowAll, name: String = "trend") {
        self.name = name
        self.parameters = parameters
        self.gate = gate
    }

    public var warmupBars: Int { max(parameters.slowPeriod, parameters.atrPeriod) + 1 }

    public mutating func updateGate(_ gate: ExpectancyGate) { self.gate = gate }

    public mutating func onBar(_ bar: Bar, symbol: String, regime: Regime) -> [StrategySignal] {
        guard bar.isUsable else { return [] }
        let (parameters, gate, name) = (parameters, gate, name)
        return states.withValue(for: symbol, make: {
            SymbolState(fast: EMA(period: parameters.fastPeriod), slow: EMA(period: parameters.slowPeriod),
                        atr: ATR(period: parameters.atrPeriod))
        }) { state in
            Self.signal(for: bar, symbol: symbol, regime: regime, state: &state, parameters: parameters, gate: gate, name: name)
        }
    }

    private static func signal(for bar: Bar, symbol: String, regime: Regime, state: inout SymbolState,
                               parameters: TrendParameters, gate: ExpectancyGate, name: String) -> [StrategySignal] {
        let fast = state.fast.update(bar.close)
        let slow = state.slow.update(bar.close)
        let atr = state.atr.update(bar)

        guard let fast, let slow, fast != slow else { return [] }
        let spreadPositive = fast > slow
        let previous = state.lastSpreadPositive
        state.lastSpreadPositive = spreadPositive
        guard let previous, previous != spreadPositive, let atr else { return [] }

        let side: Side = spreadPositive ? .buy : .sell
        if side == .sell && !parameters.allowShort { return [] }
        let atrPct = atr / bar.close * 100
        guard atrPct >= parameters.minAtrPct, atrPct <= parameters.maxAtrPct, atr > 0 else { return [] }
        guard gate.allows(symbol: symbol, hourUTC: bar.openHourUTC, regime: regime) else { return [] }

        let direction = side == .buy ? 1.0 : -1.0
        let stop = bar.close - direction * parameters.stopAtrMultiple * atr
        let takeProfit = bar.close + direction * parameters.takeProfitAtrMultiple * atr
        return [StrategySignal(
            symbol: symbol,
            side: side,
            timeMs: bar.openTimeMs,
            referencePrice: bar.close,
            conviction: min(1, abs(bar.close - slow) / atr),
            stopPrice: stop > 0 ? stop : nil,
            takeProfitPrice: takeProfit > 0 ? takeProfit : nil,
            sizeNavPct: parameters.sizeNavPct,
            reason: side == .buy ? "\(name).ema_cross_up" : "\(name).ema_cross_down",
            strategy: name,
            regime: regime)]
    }
}
