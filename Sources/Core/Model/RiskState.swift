/// One open leg as the risk engine sees it: which symbol, which side, how much notional and
/// which strategy holds it.
public struct PositionExposure: Sendable, Hashable, Codable {
    public var symbol: String
    public var side: PositionSide
    /// |notional| in USD. Signs live in `side`.
    public var notionalUSD: Double
    public var strategy: String

    public init(symbol: String, side: PositionSide, notionalUSD: Double, strategy: String) {
        self.symbol = symbol
        self.side = side
        self.notionalUSD = notionalUSD
        self.strategy = strategy
    }

    enum CodingKeys: String, CodingKey {
        case symbol, side, strategy
        case notionalUSD = "notional_usd"
    }
}

/// Everything `checkOrder` needs to know about the account at decision time. Built by the
/// RiskActor (live), the backtest (replay) or a probe file; time enters only as ages.
///
/// Percentages are percent numbers (3 means 3 %). `dailyPnlPct` is signed (−2 is a 2 % loss);
/// drawdowns are positive distances below the peak.
public struct RiskState: Sendable, Hashable, Codable {
    public var navUSD: Double
    /// Seconds since the NAV sample was taken.
    public var navAgeSeconds: Double
    public var positions: [PositionExposure]
    public var dailyPnlPct: Double
    public var drawdownPct: Double
    public var symbolDrawdownPct: [String: Double]
    public var tradesLastHour: Int
    public var tradesToday: Int
    public var consecutiveLosses: Int
    /// Minutes since the last losing trade closed; `nil` when there has been none.
    public var minutesSinceLastLoss: Double?
    public var regime: Regime
    /// True when the operator's kill switch (file or API) is engaged.
    public var killSwitch: Bool
    /// True until the daemon has reconciled with the venue after its start.
    public var reconciliationPending: Bool
    /// True while the order journal cannot be written (no new entries without an audit trail).
    public var orderLogUnwritable: Bool
    /// Symbols with open orders this daemon did not send (no new entries on them).
    public var haltedSymbols: Set<String>

    public init(
        navUSD: Double,
        navAgeSeconds: Double = 0,
        positions: [PositionExposure] = [],
        dailyPnlPct: Double = 0,
        drawdownPct: Double = 0,
        symbolDrawdownPct: [String: Double] = [:],
        tradesLastHour: Int = 0,
        tradesToday: Int = 0,
        consecutiveLosses: Int = 0,
        minutesSinceLastLoss: Double? = nil,
        regime: Regime = .chop,
        killSwitch: Bool = false,
        reconciliationPending: Bool = false,
        orderLogUnwritable: Bool = false,
        haltedSymbols: Set<String> = []
    ) {
        self.navUSD = navUSD
        self.navAgeSeconds = navAgeSeconds
        self.positions = positions
        self.dailyPnlPct = dailyPnlPct
        self.drawdownPct = drawdownPct
        self.symbolDrawdownPct = symbolDrawdownPct
        self.tradesLastHour = tradesLastHour
        self.tradesToday = tradesToday
        self.consecutiveLosses = consecutiveLosses
        self.minutesSinceLastLoss = minutesSinceLastLoss
        self.regime = regime
        self.killSwitch = killSwitch
        self.reconciliationPending = reconciliationPending
        self.orderLogUnwritable = orderLogUnwritable
        self.haltedSymbols = haltedSymbols
    }

    enum CodingKeys: String, CodingKey {
        case positions, regime
        case navUSD = "nav_usd"
        case navAgeSeconds = "nav_age_s"
        case dailyPnlPct = "daily_pnl_pct"
        case drawdownPct = "drawdown_pct"
        case symbolDrawdownPct = "symbol_drawdown_pct"
        case tradesLastHour = "trades_last_hour"
        case tradesToday = "trades_today"
        case consecutiveLosses = "consecutive_losses"
        case minutesSinceLastLoss = "minutes_since_last_loss"
        case killSwitch = "kill_switch"
        case reconciliationPending = "reconciliation_pending"
        case orderLogUnwritable = "order_log_unwritable"
        case haltedSymbols = "halted_symbols"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        navUSD = try c.decode(Double.self, forKey: .navUSD)
        navAgeSeconds = try c.decode(Double.self, forKey: .navAgeSeconds)
        positions = try c.decodeIfPresent([PositionExposure].self, forKey: .positions) ?? []
        dailyPnlPct = try c.decodeIfPresent(Double.self, forKey: .dailyPnlPct) ?? 0
        drawdownPct = try c.decodeIfPresent(Double.self, forKey: .drawdownPct) ?? 0
        symbolDrawdownPct = try c.decodeIfPresent([String: Double].self, forKey: .symbolDrawdownPct) ?? [:]
        tradesLastHour = try c.decodeIfPresent(Int.self, forKey: .tradesLastHour) ?? 0
        tradesToday = try c.decodeIfPresent(Int.self, forKey: .tradesToday) ?? 0
        consecutiveLosses = try c.decodeIfPresent(Int.self, forKey: .consecutiveLosses) ?? 0
        minutesSinceLastLoss = try c.decodeIfPresent(Double.self, forKey: .minutesSinceLastLoss)
        regime = try c.decodeIfPresent(Regime.self, forKey: .regime) ?? .chop
        killSwitch = try c.decodeIfPresent(Bool.self, forKey: .killSwitch) ?? false
        reconciliationPending = try c.decodeIfPresent(Bool.self, forKey: .reconciliationPending) ?? false
        orderLogUnwritable = try c.decodeIfPresent(Bool.self, forKey: .orderLogUnwritable) ?? false
        haltedSymbols = try c.decodeIfPresent(Set<String>.self, forKey: .haltedSymbols) ?? []
    }
}
