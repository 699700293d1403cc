import Foundation
import HedgeCore

/// Market data from a venue stream.
public enum MarketEvent: Sendable, Hashable {
    /// A closed bar.
    case bar(symbol: String, bar: Bar)
    /// A new best bid/ask.
    case book(symbol: String, book: BookTop, timeMs: Int64)
    case markPrice(MarkPrice)
    /// An aggregated public trade (Binance `aggTrade`).
    case trade(symbol: String, price: Decimal, quantity: Decimal, timeMs: Int64)
}

/// The user's own updates from a venue stream.
public enum UserEvent: Sendable, Hashable {
    /// An order changed state; `fill` is the execution that caused it, when one did.
    case order(VenueOrder, fill: VenueFill?)
    /// Balances changed (fills, funding, transfers).
    case account(AccountSnapshot)
    /// An execution of an order of a type the daemon never places (a person's trailing stop or
    /// stop-limit): only the fill matters, and it is not the daemon's.
    case foreignFill(VenueFill)
    /// The stream was interrupted and resumed, or a message could not be read: updates may have
    /// been missed, resync over REST.
    case gap(reason: String)
}
