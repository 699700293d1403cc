import Foundation
import HedgeCore

/// One line of `hedge doctor --venue binance`.
public struct VenueCheck: Sendable, Hashable, CustomStringConvertible {
    public enum Outcome: String, Sendable { case ok = "ok", warning = "warn", failed = "FAIL" }

    public var name: String
    public var outcome: Outcome
    public var detail: String

    public var description: String { "[\(outcome.rawValue)] \(name): \(detail)" }
}

/// The venue checks an operator runs before trading: credentials present (never shown), the venue
/// reachable, the clock skew within the signing window, the account's NAV, hedge position mode,
/// what is open, and the rate-limit headroom. Each check says what it saw; a failed check says
/// why, and the checks that depend on it are skipped.
public enum BinanceDoctor {
    public static func run(client: BinanceUSDMClient, credentials: BinanceCredentials?, recvWindowMs: Int) async -> [VenueCheck] {
        var checks: [VenueCheck] = []
        func add(_ name: String, _ outcome: VenueCheck.Outcome, _ detail: String) {
            checks.append(VenueCheck(name: name, outcome: outcome, detail: detail))
        }
        if let credentials {
            add("credentials", .ok, "API key \(BinanceCredentials.masked(credentials.apiKey)) and secret present")
        } else {
            add("credentials", .failed, "BINANCE_API_KEY and BINANCE_API_SECRET are not set (environment or binance.secrets_file)")
        }

        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await client.rest.send(.ping, BinanceQuery(), context: "GET /fapi/v1/ping")
            add("connectivity", .ok, "\(client.rest.baseURL) answered in \(Self.milliseconds(clock.now - start)) ms")
        } catch {
            add("connectivity", .failed, "\(client.rest.baseURL): \(error)")
            return checks
        }

        do {
            let offset = try await client.rest.syncTime()
            let magnitude = abs(offset)
            if magnitude * 2 > Int64(recvWindowMs) {
                add("clock skew", .failed, "venue clock is \(offset) ms from ours; more than half of recvWindow (\(recvWindowMs) ms): sync NTP")
            } else if magnitude > 1000 {
                add("clock skew", .warning, "venue clock is \(offset) ms from ours (corrected by the offset; sync NTP)")
            } else {
                add("clock skew", .ok, "\(offset) ms")
            }
        } catch {
            add("clock skew", .failed, "\(error)")
        }

        do {
            let info = try await client.exchangeInfoWire()
            await client.rest.setLimits(info.limits)
            add("exchange info", .ok, "\(info.venueFilters().count) symbols trading; weight limit \(info.limits.weightPerMinute)/min")
        } catch {
            add("exchange info", .failed, "\(error)")
        }

        guard credentials != nil else { return checks + [headroom(await client.health())] }

        do {
            let account = try await client.account()
            add("account", .ok, String(format: "NAV %.2f USD, available %.2f USD, margin in use %.2f USD",
                                       account.equityUSD, account.availableUSD, account.marginUSD))
        } catch {
            add("account", .failed, "\(error)")
        }
        do {
            let hedge = try await client.isHedgeMode()
            add("position mode", hedge ? .ok : .failed,
                hedge ? "hedge mode (LONG/SHORT legs)" : "one-way mode: Hedge trades in hedge mode; switch it in the venue's preferences while flat")
        } catch {
            add("position mode", .failed, "\(error)")
        }
        do {
            let orders = try await client.openOrders(symbol: nil)
            let listed = orders.prefix(5).map { "\($0.symbol) \($0.side.rawValue) \($0.clientOrderId)" }.joined(separator: ", ")
            add("open orders", .ok, orders.isEmpty ? "none" : "\(orders.count): \(listed)\(orders.count > 5 ? ", …" : "")")
        } catch {
            add("open orders", .failed, "\(error)")
        }
        do {
            let positions = try await client.positions()
            let listed = positions.map { "\($0.symbol) \($0.side.rawValue) \($0.quantity)" }.joined(separator: ", ")
            add("positions", .ok, positions.isEmpty ? "flat" : listed)
        } catch {
            add("positions", .failed, "\(error)")
        }
        checks.append(headroom(await client.health()))
        return checks
    }

    private static func headroom(_ health: VenueHealth) -> VenueCheck {
        let limit = max(1, health.weightLimit1m)
        let used = health.weightUsed1m
        let outcome: VenueCheck.Outcome = health.alerts.isEmpty ? (used * 2 > limit ? .warning : .ok) : .failed
        let alerts = health.alerts.isEmpty ? "" : "; " + health.alerts.joined(separator: "; ")
        return VenueCheck(name: "rate limits", outcome: outcome, detail: "weight \(used) of \(limit) used this minute\(alerts)")
    }

    private static func milliseconds(_ duration: Duration) -> Int64 { duration.wholeMilliseconds }
}
