import ArgumentParser
import Foundation
import HedgeCore

/// `hedge probe allocator --trades FILE --nav USD [--router-metrics FILE] [--config DIR]`: the
/// feedback allocator's current versus proposed caps. Suggestions only; writes nothing.
/// Exit 0, 2 on a bad input line, 78 on a bad config.
struct AllocatorProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocator",
        abstract: "Propose per-symbol caps and concurrency from scores: prints current vs proposed."
    )

    @Option(help: "trades.jsonl: one ClosedTrade per line.")
    var trades: String

    @Option(help: "NAV in USD, > 0 (caps are also shown in USD at this NAV).")
    var nav: Double

    @Option(name: .customLong("router-metrics"), help: "order_metrics.jsonl for the router components of the scores.")
    var routerMetrics: String?

    @Option(name: .customLong("min-samples"), help: "Trades at which a symbol's score counts fully.")
    var minSamples: Int = AllocatorParameters.default.minSampleSize

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard nav.isFinite, nav > 0 else { throw ValidationError("--nav must be a number > 0, got \(nav)") }
        guard minSamples >= 1 else { throw ValidationError("--min-samples must be ≥ 1, got \(minSamples)") }
    }

    func run() throws {
        let config = try options.load()
        let records = try readLines(ClosedTrade.self, path: trades, command: "allocator")
        let metrics = try routerMetrics.map { try readLines(OrderMetricsRecord.self, path: $0, command: "allocator") } ?? []
        let scores = SymbolScoreReport(trades: records, health: RouterHealth.bySymbol(metrics))
        let parameters = AllocatorParameters(minSampleSize: minSamples)
        let proposal = proposeAllocation(scores: scores.scores,
                                         expectancy: ExpectancySnapshot.build(trades: records, minSampleSize: minSamples),
                                         limits: config.riskLimits, universe: config.universe, navUSD: nav,
                                         parameters: parameters)
        print(try JSONOutput.encode(proposal))
    }
}
