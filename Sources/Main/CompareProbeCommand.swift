import ArgumentParser
import HedgeCore

/// `hedge probe compare --shadow FILE --executed FILE [--window-seconds S] [--min-samples N]`:
/// aligns shadow decisions with live fills and prints the compare summary. Exit 0 (empty input
/// gives a warm-up summary with `sample_count` 0), 2 on a bad line.
struct CompareProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare shadow decisions with executed fills: prints the compare summary."
    )

    @Option(help: "pipeline_v6_shadow.jsonl: one shadow decision per line.")
    var shadow: String

    @Option(help: "orders_executed.jsonl: FILL lines are compared, other events skipped.")
    var executed: String

    @Option(name: .customLong("window-seconds"), help: "Time window for matching without an intent id.")
    var windowSeconds: Double = 60

    @Option(name: .customLong("min-samples"), help: "Matched pairs before the summary leaves warm-up.")
    var minSamples: Int = CompareParameters.default.minSampleSize

    func validate() throws {
        guard windowSeconds.isFinite, windowSeconds >= 0, windowSeconds < 1e9 else {
            throw ValidationError("--window-seconds must be a number ≥ 0, got \(windowSeconds)")
        }
        guard minSamples >= 1 else { throw ValidationError("--min-samples must be ≥ 1, got \(minSamples)") }
    }

    func run() throws {
        let decisions = try readLines(ShadowDecisionRecord.self, path: shadow, command: "compare")
        let fills = try readLines(ExecutedOrderRecord.Line.self, path: executed, command: "compare").compactMap(\.record)
        let parameters = CompareParameters(window: .milliseconds(Int64((windowSeconds * 1000).rounded())), minSampleSize: minSamples)
        print(try JSONOutput.encode(CompareSummary(decisions: decisions, executed: fills, parameters: parameters)))
    }
}
