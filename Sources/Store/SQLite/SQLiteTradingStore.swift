import Foundation
import GRDB
import HedgeCore

/// The store in one SQLite file (`<state_dir>/hedge.sqlite`) through GRDB: WAL, so readers
/// (`hedge audit`, `hedge kill`, a second process) never block the daemon's writes, and
/// `synchronous = NORMAL`, so a commit reaches the OS before it returns (it survives the
/// process being killed; only a power loss can take the last commits).
///
/// Opening applies the pending migrations (`StoreSchema`). A file that is not a database, a
/// schema newer than this build, or a migration that fails stops the start with a
/// `StoreError` naming the file: nothing is ever silently recreated.
///
/// Thread-safe (`DatabasePool` serializes writers and runs readers concurrently). Batches run on
/// GRDB's writer queue; small operator writes (a run's start, the kill switch) on the caller's.
public final class SQLiteTradingStore: TradingStore {
    public let location: String
    let pool: DatabasePool

    /// Opens (creating the file and its directory when missing) and migrates the store at `path`.
    public init(path: String) throws(StoreError) {
        location = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create \(directory): \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        // A second process (`hedge kill`, `hedge audit`) may hold the write lock for a moment.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Self.describe(error))
        }
        try Self.migrate(pool, path: path)
    }

    /// The migrator over `StoreSchema.migrations`, optionally only up to `version` (tests build
    /// databases of earlier versions with it).
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in StoreSchema.migrations {
            let statements = migration.statements
            migrator.registerMigration(migration.id) { db in
                for sql in statements { try db.execute(sql: sql) }
            }
        }
        return migrator
    }

    private static func migrate(_ pool: DatabasePool, path: String) throws(StoreError) {
        let migrator = migrator()
        do {
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(StoreSchema.migrations.map(\.id))
            guard unknown.isEmpty else {
                throw StoreError.cannotMigrate(path: path, reason: "it was written by a newer build (schema \(unknown.sorted().joined(separator: ", ")); "
                    + "this build knows up to \(StoreSchema.currentVersion)); run the newer build or restore a backup")
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotMigrate(path: path, reason: describe(error))
        }
    }

    /// The schema versions applied to the file, oldest first.
    public func appliedMigrations() throws(StoreError) -> [String] {
        do {
            return try pool.read { db in try Self.migrator().appliedMigrations(db) }
        } catch {
            throw .failed(path: location, operation: "reading the schema version", reason: Self.describe(error))
        }
    }

    /// The newest schema version this build knows.
    public static var currentSchemaVersion: String { StoreSchema.currentVersion }

    // MARK: Runs

    public nonisolated(nonsending) func startRun(_ run: StoredRun) async throws(StoreError) {
        try insertRun(run)
    }

    private func insertRun(_ run: StoredRun) throws(StoreError) {
        do {
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO runs (run_id, started_at_ms, ended_at_ms, engine_version, config_hash, flags, mode, venue, exit_status, exit_code)
                    VALUES (?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL)
                    """, arguments: [run.runId, run.startedAtMs, run.engineVersion, run.configHash,
                                     (try? JSONOutput.encode(run.flags, pretty: false)) ?? "{}", run.mode, run.venue])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw .duplicateRunId(path: location, runId: run.runId)
        } catch {
            throw .failed(path: location, operation: "recording the run's start", reason: Self.describe(error))
        }
    }

    public nonisolated(nonsending) func latestRunStartMs() async throws(StoreError) -> Int64? {
        try read("reading the latest run") { db in try Int64.fetchOne(db, sql: "SELECT MAX(started_at_ms) FROM runs") }
    }

    public nonisolated(nonsending) func finishRun(runId: String, endedAtMs: Int64, exitStatus: String, exitCode: Int) async throws(StoreError) {
        try write("recording the run's end") { db in
            try db.execute(sql: "UPDATE runs SET ended_at_ms = ?, exit_status = ?, exit_code = ? WHERE run_id = ?",
                           arguments: [endedAtMs, exitStatus, exitCode, runId])
        }
    }

    static let insertOrderSQL = """
        INSERT INTO orders (client_order_id, run_id, intent_id, venue_order_id, symbol, side, position_side, type, time_in_force,
            reduce_only, quantity, price, stop_price, opening, route, fallback, strategy, state, status, filled_quantity, filled_quote,
            created_at_ms, updated_at_ms, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (client_order_id) DO NOTHING
        """

    static func arguments(_ order: StoredOrder) -> StatementArguments {
        [order.clientOrderId, order.runId, order.intentId, order.venueOrderId, order.symbol, order.side.rawValue,
         order.positionSide?.rawValue, order.type, order.timeInForce, order.reduceOnly ? 1 : 0, order.quantity.venueString,
         order.price?.venueString, order.stopPrice?.venueString, order.opening ? 1 : 0, order.route, order.fallback ? 1 : 0,
         order.strategy, order.state, order.status.rawValue, order.filledQuantity.venueString, order.filledQuote.venueString,
         order.createdAtMs, order.updatedAtMs, order.reason]
    }

    // MARK: Operator actions

    public nonisolated(nonsending) func recordKillSwitch(_ change: KillSwitchChange) async throws(StoreError) {
        try write("recording the kill switch") { db in
            try db.execute(sql: """
                INSERT INTO kill_switch_changes (time_ms, seq, engaged, reason, source)
                VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM kill_switch_changes WHERE time_ms = ?), ?, ?, ?)
                """, arguments: [change.timeMs, change.timeMs, change.engaged ? 1 : 0, change.reason, change.source])
        }
    }

    public nonisolated(nonsending) func resetRiskState(atMs: Int64, reason: String) async throws(StoreError) {
        try write("resetting the risk state") { db in
            try db.execute(sql: "DELETE FROM risk_counters")
            try db.execute(sql: "INSERT INTO risk_resets (time_ms, reason) VALUES (?, ?) ON CONFLICT (time_ms) DO NOTHING",
                           arguments: [atMs, reason])
        }
    }

    // MARK: Plumbing

    /// Runs `body` in one write transaction on the calling thread, mapping failures.
    func write(_ operation: String, _ body: (Database) throws -> Void) throws(StoreError) {
        do {
            try pool.write { db in try body(db) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .failed(path: location, operation: operation, reason: Self.describe(error))
        }
    }

    /// Runs `body` in one read transaction on the calling thread, mapping failures.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read { db in try body(db) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .failed(path: location, operation: operation, reason: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message.map { "\($0) (SQLite \(error.resultCode.rawValue))" } ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }
}
