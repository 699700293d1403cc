/// Running statistics over closed trades, overall and per symbol. Constant memory per symbol.
struct TradeStatistics: Sendable {
    struct Totals: Sendable {
        var trades = 0
        var wins = 0
        var pnlUSD = 0.0
        var feesUSD = 0.0
        var grossWinUSD = 0.0
        var grossLossUSD = 0.0
        var sumR = 0.0

        mutating func add(_ trade: ClosedTrade) {
            trades += 1
            let net = trade.netPnlUSD
            if net > 0 { wins += 1; grossWinUSD += net } else { grossLossUSD -= net }
            pnlUSD += trade.pnlUSD
            feesUSD += trade.feesUSD
            sumR += trade.rMultiple
        }

        var winRate: Double { trades > 0 ? Double(wins) / Double(trades) : 0 }
        /// Σ winning net PnL / Σ |losing net PnL|; nil when there was no loss to divide by.
        var profitFactor: Double? { grossLossUSD > 0 ? grossWinUSD / grossLossUSD : nil }
        var averageR: Double { trades > 0 ? sumR / Double(trades) : 0 }
    }

    private(set) var overall = Totals()
    private(set) var bySymbol: [String: Totals] = [:]

    mutating func add(_ trade: ClosedTrade) {
        overall.add(trade)
        bySymbol[trade.symbol, default: Totals()].add(trade)
    }
}
