/// The operator's hard risk limits, from `config/risk_limits.json`. Every threshold the risk
/// engine and the sizer apply comes from here; none is a literal in code.
///
/// Percentages are percent numbers (3 means 3 %). NAV-percentage caps are scaled by the regime
/// multiplier at decision time.
public struct RiskLimits: Sendable, Hashable {
    public var global: GlobalLimits
    public var perSymbol: [String: SymbolLimits]
    public var tiers: [Tier: TierLimits]
    public var clusters: [String: ClusterLimits]
    public var perStrategy: [String: StrategyLimits]
    public var regimeMultipliers: [Regime: Double]

    public init(
        global: GlobalLimits,
        perSymbol: [String: SymbolLimits] = [:],
        tiers: [Tier: TierLimits] = [:],
        clusters: [String: ClusterLimits] = [:],
        perStrategy: [String: StrategyLimits] = [:],
        regimeMultipliers: [Regime: Double] = [.bull: 1, .chop: 1, .bear: 1, .crash: 1]
    ) {
        self.global = global
        self.perSymbol = perSymbol
        self.tiers = tiers
        self.clusters = clusters
        self.perStrategy = perStrategy
        self.regimeMultipliers = regimeMultipliers
    }

    /// The multiplier for `regime`; a regime the config does not name scales by 1.
    public func multiplier(for regime: Regime) -> Double {
        regimeMultipliers[regime] ?? 1
    }
}

/// Account-wide limits (`risk_limits.json` `global`).
public struct GlobalLimits: Sendable, Hashable {
    /// A NAV sample older than this is stale and blocks new risk.
    public var navMaxAgeSeconds: Double
    /// Gross exposure (Σ |notional| of all legs) may not exceed this multiple of NAV.
    public var maxGrossExposureXNav: Double
    /// One order's notional as percent of NAV.
    public var maxTradeNavPct: Double
    /// Symbols with any open leg.
    public var maxConcurrentPositions: Int
    public var maxLeverage: Double
    public var minNotionalUSD: Double
    /// Loss in percent of start-of-day NAV at which new risk stops for the day.
    public var dailyLossStopPct: Double
    /// Drawdown from peak NAV, in percent, at which new risk stops.
    public var maxDrawdownPct: Double
    public var maxTradesPerHour: Int
    public var maxTradesPerDay: Int
    public var lossCooldown: LossCooldown
    /// Path of the file whose existence engages the kill switch.
    public var killSwitchFile: String

    public init(
        navMaxAgeSeconds: Double, maxGrossExposureXNav: Double, maxTradeNavPct: Double,
        maxConcurrentPositions: Int, maxLeverage: Double, minNotionalUSD: Double,
        dailyLossStopPct: Double, maxDrawdownPct: Double, maxTradesPerHour: Int,
        maxTradesPerDay: Int, lossCooldown: LossCooldown, killSwitchFile: String
    ) {
        self.navMaxAgeSeconds = navMaxAgeSeconds
        self.maxGrossExposureXNav = maxGrossExposureXNav
        self.maxTradeNavPct = maxTradeNavPct
        self.maxConcurrentPositions = maxConcurrentPositions
        self.maxLeverage = maxLeverage
        self.minNotionalUSD = minNotionalUSD
        self.dailyLossStopPct = dailyLossStopPct
        self.maxDrawdownPct = maxDrawdownPct
        self.maxTradesPerHour = maxTradesPerHour
        self.maxTradesPerDay = maxTradesPerDay
        self.lossCooldown = lossCooldown
        self.killSwitchFile = killSwitchFile
    }
}

/// After `consecutiveLosses` losing trades in a row, no new risk for `minutes`.
public struct LossCooldown: Sendable, Hashable {
    public var consecutiveLosses: Int
    public var minutes: Double

    public init(consecutiveLosses: Int, minutes: Double) {
        self.consecutiveLosses = consecutiveLosses
        self.minutes = minutes
    }
}

/// Optional per-symbol overrides (`per_symbol.SYMBOL`); a nil field means "not capped here".
public struct SymbolLimits: Sendable, Hashable {
    public var maxNavPct: Double?
    public var maxLeverage: Double?
    public var maxDrawdownPct: Double?

    public init(maxNavPct: Double? = nil, maxLeverage: Double? = nil, maxDrawdownPct: Double? = nil) {
        self.maxNavPct = maxNavPct
        self.maxLeverage = maxLeverage
        self.maxDrawdownPct = maxDrawdownPct
    }
}

/// Caps on all symbols of one tier together.
public struct TierLimits: Sendable, Hashable {
    public var maxNavPct: Double
    public var maxConcurrentPositions: Int

    public init(maxNavPct: Double, maxConcurrentPositions: Int) {
        self.maxNavPct = maxNavPct
        self.maxConcurrentPositions = maxConcurrentPositions
    }
}

/// Cap on the total notional of one cluster (MAJOR, L1, MEME …).
public struct ClusterLimits: Sendable, Hashable {
    public var maxNavPct: Double

    public init(maxNavPct: Double) {
        self.maxNavPct = maxNavPct
    }
}

/// Cap on how many symbols one strategy may hold at once.
public struct StrategyLimits: Sendable, Hashable {
    public var maxConcurrentPositions: Int

    public init(maxConcurrentPositions: Int) {
        self.maxConcurrentPositions = maxConcurrentPositions
    }
}
