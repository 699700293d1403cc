import Foundation
import GRDB
import HedgeCore

extension SQLiteTradingStore {
    /// Applies a batch on GRDB's writer queue (the caller suspends; no cooperative thread blocks
    /// on the disk), in one transaction. A record the database refuses (a NaN where a number
    /// must be) is left out and reported; the rest of the batch commits.
    public nonisolated(nonsending) func apply(_ writes: [StoreWrite]) async throws(StoreError) -> [String] {
        guard !writes.isEmpty else { return [] }
        do {
            return try await pool.write { db -> [String] in
                var refused: [String] = []
                for write in writes {
                    do {
                        try Self.apply(write, in: db)
                    } catch {
                        refused.append("\(write.kind): \(Self.describe(error))")
                    }
                }
                return refused
            }
        } catch {
            throw .failed(path: location, operation: "writing \(writes.count) records", reason: Self.describe(error))
        }
    }

    static func apply(_ write: StoreWrite, in db: Database) throws {
        switch write {
        case .order(let order):
            try db.cachedStatement(sql: insertOrderSQL).execute(arguments: arguments(order))
        case .orderProgress(let progress):
            try db.cachedStatement(sql: """
                UPDATE orders SET venue_order_id = COALESCE(?, venue_order_id), state = ?, status = ?, filled_quantity = ?, filled_quote = ?,
                    updated_at_ms = ?, reason = COALESCE(?, reason)
                WHERE client_order_id = ?
                """).execute(arguments: [progress.venueOrderId, progress.state, progress.status.rawValue, progress.filledQuantity.venueString,
                                         progress.filledQuote.venueString, progress.updatedAtMs, progress.reason, progress.clientOrderId])
        case .orderEvent(let event):
            try db.cachedStatement(sql: """
                INSERT INTO order_events (client_order_id, seq, kind, status, time_ms, detail)
                VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM order_events WHERE client_order_id = ?), ?, ?, ?, ?)
                """).execute(arguments: [event.clientOrderId, event.clientOrderId, event.kind, event.status, event.timeMs, event.detail])
        case .fill(let fill):
            try db.cachedStatement(sql: """
                INSERT INTO fills (symbol, trade_id, client_order_id, venue_order_id, side, position_side, quantity, price, fee_usd,
                    liquidity, time_ms, run_id, is_foreign)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (symbol, trade_id) DO NOTHING
                """).execute(arguments: [fill.symbol, fill.tradeId, fill.clientOrderId, fill.venueOrderId, fill.side.rawValue,
                                         fill.positionSide?.rawValue, fill.quantity.venueString, fill.price.venueString,
                                         fill.feeUSD.venueString, fill.liquidity, fill.timeMs, fill.runId, fill.foreign ? 1 : 0])
        case .decision(let decision):
            try db.cachedStatement(sql: """
                INSERT INTO decisions (intent_id, run_id, time_ms, symbol, side, strategy, gross_usd, reduce_only, allowed, vetoes, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, intent_id) DO NOTHING
                """).execute(arguments: [decision.intentId, decision.runId, decision.timeMs, decision.symbol, decision.side.rawValue,
                                         decision.strategy, decision.grossUSD, decision.reduceOnly ? 1 : 0, decision.allowed ? 1 : 0,
                                         decision.vetoes.joined(separator: ","), try JSONOutput.encode(decision.detail, pretty: false)])
        case .navSample(let runId, let sample):
            try db.cachedStatement(sql: """
                INSERT INTO nav_samples (time_ms, run_id, nav_usd, wallet_usd, unrealized_pnl_usd, margin_usd, available_usd)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (time_ms) DO NOTHING
                """).execute(arguments: [sample.sampledAtMs, runId, sample.navUSD, sample.walletUSD, sample.unrealizedPnlUSD,
                                         sample.marginUSD, sample.availableUSD])
        case .riskCounters(let counters, let atMs):
            try db.cachedStatement(sql: """
                INSERT INTO risk_counters (id, saved_at_ms, state) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET saved_at_ms = excluded.saved_at_ms, state = excluded.state
                """).execute(arguments: [atMs, try JSONOutput.encode(counters, pretty: false)])
        case .openLegs(let legs):
            try db.execute(sql: "DELETE FROM open_legs")
            for leg in legs {
                try db.cachedStatement(sql: "INSERT INTO open_legs (symbol, leg, state) VALUES (?, ?, ?)")
                    .execute(arguments: [leg.symbol, leg.leg.rawValue, try JSONOutput.encode(leg, pretty: false)])
            }
        case .closedTrade(let runId, let trade):
            try db.cachedStatement(sql: """
                INSERT INTO closed_trades (symbol, leg, entry_time_ms, exit_time_ms, entry_price, exit_price, quantity, pnl_usd, fees_usd,
                    r_multiple, regime, strategy, exit_reason, run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (symbol, leg, entry_time_ms, exit_time_ms) DO NOTHING
                """).execute(arguments: [trade.symbol, trade.side.rawValue, trade.entryTimeMs, trade.exitTimeMs, trade.entryPrice,
                                         trade.exitPrice, trade.quantity, trade.pnlUSD, trade.feesUSD, trade.rMultiple,
                                         trade.regime.rawValue, trade.strategy, trade.exitReason, runId])
        case .orderMetrics(let row):
            try db.cachedStatement(sql: """
                INSERT INTO router_metrics (client_order_id, symbol, maker, fallback, retries, slippage_bps, latency_ms, time_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (client_order_id) DO NOTHING
                """).execute(arguments: [row.clientOrderId, row.symbol, row.maker ? 1 : 0, row.fallback ? 1 : 0, row.retries,
                                         row.slippageBps, row.latencyMs, row.timeMs])
        }
    }
}
