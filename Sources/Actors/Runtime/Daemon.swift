import HedgeCore
import HedgeExchange
import HedgeStore
import Logging

/// One daemon, built the one way every command that runs one builds it (`hedge run`,
/// `hedge soak`, `hedge bench mesh`): its directories from the config, a file telemetry sink
/// over them, the store and the order journal in the state directory, and the runtime over the
/// venue.
///
/// Opening the store is part of the start: a store that cannot be opened or migrated, an order
/// journal that cannot be replayed, or risk counters that cannot be read back stop the start
/// (`DaemonStartError`, exit 78) — nothing is silently recreated.
public struct Daemon: Sendable {
    public let directories: DaemonDirectories
    public let runtime: Runtime

    /// Whether the daemon keeps a store (`<state_dir>/hedge.sqlite`).
    public enum Storage: Sendable {
        /// The SQLite store and the order journal in the state directory.
        case stateDirectory
        /// No store: a restart forgets everything (benchmarks comparing both ways).
        case none
    }

    /// - Parameters:
    ///   - config: the validated configuration (`runtime.state_dir` says where files go).
    ///   - exchange: the venue, already prepared (clock offset, limits) when it is a real one.
    ///   - feed: what moves a simulated venue (`SimReplay.run`); nil for a real venue.
    ///   - lockstep: a sim replay the runtime drives itself, as fast as the mesh takes it (then
    ///     `time` must be `MeshClock.market` over its `market`).
    ///   - resetRiskState: when set, the saved risk counters are dropped first and the reset is
    ///     recorded with this reason (`hedge run --reset-risk-state`).
    public static func open(config: HedgeConfig, exchange: any ExchangeClient, time: MeshClock = .system,
                            feed: (@Sendable () async throws -> Void)? = nil, lockstep: LockstepFeed? = nil,
                            storage: Storage = .stateDirectory,
                            resetRiskState: String? = nil, logger: Logger) async throws(DaemonStartError) -> Daemon {
        let directories = DaemonDirectories(stateDirectory: config.runtime.stateDirectory)
        let persistence: DaemonPersistence?
        switch storage {
        case .none: persistence = nil
        case .stateDirectory:
            persistence = try await openPersistence(config: config, directories: directories, venue: exchange.venueName, time: time,
                                                    resetRiskState: resetRiskState, logger: logger)
        }
        let sink = FileTelemetrySink(stateDirectory: directories.state, logsDirectory: directories.logs, flags: config.flags,
                                     jsonlMaxBytes: config.runtime.logging.jsonlMaxBytes, jsonlKeep: config.runtime.logging.jsonlKeep)
        let runtime = Runtime(config: config, exchange: exchange, time: time, sink: sink, feed: feed, lockstep: lockstep,
                              persistence: persistence, logger: logger)
        return Daemon(directories: directories, runtime: runtime)
    }

    private static func openPersistence(config: HedgeConfig, directories: DaemonDirectories, venue: String, time: MeshClock,
                                        resetRiskState: String?, logger: Logger) async throws(DaemonStartError) -> DaemonPersistence {
        let store: SQLiteTradingStore
        let journal: OrderJournal
        do {
            store = try SQLiteTradingStore(path: "\(directories.state)/hedge.sqlite")
        } catch {
            throw .store(error)
        }
        do {
            journal = try OrderJournal(path: "\(directories.state)/orders.journal")
        } catch {
            throw .journal(path: error.path, reason: error.description)
        }
        return try await DaemonPersistence.open(store: store, journal: journal, config: config, venue: venue, time: time,
                                                resetRiskState: resetRiskState, logger: logger)
    }

    /// Records how the run ended (after its drain).
    public func recordEnd(_ report: DrainReport?) async {
        guard let persistence = runtime.persistence else { return }
        let code = report?.exitCode ?? 1
        do {
            try await persistence.store.finishRun(runId: persistence.runId, endedAtMs: runtime.time.nowMs(),
                                                  exitStatus: report?.phase == .done ? "clean" : "forced", exitCode: Int(code))
        } catch {
            runtime.logger.error("the run's end could not be recorded", metadata: ["error": "\(error)"])
        }
    }
}

/// Why a daemon could not start from its state directory: one line naming the file and the
/// problem, for exit 78.
public enum DaemonStartError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    case journal(path: String, reason: String)

    public var description: String {
        switch self {
        case .store(let error):
            if case .unreadable(_, let what, _) = error, what.hasPrefix("risk_counters") {
                return "\(error); refusing to trade on risk state it cannot read (hedge run --reset-risk-state REASON drops it, recorded)"
            }
            return error.description
        case .journal(let path, let reason):
            return "\(path): the order journal cannot be replayed into the store: \(reason)"
        }
    }
}
