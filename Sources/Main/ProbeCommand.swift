import ArgumentParser
import Foundation
import HedgeCore

/// `hedge probe …`: run one piece of the pure core on files and print its JSON.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Run one core computation on input files and print JSON.",
        subcommands: [ScreenerProbeCommand.self, ExpectancyProbeCommand.self, ScoringProbeCommand.self,
                      AllocatorProbeCommand.self, CompareProbeCommand.self]
    )
}

/// `hedge probe screener --intent FILE --state FILE`: one `checkOrder` decision.
/// Exit 0 when evaluated (allowed or not), 2 on unreadable input, 78 on a bad config.
struct ScreenerProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screener",
        abstract: "Evaluate an intent against a risk state: prints {allowed, vetoes, detail}."
    )

    @Option(help: "Intent JSON: {symbol, side: BUY|SELL, gross_usd, leverage, strategy, reduce_only?}.")
    var intent: String

    @Option(help: "Risk state JSON: {nav_usd, nav_age_s, positions, daily_pnl_pct, drawdown_pct, …} (docs/risk.md).")
    var state: String

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let config = try options.load()
        do {
            let intent = try InputFileError.decode(OrderIntent.self, path: intent)
            let state = try InputFileError.decode(RiskState.self, path: state)
            let decision = checkOrder(intent, state: state, limits: config.riskLimits, universe: config.universe)
            print(try JSONOutput.encode(decision))
        } catch let error as InputFileError {
            printError("hedge probe screener: \(error)")
            throw ExitStatus.badInput
        }
    }
}
