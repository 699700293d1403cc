/// How positions are held on a symbol: hedge mode keeps a LONG and a SHORT leg side by side
/// (Binance `dualSidePosition=true`); one-way mode keeps one net position.
public enum PositionMode: String, Sendable, Hashable, Codable, CaseIterable {
    case hedge
    case oneWay = "one_way"
}

/// How the simulated venue decides how much of an order a bar fills.
public enum FillModel: String, Sendable, Hashable, CaseIterable {
    /// Orders on a symbol take at most `participation` of a bar's volume; the rest waits for the
    /// next bar (the realistic default: a large order moves through thin bars slowly).
    case volumeCapped = "volume-capped"
    /// Every order fills whole when its price is reached: a market order at the next bar's open.
    /// What other engines' baselines assume (research runs, engine comparisons).
    case whole
}

/// The simulated venue's rules: fees, the slippage model, how much of a bar's volume an order may
/// take, and margin. Percent-free: fees and slippage are in basis points, fractions are 0–1.
///
/// Prices here are `Double`: the matching engine is a simulation for backtests and paper trading,
/// and never produces a price that is sent to a real venue.
public struct MatchingConfiguration: Sendable, Hashable {
    public var positionMode: PositionMode
    /// Fee on taker fills (market, marketable limit, stop), in bps of notional. Binance USD-M VIP0: 4.
    public var takerFeeBps: Double
    /// Fee on maker fills (resting limits), in bps of notional. Binance USD-M VIP0: 2.
    public var makerFeeBps: Double
    /// Market-style fills move against the order by this many bps of the reference price …
    public var slippageBps: Double
    /// … plus this fraction of the bar's range (high − low). The fill never leaves [low, high].
    public var slippageRangeFraction: Double
    /// Most of one bar's volume that orders on the symbol may take (0–1]; the rest waits for the
    /// next bar. Protective exits (stops, take-profits) and liquidations are not capped. Applies
    /// under `FillModel.volumeCapped` only.
    public var participation: Double
    /// Whether fills are capped by bar volume (`participation`) or orders fill whole.
    public var fillModel: FillModel
    /// Maintenance margin as a fraction of notional (isolated-margin liquidation price).
    public var maintenanceMarginRate: Double
    /// Leverage used for a symbol that has no explicit `setLeverage`.
    public var defaultLeverage: Double

    public init(
        positionMode: PositionMode = .hedge,
        takerFeeBps: Double = 4,
        makerFeeBps: Double = 2,
        slippageBps: Double = 1,
        slippageRangeFraction: Double = 0.05,
        participation: Double = 0.1,
        fillModel: FillModel = .volumeCapped,
        maintenanceMarginRate: Double = 0.004,
        defaultLeverage: Double = 1
    ) {
        self.positionMode = positionMode
        self.takerFeeBps = takerFeeBps
        self.makerFeeBps = makerFeeBps
        self.slippageBps = slippageBps
        self.slippageRangeFraction = slippageRangeFraction
        self.participation = participation
        self.fillModel = fillModel
        self.maintenanceMarginRate = maintenanceMarginRate
        self.defaultLeverage = defaultLeverage
    }

    public static let `default` = MatchingConfiguration()
}
