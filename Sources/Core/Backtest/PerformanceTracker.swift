import Foundation

/// Online performance statistics over the equity curve: constant memory whatever the number of
/// bars. Returns are per equity sample (one per distinct bar time); Sharpe and Sortino are
/// annualised with the number of samples per year implied by the first time step. `Double`
/// analytics.
struct PerformanceTracker: Sendable {
    let initialEquity: Double
    private(set) var firstTimeMs: Int64?
    private(set) var lastTimeMs: Int64?
    private(set) var stepMs: Int64?
    private(set) var lastEquity: Double
    private var peakEquity: Double
    private var peakTimeMs: Int64?
    private(set) var maxDrawdownPct = 0.0
    private(set) var maxDrawdownDurationMs: Int64 = 0
    // Welford over per-sample returns, plus the downside second moment.
    private var returnCount = 0
    private var returnMean = 0.0
    private var returnM2 = 0.0
    private var downsideSquares = 0.0
    private var exposedMs: Int64 = 0
    private var wasExposed = false

    init(initialEquity: Double) {
        self.initialEquity = initialEquity
        lastEquity = initialEquity
        peakEquity = initialEquity
    }

    /// Records equity at `timeMs`; `exposed` says whether any leg is open from now until the next
    /// sample. Returns the drawdown from the running peak, in percent.
    mutating func sample(timeMs: Int64, equity: Double, exposed: Bool) -> Double {
        if let last = lastTimeMs {
            if stepMs == nil { stepMs = timeMs - last }
            if wasExposed { exposedMs += timeMs - last }
            if lastEquity > 0 {
                let r = equity / lastEquity - 1
                returnCount += 1
                let delta = r - returnMean
                returnMean += delta / Double(returnCount)
                returnM2 += delta * (r - returnMean)
                if r < 0 { downsideSquares += r * r }
            }
        } else {
            firstTimeMs = timeMs
            peakTimeMs = timeMs
        }
        lastTimeMs = timeMs
        lastEquity = equity
        wasExposed = exposed
        if equity >= peakEquity {
            peakEquity = equity
            peakTimeMs = timeMs
            return 0
        }
        let drawdown = peakEquity > 0 ? (peakEquity - equity) / peakEquity * 100 : 0
        maxDrawdownPct = max(maxDrawdownPct, drawdown)
        maxDrawdownDurationMs = max(maxDrawdownDurationMs, timeMs - (peakTimeMs ?? timeMs))
        return drawdown
    }

    private var periodsPerYear: Double? {
        guard let stepMs, stepMs > 0 else { return nil }
        return 365.0 * 86_400_000 / Double(stepMs)
    }

    var sharpe: Double {
        guard returnCount > 1, let periodsPerYear else { return 0 }
        let deviation = (returnM2 / Double(returnCount - 1)).squareRoot()
        return deviation > 0 ? returnMean / deviation * periodsPerYear.squareRoot() : 0
    }

    var sortino: Double {
        guard returnCount > 1, let periodsPerYear else { return 0 }
        let downside = (downsideSquares / Double(returnCount)).squareRoot()
        return downside > 0 ? returnMean / downside * periodsPerYear.squareRoot() : 0
    }

    var spanMs: Int64 { (lastTimeMs ?? 0) - (firstTimeMs ?? 0) }

    var exposurePct: Double { spanMs > 0 ? Double(exposedMs) / Double(spanMs) * 100 : 0 }

    /// Compound annual growth over the sampled span; 0 for an empty or instantaneous run.
    var cagrPct: Double {
        guard spanMs > 0, initialEquity > 0, lastEquity > 0 else { return 0 }
        let years = Double(spanMs) / (365.0 * 86_400_000)
        return (Foundation.pow(lastEquity / initialEquity, 1 / years) - 1) * 100
    }
}
