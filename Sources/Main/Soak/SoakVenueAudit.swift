import HedgeActors
import HedgeCore
import HedgeExchange
import HedgeStore
import HedgeVenueServer

/// The end of every soak: the store in the state directory against the venue, read through
/// `session` once the last daemon has stopped.
struct SoakVenueAudit {
    let session: SoakVenueSession
    let loopback: SoakLoopback?
    let symbols: [String]

    func findings(store: any TradingStore) async throws -> SoakFindings {
        try await SoakAudit.compare(store: store, exchange: session.client, placements: placements(), symbols: symbols)
    }

    /// Every order the venue created: the loopback's journal, or what a real venue still lists
    /// per symbol.
    private func placements() async throws -> [VenuePlacement] {
        if let loopback {
            return await loopback.journal().entries.map { VenuePlacement(clientOrderId: $0.clientOrderId, symbol: $0.symbol) }
        }
        var placements: [VenuePlacement] = []
        for symbol in symbols {
            placements += try await session.orders(symbol).map { VenuePlacement(clientOrderId: $0.clientOrderId, symbol: $0.symbol) }
        }
        return placements
    }
}
