import ArgumentParser
import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import Logging

/// `hedge bench mesh`: market events through the whole mesh (signal → risk → router → venue) on
/// the sim venue, as fast as the mesh takes them. Prints event-to-order-request latency
/// (p50/p99/p99.9 over the bars that led to an order), the sustained events/s, and resident
/// memory after 1 and after 10 simulated hours.
struct MeshBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh",
        abstract: "Event-to-order latency and events/s through the actor mesh on the sim venue."
    )

    @Option(help: "Simulated hours of 1-minute bars to replay (per symbol of --data).")
    var hours: Int = 10

    @Option(help: "1-minute bar data (a directory of SYMBOL-1m.csv).")
    var data: String = "data/demo/1m"

    @Option(help: "Pace bar events at this rate (events/s); 0 sends each as soon as the previous one was acted on.")
    var rate: Double = 10_000

    @Flag(help: "Trade on most bars: ema_cross(2, 4) on top of the configured strategies and the trade-count limits lifted, so the latency percentiles rest on thousands of orders instead of a handful.")
    var dense = false

    @Flag(name: .customLong("no-store"), help: "Run without the store and the order journal (to measure what they cost).")
    var noStore = false

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        var config = try options.load()
        // Telemetry goes to a throw-away directory; the mesh does its full work.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hedge-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        config.runtime.stateDirectory = scratch + "/logs/state"
        if dense {
            config.strategies.strategies["ema_cross"] = StrategyConfig.Entry(
                enabled: true, parameters: .emaCross(EmaCrossParameters(fastPeriod: 2, slowPeriod: 4, quantity: 0.01)))
            config.riskLimits.global.maxTradesPerHour = 1_000_000
            config.riskLimits.global.maxTradesPerDay = 1_000_000
            // A latency benchmark, not a risk test: a losing streak must not pause entries for the
            // rest of the run (the cooldown is measured in wall minutes; the run lasts seconds).
            config.riskLimits.global.lossCooldown.consecutiveLosses = Int.max
        }
        let quiet = Logger(label: "hedge.bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let dataSet = try MarketDataSet.open(path: data)
        let sim = SimExchange(configuration: SimExchangeConfiguration(initialWalletUSD: 100_000), logger: quiet)
        let venue = OrderTimingExchange(sim)
        let replay = try SimReplay(exchange: sim, dataSet: dataSet)
        let runtime = try await Daemon.open(config: config, exchange: venue, storage: noStore ? .none : .stateDirectory, logger: quiet).runtime
        let (shutdown, trigger) = AsyncStream.makeStream(of: Void.self)
        let run = Task { try await runtime.run(until: shutdown) }
        // A bar stepped before the mesh subscribed would be lost and the driver would wait forever.
        await runtime.waitUntilTrading()

        let clock = ContinuousClock()
        let symbols = max(1, dataSet.symbols.count)
        let totalBars = hours * 60 * symbols
        var latencies: [Double] = []
        var rssAfterOneHour: Double?
        // Resident memory every 6 simulated hours: bounded buffers fill and then stay flat; a leak keeps climbing.
        var rssByHour: [(hour: Int, megabytes: Double)] = []
        _ = venue.takeRequests()
        let start = clock.now
        // Each processed bar is announced on this stream, so the driver waits without polling the
        // mesh's actors (polling competed with the work it measures).
        let (done, announce) = AsyncStream.makeStream(of: Void.self)
        await runtime.signal.onBarProcessed { announce.yield() }
        var doneIterator = done.makeAsyncIterator()
        var processed = await runtime.barsProcessed()
        let spacing: Duration? = rate > 0 ? .nanoseconds(Int64(1e9 / rate)) : nil
        for index in 0..<totalBars {
            if let spacing {
                let due = start.advanced(by: spacing * index)
                if clock.now < due { try await clock.sleep(until: due) }
            }
            guard try await replay.step() != nil else { break }
            _ = await doneIterator.next()
            processed += 1
            // One bar event per step: its emission is the start, the first order request the end.
            let emitted = venue.takeEmissions().last
            if let emitted, let first = venue.takeRequests().first {
                let elapsed = emitted.duration(to: first)
                latencies.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
            }
            if index + 1 == 60 * symbols { rssAfterOneHour = PeakMemory.currentResidentMegabytes() }
            if (index + 1) % (360 * symbols) == 0, let megabytes = PeakMemory.currentResidentMegabytes() {
                rssByHour.append(((index + 1) / (60 * symbols), megabytes))
            }
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rssAfterAll = PeakMemory.currentResidentMegabytes()
        // What shaped the order count: the vetoes and how maker entries ended.
        let vetoes = await runtime.risk.snapshotPayload(symbol: nil).vetoesByCode
        let maker = await runtime.router.healthPayload().maker
        trigger.yield()
        _ = try await run.value

        latencies.sort()
        func percentile(_ p: Double) -> String {
            Percentile.nearestRank(sorted: latencies, percent: p).map { fixedPoint($0, 1) + " µs" } ?? "n/a"
        }
        print("bench mesh: \(processed) bar events (\(symbols) symbols, \(hours) simulated hours\(dense ? ", dense trading" : "")), \(latencies.count) led to an order, store \(noStore ? "off" : "on")")
        print("  paced at: \(rate > 0 ? "\(Int(rate)) events/s" : "as fast as the mesh takes them")")
        print("  event → order request: p50 \(percentile(50)), p99 \(percentile(99)), p99.9 \(percentile(99.9))")
        print("  sustained: \(Int(Double(processed) / seconds)) events/s over \(fixedPoint(seconds, 2)) s")
        print("  resident memory: after 1 h \(rssAfterOneHour.map { fixedPoint($0, 1) + " MB" } ?? "n/a"), after \(hours) h \(rssAfterAll.map { fixedPoint($0, 1) + " MB" } ?? "n/a")")
        print("  vetoes: " + (vetoes.isEmpty ? "none" : vetoes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        print("  maker entries: re-priced \(maker.repriced), timed out \(maker.timedOut), taker fallbacks \(maker.takerFallbacks), abandoned \(maker.abandoned.values.reduce(0, +))")
        if !rssByHour.isEmpty {
            print("  resident memory every 6 h: " + rssByHour.map { "\($0.hour) h \(fixedPoint($0.megabytes, 2))" }.joined(separator: ", ") + " MB")
        }
    }
}
