import HedgeCore
import HedgeExchange
import Logging

/// One round of universe discovery against a venue that lists its products: rank them, read the
/// book of each candidate (spread and depth within ±20 bps, as the tier filters want), decide,
/// and log every decision with its numbers.
public enum UniverseScan {
    public static func run(venue: any ProductListing, filters: [Tier: LiquidityFilter], settings: DiscoverySettings,
                           logger: Logger) async throws(ExchangeError) -> [UniverseDecision] {
        let candidates = UniverseDiscovery.candidates(try await venue.listedProducts(), settings: settings)
        var readings: [(product: ListedProduct, reading: LiquidityReading?)] = []
        for product in candidates {
            do {
                let book = try await venue.bookTicker(symbol: product.symbol)
                let depth = try await venue.depth(symbol: product.symbol, limit: 50)
                let mid = book.mid.analyticsDouble
                let spread = book.isValid && mid > 0 ? (book.askPrice - book.bidPrice).analyticsDouble / mid * 10_000 : .infinity
                readings.append((product, LiquidityReading(quoteVolume24hUSD: product.quoteVolume24hUSD, spreadBps: spread,
                                                           depthUSD: depth.notionalWithin(bps: LiquidityFilter.depthBandBps))))
            } catch {
                logger.warning("universe discovery: book unavailable", metadata: ["symbol": "\(product.symbol)", "error": "\(error)"])
                readings.append((product, nil))
            }
        }
        let decisions = UniverseDiscovery.decide(readings, filters: filters, settings: settings)
        for decision in decisions {
            logger.info("\(decision)", metadata: ["symbol": "\(decision.symbol)", "rank": "\(decision.rank)"])
        }
        logger.notice("universe discovery", metadata: [
            "candidates": "\(decisions.count)", "eligible": "\(decisions.filter(\.eligible).count)",
            "selected": "\(decisions.filter(\.selected).map(\.symbol).joined(separator: ","))",
        ])
        return decisions
    }
}
