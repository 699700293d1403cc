import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import Logging

/// The universe a Coinbase daemon starts with: spot (no shorts, no leverage), discovered from
/// the venue when `pairs_universe.json` has `discovery` (the selected products, their tiers and
/// clusters), else the listed symbols as they are (Coinbase product ids, `BTC-USD`).
enum CoinbaseUniverse {
    static func atStart(_ configured: PairsUniverse, venue: CoinbaseAdvancedClient, logger: Logger) async throws -> PairsUniverse {
        guard let settings = configured.discovery else {
            var universe = configured
            universe.spot = true
            if !universe.enabledSymbols.contains(where: { $0.contains("-") }) {
                logger.warning("pairs_universe.json lists no Coinbase products (BTC-USD) and has no discovery section: nothing to trade")
            }
            return universe
        }
        let decisions: [UniverseDecision]
        do {
            decisions = try await UniverseScan.run(venue: venue, filters: configured.filters, settings: settings, logger: logger)
        } catch {
            printError("hedge run: universe discovery on Coinbase failed: \(error)")
            throw ExitStatus.unavailable
        }
        let universe = UniverseDiscovery.universe(decisions, filters: configured.filters, settings: settings)
        if universe.symbols.isEmpty {
            logger.warning("universe discovery selected no product: the daemon watches, trades nothing, and logs each decision at every universe refresh")
        }
        return universe
    }
}
