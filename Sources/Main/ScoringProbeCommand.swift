import ArgumentParser
import HedgeCore

/// `hedge probe scoring --trades FILE [--router-metrics FILE]`: symbol scores with their
/// components. Exit 0 (empty input gives `sample_count` 0), 2 on a bad line.
struct ScoringProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scoring",
        abstract: "Score symbols in [0, 1] from trades and router metrics: prints {sample_count, scores}."
    )

    @Option(help: "trades.jsonl: one ClosedTrade per line.")
    var trades: String

    @Option(name: .customLong("router-metrics"), help: "order_metrics.jsonl: one router metrics row per order.")
    var routerMetrics: String?

    func run() throws {
        let records = try readLines(ClosedTrade.self, path: trades, command: "scoring")
        let metrics = try routerMetrics.map { try readLines(OrderMetricsRecord.self, path: $0, command: "scoring") } ?? []
        print(try JSONOutput.encode(SymbolScoreReport(trades: records, health: RouterHealth.bySymbol(metrics))))
    }
}
