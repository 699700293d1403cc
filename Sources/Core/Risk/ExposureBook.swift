/// The account's open legs aggregated the ways risk caps look at them: per symbol and leg, per
/// tier, per cluster, per strategy. Built from a `RiskState` for one decision; pure value.
public struct ExposureBook: Sendable, Hashable {
    /// |notional| per symbol and leg, in USD (duplicates of one leg are summed).
    public private(set) var legs: [String: [PositionSide: Double]] = [:]
    /// Symbols each strategy holds.
    public private(set) var symbolsByStrategy: [String: Set<String>] = [:]

    public init(positions: [PositionExposure]) {
        for position in positions where position.notionalUSD > 0 {
            legs[position.symbol, default: [:]][position.side, default: 0] += position.notionalUSD
            symbolsByStrategy[position.strategy, default: []].insert(position.symbol)
        }
    }

    /// Σ |notional| of the symbol's legs.
    public func symbolExposureUSD(_ symbol: String) -> Double {
        legs[symbol]?.values.reduce(0, +) ?? 0
    }

    public func legNotionalUSD(_ symbol: String, _ side: PositionSide) -> Double {
        legs[symbol]?[side] ?? 0
    }

    /// Gross exposure: Σ |notional| over every leg of every symbol.
    public var grossExposureUSD: Double {
        legs.values.reduce(0) { $0 + $1.values.reduce(0, +) }
    }

    /// Symbols with any open leg (a symbol counts once whatever its legs).
    public var openSymbols: Set<String> { Set(legs.keys) }

    public func holds(_ symbol: String) -> Bool { legs[symbol] != nil }

    /// Total notional of the tier's symbols and how many of them are open.
    public func tierExposure(_ tier: Tier, universe: PairsUniverse) -> (notionalUSD: Double, count: Int) {
        var notional = 0.0
        var count = 0
        for symbol in legs.keys where universe.symbols[symbol]?.tier == tier {
            notional += symbolExposureUSD(symbol)
            count += 1
        }
        return (notional, count)
    }

    /// Total notional of the cluster's symbols.
    public func clusterExposureUSD(_ cluster: String, universe: PairsUniverse) -> Double {
        legs.keys.filter { universe.symbols[$0]?.cluster == cluster }.reduce(0) { $0 + symbolExposureUSD($1) }
    }

    /// How many symbols `strategy` holds.
    public func strategyPositionCount(_ strategy: String) -> Int {
        symbolsByStrategy[strategy]?.count ?? 0
    }

    public func strategyHolds(_ strategy: String, _ symbol: String) -> Bool {
        symbolsByStrategy[strategy]?.contains(symbol) ?? false
    }
}
