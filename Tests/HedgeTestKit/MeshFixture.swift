import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

/// A daemon over the sim venue, an in-memory telemetry sink and a manual clock: the real actors,
/// driven step by step by a test. With `withStore`, the daemon also keeps a real SQLite store and
/// order journal in a directory, and may run over a venue that outlives it — what restart tests
/// start, kill and start again.
public struct MeshFixture: Sendable {
    public let clock: ManualClock
    public let time: MeshClock
    /// The simulated venue (shared by every daemon a restart test starts over it).
    public let exchange: SimExchange
    public let sink: InMemoryTelemetrySink
    public let runtime: Runtime
    public let config: HedgeConfig
    /// The store this daemon writes (wrapped so a test can cut it off), when it has one.
    public let store: CrashableStore?

    /// The repository root (bundled config and data), found from this file.
    public static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// 2025-05-05T00:00:00Z, the first bar of the bundled 1m demo data.
    public static let epochMs: Int64 = 1_746_403_200_000

    /// - Parameters:
    ///   - strategiesEnabled: false runs a flat book.
    ///   - wrap: a venue in front of the sim one, which the daemon then talks to.
    ///   - edit: changes to the bundled config before the mesh is built.
    public init(strategiesEnabled: Bool, sinkGate: (@Sendable () async -> Void)? = nil, logger: Logger? = nil,
                wrap: ((SimExchange) -> any ExchangeClient)? = nil, edit: (inout HedgeConfig) -> Void = { _ in }) throws {
        let config = try Self.config(strategiesEnabled: strategiesEnabled, edit: edit)
        let clock = ManualClock()
        let exchange = Self.venue(config: config, clock: clock)
        self.init(config: config, clock: clock, exchange: exchange, wrapper: wrap?(exchange), sinkGate: sinkGate, persistence: nil, store: nil,
                  logger: logger)
    }

    init(config: HedgeConfig, clock: ManualClock, exchange: SimExchange, wrapper: (any ExchangeClient)?,
         sinkGate: (@Sendable () async -> Void)?, persistence: DaemonPersistence?, store: CrashableStore?, logger: Logger?) {
        self.config = config
        self.clock = clock
        self.exchange = exchange
        self.store = store
        time = Self.meshClock(clock)
        // Quiet loggers unless a test asks to read the lines.
        let quiet = logger ?? Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        sink = InMemoryTelemetrySink(flags: config.flags, gate: sinkGate)
        runtime = Runtime(config: config, exchange: wrapper ?? exchange, time: time, sink: sink, persistence: persistence, logger: quiet)
    }

    /// A daemon with a real store and order journal in `directory` (created when missing), over
    /// `exchange` (seen through `wrapper` when given) on `clock`: start one, "kill" it (cut its
    /// store off and cancel it), and start another on the same directory, venue and clock.
    public static func withStore(directory: String, clock: ManualClock, exchange: SimExchange, wrapper: (any ExchangeClient)? = nil,
                                 strategiesEnabled: Bool = true, logger: Logger? = nil,
                                 edit: (inout HedgeConfig) -> Void = { _ in }) async throws -> MeshFixture {
        var config = try Self.config(strategiesEnabled: strategiesEnabled, edit: edit)
        config.runtime.stateDirectory = directory
        let quiet = logger ?? Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = CrashableStore(try SQLiteTradingStore(path: "\(directory)/hedge.sqlite"))
        let journal = try OrderJournal(path: "\(directory)/orders.journal")
        let persistence = try await DaemonPersistence.open(store: store, journal: journal, config: config, venue: exchange.venueName,
                                                           time: meshClock(clock), logger: quiet)
        return MeshFixture(config: config, clock: clock, exchange: exchange, wrapper: wrapper, sinkGate: nil, persistence: persistence,
                           store: store, logger: logger)
    }

    /// The bundled config, strategies on or off, with the kill-switch file moved out of reach of
    /// the machine the tests run on.
    public static func config(strategiesEnabled: Bool, edit: (inout HedgeConfig) -> Void = { _ in }) throws -> HedgeConfig {
        var config = try HedgeConfig.load(directory: "\(repositoryRoot)/config", environment: [:])
        for name in config.strategies.strategies.keys { config.strategies.strategies[name]?.enabled = strategiesEnabled }
        config.riskLimits.global.killSwitchFile = "/nonexistent/hedge-test-kill-switch"
        edit(&config)
        return config
    }

    /// The sim venue with filters as the venue would give them for prices near the demo data's
    /// (May 2025); `participation`, when given, is the share of a bar's volume an order may fill.
    public static func venue(config: HedgeConfig, clock: ManualClock, participation: Double? = nil) -> SimExchange {
        let prices: [String: Double] = ["BTCUSDT": 95_000, "ETHUSDT": 1_800, "SOLUSDT": 145, "BNBUSDT": 600, "XRPUSDT": 2.2]
        var filters: [String: VenueFilters] = [:]
        for symbol in config.universe.enabledSymbols {
            filters[symbol] = VenueFilters.simDefault(symbol: symbol, referencePrice: prices[symbol] ?? 100)
        }
        var matching = MatchingConfiguration.default
        if let participation { matching.participation = participation }
        return SimExchange(configuration: SimExchangeConfiguration(matching: matching, initialWalletUSD: 100_000, filters: filters),
                           clock: clock, logger: Logger(label: "hedge.test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Wall time for the mesh: the demo data's first day plus however far the clock moved.
    public static func meshClock(_ clock: ManualClock) -> MeshClock {
        let base = epochMs
        return MeshClock(clock: clock, nowMs: { base + clock.now.offset.wholeMilliseconds })
    }
}
