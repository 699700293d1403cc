extension RuntimeConfig {
    /// Reads and validates `runtime.yaml` (already parsed), filling defaults for absent keys.
    /// The `flags` section is left to `FlagSnapshot.resolve`. Nil when any problem was found.
    public static func read(_ document: JSONValue, file: String, problems: inout ConfigProblems) -> RuntimeConfig? {
        let before = problems.all.count
        var config = RuntimeConfig.defaults
        // An empty YAML file parses as null: that is a valid, all-defaults runtime.
        if document == .null { return config }
        guard var root = ConfigObjectReader(document, file: file, path: "", problems: &problems) else { return nil }

        if let mode = root.choice("mode", as: RunMode.self, required: false, problems: &problems) { config.mode = mode }
        if let venue = root.choice("venue", as: VenueKind.self, required: false, problems: &problems) { config.venue = venue }
        if let dir = root.string("state_dir", required: false, problems: &problems) { config.stateDirectory = dir }

        if var intervals = root.object("intervals", required: false, problems: &problems) {
            for (key, path) in TimerIntervals.keys {
                if let seconds = intervals.number(key, .seconds, required: false, problems: &problems) {
                    config.intervals[keyPath: path] = .milliseconds(Int64((seconds * 1000).rounded()))
                }
            }
            intervals.finish(into: &problems)
        }

        if var logging = root.object("logging", required: false, problems: &problems) {
            if let level = logging.choice("level", as: LogLevelName.self, required: false, problems: &problems) {
                config.logging.level = level
            }
            if let maxBytes = logging.integer("jsonl_max_bytes", .atLeast(1024), required: false, problems: &problems) {
                config.logging.jsonlMaxBytes = maxBytes
            }
            if let keep = logging.integer("jsonl_keep", .atLeast(1), required: false, problems: &problems) {
                config.logging.jsonlKeep = keep
            }
            logging.finish(into: &problems)
        }

        if var http = root.object("http", required: false, problems: &problems) {
            if let bind = http.string("bind", required: false, problems: &problems) { config.http.bind = bind }
            if let port = http.integer("port", .closed(0, 65535), required: false, problems: &problems) { config.http.port = port }
            http.finish(into: &problems)
        }

        if var drain = root.object("drain", required: false, problems: &problems) {
            if let seconds = drain.number("deadline_s", .seconds, required: false, problems: &problems) {
                config.drain.deadline = .milliseconds(Int64((seconds * 1000).rounded()))
            }
            if let policy = drain.choice("on_shutdown", as: ShutdownOrderPolicy.self, required: false, problems: &problems) {
                config.drain.onShutdown = policy
            }
            drain.finish(into: &problems)
        }

        if var sim = root.object("sim", required: false, problems: &problems) {
            if let data = sim.string("data", required: false, problems: &problems) { config.sim.dataPath = data }
            if let speed = sim.number("speed", .positive, required: false, problems: &problems) { config.sim.speed = speed }
            sim.finish(into: &problems)
        }

        if var binance = root.object("binance", required: false, problems: &problems) {
            config.binance.read(&binance, problems: &problems)
            binance.finish(into: &problems)
        }
        if var coinbase = root.object("coinbase", required: false, problems: &problems) {
            config.coinbase.read(&coinbase, problems: &problems)
            coinbase.finish(into: &problems)
        }

        if var reconcile = root.object("reconcile", required: false, problems: &problems) {
            if let policy = reconcile.choice("unknown_orders", as: UnknownOrderPolicy.self, required: false, problems: &problems) {
                config.unknownOrders = policy
            }
            reconcile.finish(into: &problems)
        }

        if var router = root.object("router", required: false, problems: &problems) {
            config.router = RouterPolicyConfig.read(&router, problems: &problems)
        }

        _ = root.raw("flags")  // validated by FlagSnapshot.resolve
        root.finish(into: &problems)
        return problems.all.count == before ? config : nil
    }
}
