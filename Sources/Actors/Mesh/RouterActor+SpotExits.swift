import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// Exits on a spot venue (Coinbase): a resting sell holds the base it sells, so a holding has one
/// resting exit, its stop. Its take-profit is the router's: when the best bid reaches it, the
/// holding is sold at market, recorded as `take_profit`. Any closing order (a take-profit, a
/// strategy's exit, a max-hold close) first cancels the resting stop, which frees the base.
extension RouterActor {
    func takeProfitOnSpot(_ symbol: String) async {
        guard !draining, let quoted = books[symbol], quoted.isValid,
              let open = tracker.openLeg(symbol: symbol, leg: .long), let takeProfit = open.takeProfitPrice,
              quoted.book.bidPrice.analyticsDouble >= takeProfit else { return }
        let key = Self.protectionKey(symbol, .long)
        guard spotTakeProfitsFiring.insert(key).inserted else { return }
        defer { spotTakeProfitsFiring.remove(key) }
        logger.notice("take-profit reached on a spot holding: selling at market", metadata: [
            "symbol": "\(symbol)", "bid": "\(quoted.book.bidPrice)", "take_profit": "\(takeProfit)"])
        await exitAtMarket(symbol: symbol, leg: .long, reason: "take_profit")
    }

    /// Cancels the leg's resting protective orders before a closing order goes out, so the base
    /// they hold can be sold. Should the close fail, `ensureProtection` places them again.
    func freeHoldingOnSpot(symbol: String, leg: PositionSide) async {
        let key = Self.protectionKey(symbol, leg)
        guard let protection = protections[key] else { return }
        let working = protection.ids.filter { unfinished.contains($0) }
        guard !working.isEmpty else { return }
        logger.info("spot: canceling the resting stop before a closing order", metadata: ["symbol": "\(symbol)", "orders": "\(working.joined(separator: ","))"])
        for id in working { await cancel(id) }
        // Not "missing" for `ensureProtection` while the close goes through.
        protections[key]?.placedAtMs = time.monotonicMs()
    }
}
