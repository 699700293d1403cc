import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import Logging

/// The venue a soak's daemons trade on: Binance's or Coinbase's adapter, against the loopback
/// venue or a URL.
enum SoakVenuePlan {
    case binance(BinanceLaunchPlan)
    case coinbase(CoinbaseLaunchPlan)

    var restURL: String {
        switch self {
        case .binance(let plan): plan.restURL
        case .coinbase(let plan): plan.restURL
        }
    }

    /// `hedge run` arguments that point a child at this venue.
    var runArguments: [String] {
        switch self {
        case .binance(let plan): ["--venue", "binance", "--base-url", plan.restURL, "--stream-url", plan.streamURL]
        case .coinbase(let plan): ["--venue", "coinbase", "--base-url", plan.restURL]
        }
    }

    /// A client of the venue and the HTTP client under it.
    func session(config: HedgeConfig, logger: Logger) -> SoakVenueSession {
        switch self {
        case .binance(let plan):
            let session = BinanceSession(plan: plan, settings: config.runtime.binance, logger: logger)
            return SoakVenueSession(client: session.client, prepare: { try await session.client.prepare() },
                                    orders: { symbol in try await session.client.allOrders(symbol: symbol) },
                                    shutdown: { await session.shutdown() })
        case .coinbase(let plan):
            let session = CoinbaseSession(plan: plan, settings: config.runtime.coinbase, logger: logger)
            return SoakVenueSession(client: session.client, prepare: { try await session.client.prepare() },
                                    orders: { symbol in try await session.client.recentOrders(symbol: symbol, sinceMs: 0) },
                                    shutdown: { await session.shutdown() })
        }
    }
}

/// One venue client for a soak: prepare it, list a symbol's orders (the audit of a real venue),
/// shut it down.
struct SoakVenueSession {
    let client: any ExchangeClient
    let prepare: @Sendable () async throws -> Void
    let orders: @Sendable (String) async throws -> [VenueOrder]
    let shutdown: @Sendable () async -> Void
}
