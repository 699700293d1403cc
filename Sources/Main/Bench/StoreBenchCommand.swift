import ArgumentParser
import Foundation
import HedgeActors
import HedgeCore
import HedgeStore

/// `hedge bench store`: what making an order durable costs on the order path. The order journal
/// append (one `write(2)`, what the router pays before a venue call), idle and while the store's
/// writer commits batches; and, for comparison, one SQLite commit per order (what writing the
/// row ahead in the database would cost).
struct StoreBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Order journal append and SQLite commit latency (p50/p99/p99.9), idle and under write-behind load."
    )

    @Option(help: "Orders per measurement.")
    var orders: Int = 5_000

    @Option(name: .customLong("batch"), help: "Records per write-behind batch in the loaded measurements.")
    var batch: Int = 8

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-bench-store-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteTradingStore(path: "\(directory)/hedge.sqlite")
        let journal = try OrderJournal(path: "\(directory)/orders.journal")
        print("bench store: \(orders) orders per line")
        print("  journal line, built only:    " + (try await measure(store, "jb", load: false) { order in
            var line: [UInt8] = []
            line.reserveCapacity(512)
            order.appendJSON(to: &line)
            if line.isEmpty { throw CLIError("empty line") }
        }))
        print("  journal append, idle:        " + (try await measure(store, "ji", load: false) { try journal.append($0) }))
        print("  journal append, store busy:  " + (try await measure(store, "jl", load: true) { try journal.append($0) }))
        print("  SQLite commit per order, idle:       " + (try await measure(store, "si", load: false) { _ = try await store.apply([.order($0)]) }))
        print("  SQLite commit per order, store busy: " + (try await measure(store, "sl", load: true) { _ = try await store.apply([.order($0)]) }))
    }

    private func measure(_ store: SQLiteTradingStore, _ prefix: String, load: Bool,
                         _ write: (StoredOrder) async throws -> Void) async throws -> String {
        let clock = ContinuousClock()
        let background: Task<Int, any Error>? = load ? Task.detached { [batch] in
            var written = 0
            while !Task.isCancelled {
                let writes = (0..<batch).map { index in
                    StoreWrite.orderEvent(StoredOrderEvent(clientOrderId: "bg-\(written + index)", kind: "FILL", status: "FILLED",
                                                           timeMs: Int64(written + index)))
                }
                do {
                    _ = try await store.apply(writes)
                } catch where Task.isCancelled {
                    break
                }
                written += batch
            }
            return written
        } : nil
        var latencies: [Double] = []
        latencies.reserveCapacity(orders)
        for index in 0..<orders {
            let order = StoredOrder(clientOrderId: "hm-\(prefix)-\(index)", runId: prefix, intentId: "i-\(index)", symbol: "BTCUSDT", side: .buy,
                                    positionSide: .long, type: "LIMIT", timeInForce: "GTX", reduceOnly: false, quantity: 0.031,
                                    price: Decimal(string: "94551.2"), opening: true, route: "maker", fallback: false, strategy: "bench",
                                    createdAtMs: Int64(index), updatedAtMs: Int64(index))
            let start = clock.now
            try await write(order)
            let elapsed = start.duration(to: clock.now)
            latencies.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
        }
        background?.cancel()
        let written = try await background?.value ?? 0
        latencies.sort()
        func percentile(_ p: Double) -> String {
            Percentile.nearestRank(sorted: latencies, percent: p).map { fixedPoint($0, 1) + " µs" } ?? "n/a"
        }
        return "p50 \(percentile(50)), p99 \(percentile(99)), p99.9 \(percentile(99.9))" + (load ? " (\(written) background records)" : "")
    }
}
