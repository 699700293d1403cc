import ArgumentParser
import Foundation
import HedgeCore
import HedgeStore

/// `hedge audit`: what the store recorded — runs, risk decisions, orders, fills and kill-switch
/// changes — from a time on, of one symbol; as text, or as one JSON object with `--json`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Runs, decisions, orders and fills from the store (text, or --json)."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "From this time on, ISO 8601 UTC (2025-01-01 or 2025-01-01T00:00:00Z).")
    var since: String?

    @Option(help: "Only this symbol.")
    var symbol: String?

    @Option(help: "At most this many records of each kind (the most recent).")
    var limit: Int = 1_000

    @Flag(help: "One JSON object {runs, orders, fills, decisions, kill_switch} on stdout.")
    var json = false

    func validate() throws {
        if let since, UTCTime.parse(since) == nil {
            throw ValidationError("--since must be an ISO 8601 UTC time like 2025-01-01 or 2025-01-01T00:00:00Z, got \"\(since)\"")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    struct Report: Encodable {
        var runs: [StoredRun]
        var orders: [StoredOrder]
        var fills: [StoredFill]
        var decisions: [StoredDecision]
        var killSwitch: [KillSwitchChange]

        enum CodingKeys: String, CodingKey {
            case runs, orders, fills, decisions
            case killSwitch = "kill_switch"
        }
    }

    func run() async throws {
        let opened = try store.open(command: "hedge audit")
        let filter = AuditFilter(sinceMs: since.flatMap(UTCTime.parse), symbol: symbol?.uppercased(), limit: limit)
        let report: Report
        do {
            report = Report(runs: try await opened.runs(filter), orders: try await opened.orders(filter),
                            fills: try await opened.fills(filter), decisions: try await opened.decisions(filter),
                            killSwitch: try await opened.killSwitchChanges(filter))
        } catch {
            printError("hedge audit: \(error)")
            throw ExitStatus.failure
        }
        if json {
            print(try JSONOutput.encode(report))
            return
        }
        print("runs (\(report.runs.count)):")
        for run in report.runs {
            let end = run.endedAtMs.map { UTCTime.iso8601(ms: $0) } ?? "—"
            print("  \(run.runId)  \(UTCTime.iso8601(ms: run.startedAtMs)) → \(end)  \(run.mode)/\(run.venue)  \(run.exitStatus ?? "never recorded (killed)")")
        }
        print("orders (\(report.orders.count)):")
        for order in report.orders {
            print("  \(UTCTime.iso8601(ms: order.createdAtMs))  \(order.clientOrderId)  \(order.symbol) \(order.side.rawValue) "
                + "\(order.positionSide?.rawValue ?? "-") \(order.type) \(order.quantity.venueString)"
                + (order.price.map { " @ \($0.venueString)" } ?? "") + "  \(order.status.rawValue) filled \(order.filledQuantity.venueString)"
                + (order.reason.map { "  (\($0))" } ?? ""))
        }
        print("fills (\(report.fills.count)):")
        for fill in report.fills {
            print("  \(UTCTime.iso8601(ms: fill.timeMs))  \(fill.symbol) \(fill.side.rawValue) \(fill.quantity.venueString) @ "
                + "\(fill.price.venueString)  fee \(fill.feeUSD.venueString)  \(fill.clientOrderId)\(fill.foreign ? "  (not ours)" : "")")
        }
        let vetoed = report.decisions.filter { !$0.allowed }
        print("decisions (\(report.decisions.count), \(vetoed.count) vetoed):")
        for decision in report.decisions.suffix(50) {
            print("  \(UTCTime.iso8601(ms: decision.timeMs))  \(decision.symbol) \(decision.side.rawValue) \(decision.strategy)  "
                + (decision.allowed ? "allowed" : "vetoed \(decision.vetoes.joined(separator: ","))"))
        }
        if !report.killSwitch.isEmpty {
            print("kill switch:")
            for change in report.killSwitch {
                print("  \(UTCTime.iso8601(ms: change.timeMs))  \(change.engaged ? "on" : "off")  \(change.source): \(change.reason)")
            }
        }
    }
}
