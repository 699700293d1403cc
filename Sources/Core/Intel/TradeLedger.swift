/// Running sums over closed trades that the learning layer needs: expectancy per bucket (symbol ×
/// UTC hour of exit × regime) and per-symbol score inputs. Constant memory per bucket and symbol,
/// so a backtest or the live IntelActor can feed it trade by trade without keeping the trades.
/// `ExpectancySnapshot.build(trades:)` and `SymbolScoreInputs(trades:health:)` are folds over it.
public struct TradeLedger: Sendable {
    struct BucketSums: Sendable {
        var count = 0, wins = 0, pnl = 0.0, r = 0.0
    }

    struct SymbolSums: Sendable {
        var trades = 0
        var netSum = 0.0, feeSum = 0.0, notionalSum = 0.0
        // Welford over per-trade net return (net PnL / entry notional), for the per-trade Sharpe.
        var returnCount = 0, returnMean = 0.0, returnM2 = 0.0
    }

    private var buckets: [ExpectancyKey: BucketSums] = [:]
    private var symbols: [String: SymbolSums] = [:]
    public private(set) var tradeCount = 0

    public init() {}

    public init(trades: [ClosedTrade]) {
        for trade in trades { add(trade) }
    }

    public mutating func add(_ trade: ClosedTrade) {
        tradeCount += 1
        let net = trade.netPnlUSD
        let key = ExpectancyKey(symbol: trade.symbol, hourUTC: UTCTime.hourOfDay(ms: trade.exitTimeMs), regime: trade.regime)
        buckets[key, default: BucketSums()].count += 1
        buckets[key, default: BucketSums()].pnl += net
        buckets[key, default: BucketSums()].r += trade.rMultiple
        if net > 0 { buckets[key, default: BucketSums()].wins += 1 }

        symbols[trade.symbol, default: SymbolSums()].trades += 1
        let notional = abs(trade.entryPrice * trade.quantity)
        guard notional.isFinite, notional > 0, net.isFinite, trade.feesUSD.isFinite else { return }
        var sums = symbols[trade.symbol] ?? SymbolSums()
        sums.netSum += net
        sums.feeSum += trade.feesUSD
        sums.notionalSum += notional
        let r = net / notional
        sums.returnCount += 1
        let delta = r - sums.returnMean
        sums.returnMean += delta / Double(sums.returnCount)
        sums.returnM2 += delta * (r - sums.returnMean)
        symbols[trade.symbol] = sums
    }

    /// The expectancy snapshot of every trade added so far.
    public func expectancy(minSampleSize: Int = ExpectancySnapshot.defaultMinSampleSize) -> ExpectancySnapshot {
        let minimum = max(minSampleSize, 1)
        let list = buckets.map { key, s in
            let n = Double(s.count)
            return ExpectancyBucket(symbol: key.symbol, hour: key.hourUTC, regime: key.regime, count: s.count,
                                    meanPnl: s.pnl / n, winRate: Double(s.wins) / n, meanR: s.r / n,
                                    isWarmup: s.count < minimum)
        }
        return ExpectancySnapshot(sampleCount: tradeCount, minSampleSize: minimum, buckets: list.sorted(by: ExpectancySnapshot.bucketOrder))
    }

    /// Score inputs of `symbol` from its trades plus, when given, its router health.
    public func scoreInputs(for symbol: String, health: RouterHealth?) -> SymbolScoreInputs {
        let sums = symbols[symbol] ?? SymbolSums()
        let hasNotional = sums.notionalSum > 0
        var sharpe: Double?
        if sums.returnCount >= 2 {
            let deviation = (sums.returnM2 / Double(sums.returnCount - 1)).squareRoot()
            if deviation > 0, deviation.isFinite { sharpe = sums.returnMean / deviation }
        }
        let health = health.flatMap { $0.orderCount > 0 ? $0 : nil }
        return SymbolScoreInputs(
            sampleCount: sums.trades,
            expectancyBps: hasNotional ? sums.netSum / sums.notionalSum * 10_000 : nil,
            sharpe: sharpe,
            feeDragBps: hasNotional ? sums.feeSum / sums.notionalSum * 10_000 : nil,
            slippageBps: health?.meanSlippageBps,
            makerFillRatio: health?.makerFillRatio,
            fallbackRate: health?.fallbackRate)
    }

    /// Scores for every symbol with trades or router health.
    public func scores(health: [String: RouterHealth], parameters: SymbolScoreParameters = .default) -> SymbolScoreReport {
        var scores: [String: SymbolScore] = [:]
        for symbol in Set(symbols.keys).union(health.keys) {
            scores[symbol] = SymbolScore(symbol: symbol, inputs: scoreInputs(for: symbol, health: health[symbol]), parameters: parameters)
        }
        return SymbolScoreReport(sampleCount: tradeCount, scores: scores)
    }
}
