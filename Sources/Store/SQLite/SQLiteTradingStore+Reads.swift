import Foundation
import GRDB
import HedgeCore

extension SQLiteTradingStore {
    public nonisolated(nonsending) func loadSnapshot(closedTradeLimit: Int, metricsLimit: Int, navLimit: Int) async throws(StoreError) -> StoreSnapshot {
        let rows = try read("loading the store") { db in
            (orders: try Row.fetchAll(db, sql: "SELECT * FROM orders WHERE state <> ? ORDER BY created_at_ms, client_order_id",
                                      arguments: [OrderPhase.closed.rawValue]),
             orderFills: try Row.fetchAll(db, sql: """
                SELECT fills.* FROM fills JOIN orders ON orders.client_order_id = fills.client_order_id
                WHERE orders.state <> ? ORDER BY fills.time_ms, fills.trade_id
                """, arguments: [OrderPhase.closed.rawValue]),
             counters: try Row.fetchOne(db, sql: "SELECT * FROM risk_counters WHERE id = 1"),
             legs: try Row.fetchAll(db, sql: "SELECT * FROM open_legs ORDER BY symbol, leg"),
             trades: try Row.fetchAll(db, sql: "SELECT * FROM (SELECT * FROM closed_trades ORDER BY exit_time_ms DESC LIMIT ?) ORDER BY exit_time_ms",
                                      arguments: [closedTradeLimit]),
             metrics: try Row.fetchAll(db, sql: "SELECT * FROM (SELECT * FROM router_metrics ORDER BY time_ms DESC LIMIT ?) ORDER BY time_ms",
                                       arguments: [metricsLimit]),
             kill: try Row.fetchOne(db, sql: "SELECT * FROM kill_switch_changes ORDER BY time_ms DESC, seq DESC LIMIT 1"),
             latestFill: try Int64.fetchOne(db, sql: "SELECT MAX(time_ms) FROM fills"),
             nav: try Row.fetchAll(db, sql: "SELECT * FROM (SELECT * FROM nav_samples ORDER BY time_ms DESC LIMIT ?) ORDER BY time_ms",
                                   arguments: [navLimit]))
        }
        var snapshot = StoreSnapshot()
        snapshot.unfinishedOrders = try rows.orders.map(order)
        for row in rows.orderFills {
            let fill = try fill(row)
            snapshot.unfinishedOrderFills[fill.clientOrderId, default: []].append(fill)
        }
        if let row = rows.counters {
            let counters = StoreRow(row: row, table: "risk_counters", path: location)
            snapshot.riskCounters = (try counters.json("state", as: RiskCounters.self), try counters.int64("saved_at_ms"))
        }
        snapshot.openLegs = try rows.legs.map { (row) throws(StoreError) in
            try StoreRow(row: row, table: "open_legs", path: location).json("state", as: RoundTripTracker.LegState.self)
        }
        snapshot.closedTrades = try rows.trades.map(closedTrade)
        snapshot.orderMetrics = try rows.metrics.map(metrics)
        snapshot.killSwitch = try rows.kill.map(killSwitchChange)
        snapshot.latestFillMs = rows.latestFill
        snapshot.navHistory = try rows.nav.map(navSample)
        return snapshot
    }

    public nonisolated(nonsending) func order(clientOrderId: String) async throws(StoreError) -> StoredOrder? {
        let row = try read("reading order \(clientOrderId)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM orders WHERE client_order_id = ?", arguments: [clientOrderId])
        }
        return try row.map(order)
    }

    public nonisolated(nonsending) func hasFill(symbol: String, tradeId: String) async throws(StoreError) -> Bool {
        try read("reading fills") { db in
            try Int.fetchOne(db, sql: "SELECT 1 FROM fills WHERE symbol = ? AND trade_id = ?", arguments: [symbol, tradeId]) != nil
        }
    }

    public nonisolated(nonsending) func killSwitch() async throws(StoreError) -> KillSwitchChange? {
        let row = try read("reading the kill switch") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM kill_switch_changes ORDER BY time_ms DESC, seq DESC LIMIT 1")
        }
        return try row.map(killSwitchChange)
    }

    // MARK: Audit

    public nonisolated(nonsending) func runs(_ filter: AuditFilter) async throws(StoreError) -> [StoredRun] {
        let rows = try read("reading runs") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM runs WHERE started_at_ms >= ? OR ended_at_ms >= ? OR ended_at_ms IS NULL
                    ORDER BY started_at_ms DESC LIMIT ?) ORDER BY started_at_ms
                """, arguments: [filter.sinceMs ?? Int64.min, filter.sinceMs ?? Int64.min, filter.limit])
        }
        return try rows.map(run)
    }

    public nonisolated(nonsending) func orders(_ filter: AuditFilter) async throws(StoreError) -> [StoredOrder] {
        let rows = try read("reading orders") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM orders WHERE (created_at_ms >= ? OR updated_at_ms >= ?) AND (? IS NULL OR symbol = ?)
                    ORDER BY created_at_ms DESC, client_order_id DESC LIMIT ?) ORDER BY created_at_ms, client_order_id
                """, arguments: [filter.sinceMs ?? Int64.min, filter.sinceMs ?? Int64.min, filter.symbol, filter.symbol, filter.limit])
        }
        return try rows.map(order)
    }

    public nonisolated(nonsending) func fills(_ filter: AuditFilter) async throws(StoreError) -> [StoredFill] {
        let rows = try read("reading fills") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM fills WHERE time_ms >= ? AND (? IS NULL OR symbol = ?)
                    ORDER BY time_ms DESC, trade_id DESC LIMIT ?) ORDER BY time_ms, trade_id
                """, arguments: [filter.sinceMs ?? Int64.min, filter.symbol, filter.symbol, filter.limit])
        }
        return try rows.map(fill)
    }

    public nonisolated(nonsending) func decisions(_ filter: AuditFilter) async throws(StoreError) -> [StoredDecision] {
        let rows = try read("reading decisions") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM decisions WHERE time_ms >= ? AND (? IS NULL OR symbol = ?)
                    ORDER BY time_ms DESC, intent_id DESC LIMIT ?) ORDER BY time_ms, intent_id
                """, arguments: [filter.sinceMs ?? Int64.min, filter.symbol, filter.symbol, filter.limit])
        }
        return try rows.map(decision)
    }

    public nonisolated(nonsending) func orderEvents(clientOrderId: String) async throws(StoreError) -> [StoredOrderEvent] {
        let rows = try read("reading order events") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM order_events WHERE client_order_id = ? ORDER BY seq", arguments: [clientOrderId])
        }
        return try rows.map { (row) throws(StoreError) in
            let r = StoreRow(row: row, table: "order_events", path: location)
            return StoredOrderEvent(clientOrderId: try r.string("client_order_id"), kind: try r.string("kind"), status: try r.string("status"),
                                    timeMs: try r.int64("time_ms"), detail: try r.optionalString("detail"))
        }
    }

    public nonisolated(nonsending) func navSamples(_ filter: AuditFilter) async throws(StoreError) -> [NavSample] {
        let rows = try read("reading NAV samples") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM nav_samples WHERE time_ms >= ? ORDER BY time_ms DESC LIMIT ?) ORDER BY time_ms
                """, arguments: [filter.sinceMs ?? Int64.min, filter.limit])
        }
        return try rows.map(navSample)
    }

    public nonisolated(nonsending) func killSwitchChanges(_ filter: AuditFilter) async throws(StoreError) -> [KillSwitchChange] {
        let rows = try read("reading kill-switch changes") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM kill_switch_changes WHERE time_ms >= ? ORDER BY time_ms DESC, seq DESC LIMIT ?)
                ORDER BY time_ms, seq
                """, arguments: [filter.sinceMs ?? Int64.min, filter.limit])
        }
        return try rows.map(killSwitchChange)
    }

    // MARK: Row decoding

    func order(_ row: Row) throws(StoreError) -> StoredOrder {
        let r = StoreRow(row: row, table: "orders", path: location)
        return StoredOrder(
            clientOrderId: try r.string("client_order_id"), runId: try r.string("run_id"), intentId: try r.optionalString("intent_id"),
            venueOrderId: try r.optionalString("venue_order_id"), symbol: try r.string("symbol"), side: try r.choice("side", as: Side.self),
            positionSide: try r.optionalChoice("position_side", as: PositionSide.self), type: try r.string("type"),
            timeInForce: try r.optionalString("time_in_force"), reduceOnly: try r.bool("reduce_only"), quantity: try r.decimal("quantity"),
            price: try r.optionalDecimal("price"), stopPrice: try r.optionalDecimal("stop_price"), opening: try r.bool("opening"),
            route: try r.string("route"), fallback: try r.bool("fallback"), strategy: try r.string("strategy"), state: try r.string("state"),
            status: try r.choice("status", as: OrderStatus.self), filledQuantity: try r.decimal("filled_quantity"),
            filledQuote: try r.decimal("filled_quote"), createdAtMs: try r.int64("created_at_ms"), updatedAtMs: try r.int64("updated_at_ms"),
            reason: try r.optionalString("reason"))
    }

    func fill(_ row: Row) throws(StoreError) -> StoredFill {
        let r = StoreRow(row: row, table: "fills", path: location)
        return StoredFill(
            symbol: try r.string("symbol"), tradeId: try r.string("trade_id"), clientOrderId: try r.string("client_order_id"),
            venueOrderId: try r.optionalString("venue_order_id"), side: try r.choice("side", as: Side.self),
            positionSide: try r.optionalChoice("position_side", as: PositionSide.self), quantity: try r.decimal("quantity"),
            price: try r.decimal("price"), feeUSD: try r.decimal("fee_usd"), liquidity: try r.string("liquidity"),
            timeMs: try r.int64("time_ms"), runId: try r.string("run_id"), foreign: try r.bool("is_foreign"))
    }

    func decision(_ row: Row) throws(StoreError) -> StoredDecision {
        let r = StoreRow(row: row, table: "decisions", path: location)
        let vetoes = try r.string("vetoes")
        return StoredDecision(
            intentId: try r.string("intent_id"), runId: try r.string("run_id"), timeMs: try r.int64("time_ms"), symbol: try r.string("symbol"),
            side: try r.choice("side", as: Side.self), strategy: try r.string("strategy"), grossUSD: try r.double("gross_usd"),
            reduceOnly: try r.bool("reduce_only"), allowed: try r.bool("allowed"),
            vetoes: vetoes.isEmpty ? [] : vetoes.split(separator: ",").map(String.init), detail: try r.json("detail", as: RiskDetail.self))
    }

    func run(_ row: Row) throws(StoreError) -> StoredRun {
        let r = StoreRow(row: row, table: "runs", path: location)
        return StoredRun(
            runId: try r.string("run_id"), startedAtMs: try r.int64("started_at_ms"), endedAtMs: try r.optionalInt64("ended_at_ms"),
            engineVersion: try r.string("engine_version"), configHash: try r.string("config_hash"),
            flags: try r.json("flags", as: [String: Bool].self), mode: try r.string("mode"), venue: try r.string("venue"),
            exitStatus: try r.optionalString("exit_status"), exitCode: try r.optionalInt64("exit_code").map(Int.init))
    }

    func closedTrade(_ row: Row) throws(StoreError) -> ClosedTrade {
        let r = StoreRow(row: row, table: "closed_trades", path: location)
        return ClosedTrade(
            symbol: try r.string("symbol"), side: try r.choice("leg", as: PositionSide.self), entryTimeMs: try r.int64("entry_time_ms"),
            exitTimeMs: try r.int64("exit_time_ms"), entryPrice: try r.double("entry_price"), exitPrice: try r.double("exit_price"),
            quantity: try r.double("quantity"), pnlUSD: try r.double("pnl_usd"), feesUSD: try r.double("fees_usd"),
            rMultiple: try r.double("r_multiple"), regime: try r.choice("regime", as: Regime.self), strategy: try r.string("strategy"),
            exitReason: try r.string("exit_reason"))
    }

    func metrics(_ row: Row) throws(StoreError) -> OrderMetricsRecord {
        let r = StoreRow(row: row, table: "router_metrics", path: location)
        return OrderMetricsRecord(
            symbol: try r.string("symbol"), clientOrderId: try r.string("client_order_id"), maker: try r.bool("maker"),
            fallback: try r.bool("fallback"), retries: Int(try r.int64("retries")), slippageBps: try r.double("slippage_bps"),
            latencyMs: try r.double("latency_ms"), timeMs: try r.int64("time_ms"))
    }

    func killSwitchChange(_ row: Row) throws(StoreError) -> KillSwitchChange {
        let r = StoreRow(row: row, table: "kill_switch_changes", path: location)
        return KillSwitchChange(timeMs: try r.int64("time_ms"), engaged: try r.bool("engaged"), reason: try r.string("reason"),
                                source: try r.string("source"))
    }

    func navSample(_ row: Row) throws(StoreError) -> NavSample {
        let r = StoreRow(row: row, table: "nav_samples", path: location)
        return NavSample(navUSD: try r.double("nav_usd"), walletUSD: try r.double("wallet_usd"),
                         unrealizedPnlUSD: try r.double("unrealized_pnl_usd"), marginUSD: try r.double("margin_usd"),
                         availableUSD: try r.double("available_usd"), sampledAtMs: try r.int64("time_ms"))
    }
}
