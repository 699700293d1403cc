import HedgeCore
import Testing

@Suite("Tier liquidity filters")
struct LiquidityFilterTests {
    static let t2 = LiquidityFilter(minQuoteVolume24hUSD: 50_000_000, maxSpreadBps: 15, minDepthUSD: 50_000)

    @Test("a reading inside every bound passes; each bound failed is named with the reading and the bound")
    func failuresNameWhatIsWrong() {
        #expect(Self.t2.failures(LiquidityReading(quoteVolume24hUSD: 50_000_000, spreadBps: 15, depthUSD: 50_000)).isEmpty)
        #expect(Self.t2.failures(LiquidityReading(quoteVolume24hUSD: 12_345_678, spreadBps: 18.2, depthUSD: 31_000)) == [
            "24h quote volume 12345678 USD < 50000000", "spread 18.20 bps > 15.00", "depth within ±20 bps 31000 USD < 50000"])
        #expect(Self.t2.failures(LiquidityReading(quoteVolume24hUSD: .nan, spreadBps: .infinity, depthUSD: 60_000)).count == 2,
                "an unreadable number never passes")
    }
}
