/// A symbol's liquidity as the venue reports it, what the tier filters are checked against.
public struct LiquidityReading: Sendable, Hashable, Codable {
    /// Traded value over the last 24 h, USD.
    public var quoteVolume24hUSD: Double
    /// (ask − bid) / mid, in basis points.
    public var spreadBps: Double
    /// The thinner side's notional within `LiquidityFilter.depthBandBps` of the mid, USD.
    public var depthUSD: Double

    public init(quoteVolume24hUSD: Double, spreadBps: Double, depthUSD: Double) {
        self.quoteVolume24hUSD = quoteVolume24hUSD
        self.spreadBps = spreadBps
        self.depthUSD = depthUSD
    }

    enum CodingKeys: String, CodingKey {
        case quoteVolume24hUSD = "quote_volume_24h_usd"
        case spreadBps = "spread_bps"
        case depthUSD = "depth_usd"
    }
}

extension LiquidityFilter {
    /// How far from the mid resting size counts as depth: ±20 bps, what an entry may move the
    /// price by before it is not the price the strategy saw.
    public static let depthBandBps = 20.0

    /// Why a symbol reading `reading` fails this filter, one phrase per failed bound; empty when it
    /// passes. A reading that is not a finite number fails its bound.
    /// Whether `reading` passes every threshold (what `failures` lists, without the text).
    public func passes(_ reading: LiquidityReading) -> Bool {
        reading.quoteVolume24hUSD >= minQuoteVolume24hUSD && reading.spreadBps <= maxSpreadBps && reading.depthUSD >= minDepthUSD
    }

    public func failures(_ reading: LiquidityReading) -> [String] {
        var failed: [String] = []
        if !(reading.quoteVolume24hUSD >= minQuoteVolume24hUSD) {
            failed.append("24h quote volume \(fixedPoint(reading.quoteVolume24hUSD, 0)) USD < \(fixedPoint(minQuoteVolume24hUSD, 0))")
        }
        if !(reading.spreadBps <= maxSpreadBps) {
            failed.append("spread \(fixedPoint(reading.spreadBps, 2)) bps > \(fixedPoint(maxSpreadBps, 2))")
        }
        if !(reading.depthUSD >= minDepthUSD) {
            failed.append("depth within ±\(fixedPoint(Self.depthBandBps, 0)) bps \(fixedPoint(reading.depthUSD, 0)) USD < \(fixedPoint(minDepthUSD, 0))")
        }
        return failed
    }
}
