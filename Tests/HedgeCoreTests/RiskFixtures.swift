@testable import HedgeCore

/// The limits, universe and base intent/state the risk tests vary one field at a time.
enum RiskFixtures {
    static let limits = RiskLimits(
        global: GlobalLimits(
            navMaxAgeSeconds: 90, maxGrossExposureXNav: 1.5, maxTradeNavPct: 5, maxConcurrentPositions: 4,
            maxLeverage: 3, minNotionalUSD: 10, dailyLossStopPct: 3, maxDrawdownPct: 10,
            maxTradesPerHour: 4, maxTradesPerDay: 20,
            lossCooldown: LossCooldown(consecutiveLosses: 3, minutes: 60), killSwitchFile: "logs/KILL_SWITCH"
        ),
        perSymbol: [
            "BTCUSDT": SymbolLimits(maxNavPct: 30, maxLeverage: 3, maxDrawdownPct: 6),
            "ETHUSDT": SymbolLimits(maxNavPct: 25),
        ],
        tiers: [
            .t1: TierLimits(maxNavPct: 60, maxConcurrentPositions: 2),
            .t2: TierLimits(maxNavPct: 40, maxConcurrentPositions: 3),
            .t3: TierLimits(maxNavPct: 10, maxConcurrentPositions: 1),
        ],
        clusters: ["MAJOR": ClusterLimits(maxNavPct: 60), "L1": ClusterLimits(maxNavPct: 40), "MEME": ClusterLimits(maxNavPct: 5)],
        perStrategy: ["trend": StrategyLimits(maxConcurrentPositions: 3)],
        regimeMultipliers: [.bull: 1.2, .chop: 1, .bear: 0.5, .crash: 0]
    )

    static let universe = PairsUniverse(symbols: [
        "BTCUSDT": UniverseSymbol(tier: .t1, cluster: "MAJOR"),
        "ETHUSDT": UniverseSymbol(tier: .t1, cluster: "MAJOR"),
        "SOLUSDT": UniverseSymbol(tier: .t2, cluster: "L1"),
        "BNBUSDT": UniverseSymbol(tier: .t2, cluster: "L1"),
        "XRPUSDT": UniverseSymbol(tier: .t2, cluster: "L1"),
        "DOGEUSDT": UniverseSymbol(tier: .t3, cluster: "MEME", enabled: false),
    ])

    /// BUY 1 000 USD of BTC at 2× for `trend`: allowed against `state`.
    static let intent = OrderIntent(symbol: "BTCUSDT", side: .buy, grossUSD: 1_000, leverage: 2, strategy: "trend")

    /// 100 000 USD NAV, fresh, flat, chop.
    static let state = RiskState(navUSD: 100_000, navAgeSeconds: 5)

    static func position(_ symbol: String, _ side: PositionSide = .long, _ usd: Double, strategy: String = "other") -> PositionExposure {
        PositionExposure(symbol: symbol, side: side, notionalUSD: usd, strategy: strategy)
    }

    static func check(_ intent: OrderIntent = intent, _ state: RiskState = state, limits: RiskLimits = limits) -> RiskDecision {
        checkOrder(intent, state: state, limits: limits, universe: universe)
    }
}
