/// Why the risk engine refused an intent. The raw values are the operator-facing codes that
/// appear in `risk_vetoes.jsonl`, the probe output and the dashboard; never rename one.
///
/// Declaration order is the order vetoes are listed in a decision.
public enum VetoCode: String, Sendable, Hashable, CaseIterable, Codable {
    case navStale = "nav_stale"
    case killSwitch = "kill_switch"
    /// The daemon has not yet reconciled its orders and positions with the venue since it
    /// started: only risk-reducing orders go out until it has.
    case reconciliationPending = "reconciliation_pending"
    /// The order journal could not be written (a full or failing disk): no trading without an
    /// audit trail, so no new entries until it can be again.
    case orderLogUnwritable = "order_log_unwritable"
    /// The symbol has open orders at the venue that this daemon did not send
    /// (`reconcile.unknown_orders: halt`): no new entries on it until they are gone.
    case symbolHalted = "symbol_halted"
    case symbolNotTradable = "symbol_not_tradable"
    /// A short entry on a spot venue (Coinbase): a spot account sells only what it holds.
    case spotNoShort = "spot_no_short"
    case reduceOnlyWithoutPosition = "reduce_only_without_position"
    case regimeBlocked = "regime_blocked"
    case minNotional = "min_notional"
    case maxTradeNavPct = "max_trade_nav_pct"
    case maxSymbolNavPct = "max_symbol_nav_pct"
    case maxGrossExposure = "max_gross_exposure"
    case maxLeverage = "max_leverage"
    case maxConcurrentPositions = "max_concurrent_positions"
    case tierCap = "tier_cap"
    case clusterCap = "cluster_cap"
    case strategyConcurrency = "strategy_concurrency"
    case symbolDrawdown = "symbol_drawdown"
    case dailyLossStop = "daily_loss_stop"
    case maxDrawdown = "max_drawdown"
    case tradesPerHour = "trades_per_hour"
    case tradesPerDay = "trades_per_day"
    case lossCooldown = "loss_cooldown"
}
