/// Bands, gains and step bounds of router auto-tune (`suggestRouterPolicy`). Fractions are in
/// [0, 1]; offsets and slippage in basis points.
///
/// The dead bands are the hysteresis: while a driver stays inside its band nothing changes, so
/// noise around a threshold never makes the policy flip-flop; outside it the policy moves by a
/// step proportional to the distance past the band edge, capped per run.
public struct RouterAutotuneParameters: Sendable, Hashable {
    /// Fewer orders than this and no change is suggested (warm-up). Default 20.
    public var minOrders: Int
    /// Maker fill ratio dead band: below `makerFillLow` (default 0.4) maker orders fill too
    /// rarely (lean taker, rest closer to the touch); above `makerFillHigh` (default 0.75) they
    /// fill well (lean maker, rest a little further back).
    public var makerFillLow: Double
    public var makerFillHigh: Double
    /// Taker-bias change per unit of fill ratio past the band. Default 0.5.
    public var takerBiasGain: Double
    /// Taker-bias change per bps of mean slippage above `slippageHighBps` (towards maker: taking
    /// costs too much). Default 0.01.
    public var slippageGain: Double
    /// Mean adverse slippage above which taking is too expensive, bps. Default 8.
    public var slippageHighBps: Double
    /// Largest taker-bias change per run. Default 0.1.
    public var maxTakerBiasStep: Double
    /// Offset change in bps per unit of fill ratio past the band. Default 2.5.
    public var offsetGainBps: Double
    /// Largest offset change per run, bps. Default 0.5.
    public var maxOffsetStepBps: Double
    /// Bounds the tuner moves the offset within, bps (an offset already outside is not forced
    /// back, only never pushed further out). Default [0, 5].
    public var minOffsetBps: Double
    public var maxOffsetBps: Double
    /// makerFirst is switched off only when the maker fill ratio is below this (default 0.15)
    /// and mean slippage is below `makerFirstOffMaxSlippageBps` (default 4): taking is cheap and
    /// resting is futile. It is switched back on when slippage reaches `slippageHighBps` or the
    /// fill ratio exceeds `makerFirstOnAbove` (default 0.35). The gaps between the two
    /// conditions are the hysteresis.
    public var makerFirstOffBelow: Double
    public var makerFirstOffMaxSlippageBps: Double
    public var makerFirstOnAbove: Double
    /// A symbol scoring below this (default 0.3) never gets a higher taker bias: taking costs
    /// fees a weak symbol cannot pay for.
    public var lowScore: Double

    public init(minOrders: Int = 20, makerFillLow: Double = 0.4, makerFillHigh: Double = 0.75,
                takerBiasGain: Double = 0.5, slippageGain: Double = 0.01, slippageHighBps: Double = 8,
                maxTakerBiasStep: Double = 0.1, offsetGainBps: Double = 2.5, maxOffsetStepBps: Double = 0.5,
                minOffsetBps: Double = 0, maxOffsetBps: Double = 5, makerFirstOffBelow: Double = 0.15,
                makerFirstOffMaxSlippageBps: Double = 4, makerFirstOnAbove: Double = 0.35, lowScore: Double = 0.3) {
        self.minOrders = minOrders
        self.makerFillLow = makerFillLow
        self.makerFillHigh = makerFillHigh
        self.takerBiasGain = takerBiasGain
        self.slippageGain = slippageGain
        self.slippageHighBps = slippageHighBps
        self.maxTakerBiasStep = maxTakerBiasStep
        self.offsetGainBps = offsetGainBps
        self.maxOffsetStepBps = maxOffsetStepBps
        self.minOffsetBps = minOffsetBps
        self.maxOffsetBps = maxOffsetBps
        self.makerFirstOffBelow = makerFirstOffBelow
        self.makerFirstOffMaxSlippageBps = makerFirstOffMaxSlippageBps
        self.makerFirstOnAbove = makerFirstOnAbove
        self.lowScore = lowScore
    }

    /// The documented defaults.
    public static let `default` = RouterAutotuneParameters()
}
