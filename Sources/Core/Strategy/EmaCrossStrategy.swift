/// `ema_cross`: the classic engine-comparison baseline, specified tightly enough that another
/// engine can reproduce its fills:
/// - EMAs of close seeded with the first close, α = 2 / (n + 1);
/// - signals start once `slow` closes have been seen;
/// - long while fast > slow, short while fast < slow, hold on equality;
/// - always in the market with a fixed quantity (`qty`), so a signal is emitted each time the
///   wanted side changes (the backtest closes the other leg and opens this one).
public struct EmaCrossStrategy: Strategy {
    public let name: String
    public let parameters: EmaCrossParameters
    private var states = SymbolTable<SymbolState>()

    private struct SymbolState: Sendable {
        var fast = 0.0
        var slow = 0.0
        var seen = 0
        var holding: Side?
    }

    public init(parameters: EmaCrossParameters = .defaults, name: String = "ema_cross") {
        self.parameters = parameters
        self.name = name
    }

    public var warmupBars: Int { parameters.slowPeriod + 1 }

    public mutating func onBar(_ bar: Bar, symbol: String, regime: Regime) -> [StrategySignal] {
        guard bar.isUsable else { return [] }
        let parameters = parameters
        let wanted: Side? = states.withValue(for: symbol, make: { SymbolState() }) { state in
            if state.seen == 0 {
                state.fast = bar.close
                state.slow = bar.close
            } else {
                state.fast += (bar.close - state.fast) * 2 / Double(parameters.fastPeriod + 1)
                state.slow += (bar.close - state.slow) * 2 / Double(parameters.slowPeriod + 1)
            }
            state.seen += 1
            guard state.seen >= parameters.slowPeriod, state.fast != state.slow else { return nil }
            let want: Side = state.fast > state.slow ? .buy : .sell
            guard want != state.holding else { return nil }
            state.holding = want
            return want
        }
        guard let want = wanted else { return [] }
        return [StrategySignal(
            symbol: symbol, side: want, timeMs: bar.openTimeMs, referencePrice: bar.close, conviction: 1,
            stopPrice: nil, takeProfitPrice: nil, sizeNavPct: 0,
            reason: want == .buy ? "\(name).fast_above_slow" : "\(name).fast_below_slow",
            strategy: name, regime: regime, quantity: parameters.quantity)]
    }
}

/// `ema_cross` parameters: `fast`, `slow` (periods, fast < slow) and `qty` (base quantity).
public struct EmaCrossParameters: Sendable, Hashable {
    public var fastPeriod: Int
    public var slowPeriod: Int
    public var quantity: Double

    public init(fastPeriod: Int = 10, slowPeriod: Int = 30, quantity: Double = 1) {
        self.fastPeriod = fastPeriod
        self.slowPeriod = slowPeriod
        self.quantity = quantity
    }

    public static let defaults = EmaCrossParameters()

    /// Reads `fast`, `slow` and `qty`; defaults for absent keys; nil when any problem was found.
    public static func read(from reader: inout ConfigObjectReader, problems: inout ConfigProblems) -> EmaCrossParameters? {
        let before = problems.all.count
        let d = EmaCrossParameters.defaults
        let fast = reader.integer("fast", .atLeast(1), required: false, problems: &problems) ?? d.fastPeriod
        let slow = reader.integer("slow", .atLeast(1), required: false, problems: &problems) ?? d.slowPeriod
        let quantity = reader.number("qty", .positive, required: false, problems: &problems) ?? d.quantity
        guard problems.all.count == before else { return nil }
        if fast >= slow {
            problems.add(reader.file, reader.keyPath("fast"), "must be less than slow (\(slow)), got \(fast)")
            return nil
        }
        return EmaCrossParameters(fastPeriod: fast, slowPeriod: slow, quantity: quantity)
    }
}
