import Foundation
import HedgeCore

/// The checks of `hedge doctor --venue coinbase`: credentials present (never shown), the venue
/// reachable, the clock within the JWT's validity, the products, the account's NAV and
/// holdings, what is open, and the rate-limit headroom. A failed check says why; the checks that
/// depend on it are skipped.
public enum CoinbaseDoctor {
    public static func run(client: CoinbaseAdvancedClient, credentials: CoinbaseCredentials?) async -> [VenueCheck] {
        var checks: [VenueCheck] = []
        func add(_ name: String, _ outcome: VenueCheck.Outcome, _ detail: String) {
            checks.append(VenueCheck(name: name, outcome: outcome, detail: detail))
        }
        if let credentials {
            add("credentials", .ok, "API key \(BinanceCredentials.masked(credentials.keyName)) (\(credentials.key.algorithm)) present")
        } else {
            add("credentials", .failed, "\(CoinbaseCredentials.apiKeyVariable) and \(CoinbaseCredentials.apiSecretVariable) are not set (environment or coinbase.key_file)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let offset: Int64
        do {
            offset = try await client.rest.syncTime()
            add("connectivity", .ok, "\(client.rest.baseURL) answered in \((clock.now - start).wholeMilliseconds) ms")
        } catch {
            add("connectivity", .failed, "\(client.rest.baseURL): \(error)")
            return checks
        }
        // A JWT lives 120 s from its nbf: beyond a minute of skew the venue refuses some of them.
        let magnitude = abs(offset)
        if magnitude > 60_000 {
            add("clock skew", .failed, "venue clock is \(offset) ms from ours; JWTs live 120 s: sync NTP")
        } else if magnitude > 5_000 {
            add("clock skew", .warning, "venue clock is \(offset) ms from ours (JWTs are dated on the venue's clock; sync NTP)")
        } else {
            add("clock skew", .ok, "\(offset) ms")
        }
        do {
            let products = try await client.products()
            let usd = products.filter { $0.tradable && $0.quoteCurrency == "USD" }
            add("products", .ok, "\(products.filter(\.tradable).count) spot products trading, \(usd.count) against USD")
        } catch {
            add("products", .failed, "\(error)")
        }
        guard credentials != nil else { return checks + [headroom(await client.health())] }
        do {
            let account = try await client.account()
            add("account", .ok, String(format: "NAV %.2f USD, cash %.2f USD, available %.2f USD",
                                       account.equityUSD, account.walletUSD, account.availableUSD))
        } catch {
            add("account", .failed, "\(error)")
            return checks + [headroom(await client.health())]
        }
        do {
            let orders = try await client.openOrders(symbol: nil)
            let listed = orders.prefix(5).map { "\($0.symbol) \($0.side.rawValue) \($0.clientOrderId)" }.joined(separator: ", ")
            add("open orders", .ok, orders.isEmpty ? "none" : "\(orders.count): \(listed)\(orders.count > 5 ? ", …" : "")")
        } catch {
            add("open orders", .failed, "\(error)")
        }
        do {
            let holdings = try await client.positions()
            add("holdings", .ok, holdings.isEmpty ? "cash only" : holdings.map { "\($0.symbol) \($0.quantity)" }.joined(separator: ", "))
        } catch {
            add("holdings", .failed, "\(error)")
        }
        checks.append(headroom(await client.health()))
        return checks
    }

    private static func headroom(_ health: VenueHealth) -> VenueCheck {
        VenueCheck(name: "rate limits", outcome: .ok,
                   detail: "\(health.requests) requests sent, pacing at most \(health.weightLimit1m) per second")
    }
}
