import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import Logging

/// A daemon over the sim venue, an in-memory telemetry sink and a manual clock: the real actors,
/// driven step by step by a test.
public struct MeshFixture: Sendable {
    public let clock: ManualClock
    public let time: MeshClock
    public let exchange: SimExchange
    public let sink: InMemoryTelemetrySink
    public let runtime: Runtime
    public let config: HedgeConfig

    /// The repository root (bundled config and data), found from this file.
    public static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// 2025-05-05T00:00:00Z, the first bar of the bundled 1m demo data.
    public static let epochMs: Int64 = 1_746_403_200_000

    /// - Parameters:
    ///   - strategiesEnabled: false runs a flat book.
    ///   - edit: changes to the bundled config before the mesh is built.
    ///   - logger: where the mesh logs; a no-op logger by default (tests assert on telemetry).
    public init(strategiesEnabled: Bool, sinkGate: (@Sendable () async -> Void)? = nil, logger: Logger? = nil,
                edit: (inout HedgeConfig) -> Void = { _ in }) throws {
        var config = try HedgeConfig.load(directory: "\(Self.repositoryRoot)/config", environment: [:])
        for name in config.strategies.strategies.keys { config.strategies.strategies[name]?.enabled = strategiesEnabled }
        // The kill-switch file must not leak in from the machine the tests run on.
        config.riskLimits.global.killSwitchFile = "/nonexistent/hedge-test-kill-switch"
        edit(&config)
        self.config = config
        let clock = ManualClock()
        self.clock = clock
        let base = Self.epochMs
        time = MeshClock(clock: clock, nowMs: { base + clock.now.offset.wholeMilliseconds })
        // Filters as the venue would give them for prices near the demo data's (May 2025).
        let prices: [String: Double] = ["BTCUSDT": 95_000, "ETHUSDT": 1_800, "SOLUSDT": 145, "BNBUSDT": 600, "XRPUSDT": 2.2]
        var filters: [String: VenueFilters] = [:]
        for symbol in config.universe.enabledSymbols {
            filters[symbol] = VenueFilters.simDefault(symbol: symbol, referencePrice: prices[symbol] ?? 100)
        }
        // Quiet loggers unless a test asks to read the lines.
        let quiet = logger ?? Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        exchange = SimExchange(configuration: SimExchangeConfiguration(initialWalletUSD: 100_000, filters: filters), clock: clock,
                               logger: quiet)
        sink = InMemoryTelemetrySink(flags: config.flags, gate: sinkGate)
        runtime = Runtime(config: config, exchange: exchange, time: time, sink: sink, logger: quiet)
    }
}
