import ArgumentParser
import Foundation
import HedgeActors
import HedgeCore
import HedgeExchange
import Logging

/// The venue `hedge run` trades on: the sim venue with its replay feed, or Binance (prepared:
/// clock offset measured, rate limits read, hedge mode confirmed when credentials are present).
struct RunVenue {
    let exchange: any ExchangeClient
    let feed: (@Sendable () async throws -> Void)?
    /// Set when the sim replays as fast as the mesh takes it (`--speed max`): the runtime drives it.
    var lockstep: LockstepFeed?
    let shutdown: @Sendable () async -> Void

    /// The sim venue over `sim.data`. Its inputs are journaled in the state directory
    /// (`sim_venue.journal`) and replayed at start, so a paper daemon restarts onto the venue it
    /// left — wallet, legs, working orders, replay position — the way a real venue outlives it.
    /// With `market`, the replay runs in lockstep with the mesh on that market time.
    static func sim(config: HedgeConfig, time: MeshClock, market: MarketTime? = nil, logger: Logger) async throws -> RunVenue {
        let dataSet: MarketDataSet
        do {
            dataSet = try MarketDataSet.open(path: config.runtime.sim.dataPath)
        } catch {
            printError("hedge run: sim.data: \(error)")
            throw ExitStatus.configError
        }
        let sim = SimExchange(configuration: SimExchangeConfiguration(initialWalletUSD: 100_000), clock: time.clock, logger: logger)
        let replay = try SimReplay(exchange: sim, dataSet: dataSet)
        let journal: SimVenueJournal
        do {
            journal = try SimVenueJournal(path: "\(config.runtime.stateDirectory)/sim_venue.journal")
            let events = try journal.events()
            try await replay.restore(events)
            if !events.isEmpty {
                logger.notice("sim venue restored from its journal", metadata: ["events": "\(events.count)", "journal": "\(journal.path)"])
            }
        } catch {
            printError("hedge run: the sim venue cannot be restored from \(config.runtime.stateDirectory)/sim_venue.journal: \(error) "
                + "(it was written over other sim.data; move it away to start the venue afresh)")
            throw ExitStatus.configError
        }
        await sim.recordEvents { event in
            journal.append(event) { error in logger.error("sim venue journal write failed", metadata: ["error": "\(error)"]) }
        }
        let speed = config.runtime.sim.speed
        // Dry-run reads the sim like paper but never changes it: orders are logged and refused.
        let exchange: any ExchangeClient = config.runtime.mode == .dryRun
            ? DryRunExchange(base: sim, currentLeverage: { await sim.leverage(symbol: $0) }, logger: logger)
            : sim
        if let market {
            return RunVenue(exchange: exchange, feed: nil, lockstep: LockstepFeed(replay: replay, market: market), shutdown: {})
        }
        return RunVenue(exchange: exchange, feed: { try await replay.run(speed: speed, clock: time.clock) }, shutdown: {})
    }

    static func binance(plan: BinanceLaunchPlan, settings: BinanceSettings, logger: Logger) async throws -> RunVenue {
        let session = BinanceSession(plan: plan, settings: settings, logger: logger)
        do {
            try await session.client.prepare()
            if plan.credentials != nil, try await !session.client.isHedgeMode() {
                await session.shutdown()
                printError("hedge run: the Binance account is in one-way position mode; Hedge trades in hedge mode (switch it while flat)")
                throw ExitStatus.configError
            }
        } catch let error as ExchangeError {
            await session.shutdown()
            printError("hedge run: cannot reach Binance at \(plan.restURL): \(error)")
            throw ExitStatus.unavailable
        }
        logger.notice("binance venue ready", metadata: [
            "rest": "\(plan.restURL)", "stream": "\(plan.streamURL)",
            "orders": "\(plan.orderPolicy == .send ? "sent" : "never sent (dry-run)")",
        ])
        return RunVenue(exchange: session.client, feed: nil, shutdown: { await session.shutdown() })
    }

    static func coinbase(plan: CoinbaseLaunchPlan, settings: CoinbaseSettings, logger: Logger) async throws -> RunVenue {
        let session = CoinbaseSession(plan: plan, settings: settings, logger: logger)
        do {
            try await session.client.prepare()
            if plan.credentials != nil { _ = try await session.client.account() }
        } catch {
            await session.shutdown()
            // A refused key is the operator's to fix (exit 78, no restart); anything else is the venue's.
            if error.isUnauthorized {
                printError("hedge run: Coinbase at \(plan.restURL) refused the API key: \(error)")
                throw ExitStatus.configError
            }
            printError("hedge run: cannot reach Coinbase at \(plan.restURL): \(error)")
            throw ExitStatus.unavailable
        }
        logger.notice("coinbase venue ready", metadata: [
            "rest": "\(plan.restURL)", "market_stream": "\(plan.marketStreamURL)", "user_stream": "\(plan.userStreamURL)",
            "bars": "\(session.client.barInterval)", "orders": "\(plan.orderPolicy == .send ? "sent" : "never sent (dry-run)")",
        ])
        return RunVenue(exchange: session.client, feed: nil, shutdown: { await session.shutdown() })
    }
}
