/// How orders are handled: never sent, filled by the simulated venue, sent to the testnet, or
/// sent for real.
public enum RunMode: String, Sendable, Hashable, CaseIterable, Codable {
    case dryRun = "dry-run"
    case paper
    case testnet
    case live
}

/// Which venue the daemon talks to.
public enum VenueKind: String, Sendable, Hashable, CaseIterable, Codable {
    case sim
    case binance
    case coinbase
}

/// What the drain does with open orders when the daemon stops.
public enum ShutdownOrderPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    case cancel
    case leave
}

/// What reconciliation does with open orders at the venue that this daemon did not send.
public enum UnknownOrderPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// No new entries on that symbol while such orders are open (reductions still go out); the
    /// halt clears once the operator has canceled or filled them at the venue.
    case halt
    /// Cancel them.
    case cancel
    /// Leave them alone (logged).
    case leave
}

/// Log levels as operators write them (the same names swift-log uses).
public enum LogLevelName: String, Sendable, Hashable, CaseIterable, Codable {
    case trace, debug, info, notice, warning, error, critical
}

/// The daemon's own settings, from `config/runtime.yaml`. Every key has a documented default
/// (see `RuntimeConfig.defaults`), so a minimal file is valid; unknown keys are errors.
public struct RuntimeConfig: Sendable, Hashable {
    public var mode: RunMode
    public var venue: VenueKind
    public var intervals: TimerIntervals
    /// Directory of the atomic state files (`logs/state`).
    public var stateDirectory: String
    public var logging: LoggingSettings
    public var http: HTTPSettings
    public var drain: DrainSettings
    public var sim: SimSettings
    /// Binance USD-M endpoints, signing window, timeouts and stream upkeep.
    public var binance: BinanceSettings
    /// Coinbase Advanced Trade endpoints, key file, timeouts and stream upkeep.
    public var coinbase: CoinbaseSettings = .defaults
    /// What reconciliation at start does with orders this daemon did not send (`reconcile.unknown_orders`).
    public var unknownOrders: UnknownOrderPolicy
    /// Router policy per tier and per symbol (`router`); empty: `RouterPolicy.default` everywhere.
    public var router = RouterPolicyConfig()

    public init(mode: RunMode, venue: VenueKind, intervals: TimerIntervals, stateDirectory: String,
                logging: LoggingSettings, http: HTTPSettings, drain: DrainSettings, sim: SimSettings,
                binance: BinanceSettings = .defaults, unknownOrders: UnknownOrderPolicy = .halt) {
        self.mode = mode
        self.venue = venue
        self.intervals = intervals
        self.stateDirectory = stateDirectory
        self.logging = logging
        self.http = http
        self.drain = drain
        self.sim = sim
        self.binance = binance
        self.unknownOrders = unknownOrders
    }

    /// The values used for keys the file leaves out: dry-run on the sim venue.
    public static let defaults = RuntimeConfig(
        mode: .dryRun, venue: .sim, intervals: .defaults, stateDirectory: "logs/state",
        logging: LoggingSettings(level: .info, jsonlMaxBytes: 10_000_000, jsonlKeep: 5),
        http: HTTPSettings(bind: "127.0.0.1", port: 8787),
        drain: DrainSettings(deadline: .seconds(20), onShutdown: .cancel),
        sim: SimSettings(dataPath: "data/demo/1m", speed: 600)
    )
}

/// One interval per periodic job. Each job fires on its own interval, whatever the others do.
public struct TimerIntervals: Sendable, Hashable {
    public var nav: Duration
    public var universe: Duration
    public var intel: Duration
    public var routerHealth: Duration
    public var riskSnapshot: Duration
    public var shadowHeartbeat: Duration
    public var compare: Duration
    public var syncedState: Duration

    public init(nav: Duration, universe: Duration, intel: Duration, routerHealth: Duration,
                riskSnapshot: Duration, shadowHeartbeat: Duration, compare: Duration, syncedState: Duration) {
        self.nav = nav
        self.universe = universe
        self.intel = intel
        self.routerHealth = routerHealth
        self.riskSnapshot = riskSnapshot
        self.shadowHeartbeat = shadowHeartbeat
        self.compare = compare
        self.syncedState = syncedState
    }

    public static let defaults = TimerIntervals(
        nav: .seconds(15), universe: .seconds(300), intel: .seconds(60), routerHealth: .seconds(60),
        riskSnapshot: .seconds(30), shadowHeartbeat: .seconds(60), compare: .seconds(120), syncedState: .seconds(30)
    )

    /// The YAML key of each interval, in file order.
    public static var keys: [(key: String, path: WritableKeyPath<TimerIntervals, Duration>)] {
        [
        ("nav", \.nav), ("universe", \.universe), ("intel", \.intel), ("router_health", \.routerHealth),
        ("risk_snapshot", \.riskSnapshot), ("shadow_heartbeat", \.shadowHeartbeat), ("compare", \.compare),
        ("synced_state", \.syncedState),
        ]
    }
}

/// Log verbosity and JSONL rotation.
public struct LoggingSettings: Sendable, Hashable {
    public var level: LogLevelName
    /// A JSONL log rotates when a write would take it past this size.
    public var jsonlMaxBytes: Int
    /// Rotated files kept per log (older ones are deleted).
    public var jsonlKeep: Int

    public init(level: LogLevelName, jsonlMaxBytes: Int, jsonlKeep: Int) {
        self.level = level
        self.jsonlMaxBytes = jsonlMaxBytes
        self.jsonlKeep = jsonlKeep
    }
}

/// The operator HTTP surface (127.0.0.1 by default).
public struct HTTPSettings: Sendable, Hashable {
    public var bind: String
    /// 0 picks a free port.
    public var port: Int

    public init(bind: String, port: Int) {
        self.bind = bind
        self.port = port
    }
}

/// Graceful stop: how long in-flight work may take and what happens to open orders.
public struct DrainSettings: Sendable, Hashable {
    public var deadline: Duration
    public var onShutdown: ShutdownOrderPolicy

    public init(deadline: Duration, onShutdown: ShutdownOrderPolicy) {
        self.deadline = deadline
        self.onShutdown = onShutdown
    }
}

/// The simulated venue's replay: which bars and how fast (1 = real time).
public struct SimSettings: Sendable, Hashable {
    public var dataPath: String
    public var speed: Double

    public init(dataPath: String, speed: Double) {
        self.dataPath = dataPath
        self.speed = speed
    }
}
