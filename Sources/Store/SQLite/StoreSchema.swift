/// The store's tables, as forward-only migrations. The SQL is kept portable (types every SQL
/// database knows, composite keys instead of auto-increment, `ON CONFLICT … DO` upserts) so a
/// PostgreSQL backend can run the same statements. Migrations are never edited once released:
/// a change is a new migration appended here, and a database of every earlier version opens.
enum StoreSchema {
    /// Each migration's identifier and statements, in order. The identifier is recorded in the
    /// database once applied (GRDB's `grdb_migrations` table).
    static let migrations: [(id: String, statements: [String])] = [
        ("v1", [
            """
            CREATE TABLE runs (
                run_id TEXT PRIMARY KEY,
                started_at_ms BIGINT NOT NULL,
                ended_at_ms BIGINT,
                engine_version TEXT NOT NULL,
                config_hash TEXT NOT NULL,
                flags TEXT NOT NULL,
                mode TEXT NOT NULL,
                venue TEXT NOT NULL,
                exit_status TEXT,
                exit_code INTEGER
            )
            """,
            """
            CREATE TABLE decisions (
                intent_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                time_ms BIGINT NOT NULL,
                symbol TEXT NOT NULL,
                side TEXT NOT NULL,
                strategy TEXT NOT NULL,
                gross_usd DOUBLE PRECISION NOT NULL,
                reduce_only INTEGER NOT NULL,
                allowed INTEGER NOT NULL,
                vetoes TEXT NOT NULL,
                detail TEXT NOT NULL,
                PRIMARY KEY (run_id, intent_id)
            )
            """,
            "CREATE INDEX decisions_time ON decisions (time_ms)",
            """
            CREATE TABLE orders (
                client_order_id TEXT PRIMARY KEY,
                run_id TEXT NOT NULL,
                intent_id TEXT,
                venue_order_id TEXT,
                symbol TEXT NOT NULL,
                side TEXT NOT NULL,
                position_side TEXT,
                type TEXT NOT NULL,
                time_in_force TEXT,
                reduce_only INTEGER NOT NULL,
                quantity TEXT NOT NULL,
                price TEXT,
                stop_price TEXT,
                opening INTEGER NOT NULL,
                route TEXT NOT NULL,
                fallback INTEGER NOT NULL,
                strategy TEXT NOT NULL,
                state TEXT NOT NULL,
                status TEXT NOT NULL,
                filled_quantity TEXT NOT NULL,
                filled_quote TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                updated_at_ms BIGINT NOT NULL,
                reason TEXT
            )
            """,
            "CREATE INDEX orders_state ON orders (state)",
            "CREATE INDEX orders_created ON orders (created_at_ms)",
            """
            CREATE TABLE order_events (
                client_order_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                time_ms BIGINT NOT NULL,
                detail TEXT,
                PRIMARY KEY (client_order_id, seq)
            )
            """,
            """
            CREATE TABLE fills (
                symbol TEXT NOT NULL,
                trade_id TEXT NOT NULL,
                client_order_id TEXT NOT NULL,
                venue_order_id TEXT,
                side TEXT NOT NULL,
                position_side TEXT,
                quantity TEXT NOT NULL,
                price TEXT NOT NULL,
                fee_usd TEXT NOT NULL,
                liquidity TEXT NOT NULL,
                time_ms BIGINT NOT NULL,
                run_id TEXT NOT NULL,
                is_foreign INTEGER NOT NULL,
                PRIMARY KEY (symbol, trade_id)
            )
            """,
            "CREATE INDEX fills_time ON fills (time_ms)",
            """
            CREATE TABLE nav_samples (
                time_ms BIGINT PRIMARY KEY,
                run_id TEXT NOT NULL,
                nav_usd DOUBLE PRECISION NOT NULL,
                wallet_usd DOUBLE PRECISION NOT NULL,
                unrealized_pnl_usd DOUBLE PRECISION NOT NULL,
                margin_usd DOUBLE PRECISION NOT NULL,
                available_usd DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE risk_counters (
                id INTEGER PRIMARY KEY,
                saved_at_ms BIGINT NOT NULL,
                state TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE risk_resets (
                time_ms BIGINT PRIMARY KEY,
                reason TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE kill_switch_changes (
                time_ms BIGINT NOT NULL,
                seq INTEGER NOT NULL,
                engaged INTEGER NOT NULL,
                reason TEXT NOT NULL,
                source TEXT NOT NULL,
                PRIMARY KEY (time_ms, seq)
            )
            """,
            """
            CREATE TABLE open_legs (
                symbol TEXT NOT NULL,
                leg TEXT NOT NULL,
                state TEXT NOT NULL,
                PRIMARY KEY (symbol, leg)
            )
            """,
            """
            CREATE TABLE closed_trades (
                symbol TEXT NOT NULL,
                leg TEXT NOT NULL,
                entry_time_ms BIGINT NOT NULL,
                exit_time_ms BIGINT NOT NULL,
                entry_price DOUBLE PRECISION NOT NULL,
                exit_price DOUBLE PRECISION NOT NULL,
                quantity DOUBLE PRECISION NOT NULL,
                pnl_usd DOUBLE PRECISION NOT NULL,
                fees_usd DOUBLE PRECISION NOT NULL,
                r_multiple DOUBLE PRECISION NOT NULL,
                regime TEXT NOT NULL,
                strategy TEXT NOT NULL,
                exit_reason TEXT NOT NULL,
                run_id TEXT NOT NULL,
                PRIMARY KEY (symbol, leg, entry_time_ms, exit_time_ms)
            )
            """,
            """
            CREATE TABLE router_metrics (
                client_order_id TEXT PRIMARY KEY,
                symbol TEXT NOT NULL,
                maker INTEGER NOT NULL,
                fallback INTEGER NOT NULL,
                retries INTEGER NOT NULL,
                slippage_bps DOUBLE PRECISION NOT NULL,
                latency_ms DOUBLE PRECISION NOT NULL,
                time_ms BIGINT NOT NULL
            )
            """,
        ]),
    ]

    /// The newest schema this build knows.
    static var currentVersion: String { migrations.last?.id ?? "none" }
}
