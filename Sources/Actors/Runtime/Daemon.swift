import HedgeCore
import HedgeExchange
import Logging

/// One daemon, built the one way every command that runs one builds it (`hedge run`,
/// `hedge soak`, `hedge bench mesh`): its directories from the config, a file telemetry sink
/// over them, and the runtime over the venue.
public struct Daemon: Sendable {
    public let directories: DaemonDirectories
    public let runtime: Runtime

    /// - Parameters:
    ///   - config: the validated configuration (`runtime.state_dir` says where files go).
    ///   - exchange: the venue, already prepared (clock offset, limits) when it is a real one.
    ///   - feed: what moves a simulated venue (`SimReplay.run`); nil for a real venue.
    public init(config: HedgeConfig, exchange: any ExchangeClient, time: MeshClock = .system,
                feed: (@Sendable () async throws -> Void)? = nil, logger: Logger) {
        directories = DaemonDirectories(stateDirectory: config.runtime.stateDirectory)
        let sink = FileTelemetrySink(stateDirectory: directories.state, logsDirectory: directories.logs, flags: config.flags,
                                     jsonlMaxBytes: config.runtime.logging.jsonlMaxBytes, jsonlKeep: config.runtime.logging.jsonlKeep)
        runtime = Runtime(config: config, exchange: exchange, time: time, sink: sink, feed: feed, logger: logger)
    }
}
