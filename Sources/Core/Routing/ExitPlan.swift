import Foundation

/// How a held leg is closed, as the live router and the backtest both place it: the closing
/// quantity, the protective triggers and when the market is already past one.
public enum ExitPlan {
    /// A protective order of a leg: a stop or a take-profit, its trigger on the tick grid.
    public struct Trigger: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case stop
            case takeProfit
        }

        public var kind: Kind
        public var price: Decimal

        /// The exit its fill records (`stop`, `take_profit`).
        public var reason: String { kind == .stop ? "stop" : "take_profit" }
    }

    /// The side of an order that closes `leg`.
    public static func closingSide(_ leg: PositionSide) -> Side { leg == .long ? .sell : .buy }

    /// What closes a leg holding `held`: rounded down to the market step (a close never asks for
    /// more than is held); nil when that is nothing.
    public static func closingQuantity(held: Double, filters: VenueFilters) -> Decimal? {
        guard let exact = Decimal(shortestRepresentationOf: held) else { return nil }
        let quantity = filters.roundQuantity(exact, for: .market)
        return quantity > 0 ? quantity : nil
    }

    /// The leg's stop and take-profit, in that order, each on the tick grid and rounded away
    /// from where the leg would rather be: a long's stop down and take-profit up, a short's the
    /// other way (never inside the market by rounding).
    public static func triggers(leg: PositionSide, stopPrice: Double?, takeProfitPrice: Double?, filters: VenueFilters) -> [Trigger] {
        var triggers: [Trigger] = []
        if let stop = stopPrice.flatMap(Decimal.init(shortestRepresentationOf:)) {
            triggers.append(Trigger(kind: .stop, price: filters.roundPrice(stop, leg == .long ? .down : .up)))
        }
        if let takeProfit = takeProfitPrice.flatMap(Decimal.init(shortestRepresentationOf:)) {
            triggers.append(Trigger(kind: .takeProfit, price: filters.roundPrice(takeProfit, leg == .long ? .up : .down)))
        }
        return triggers
    }

    /// Whether a leg opened at `openedAtMs` has been held `maxHoldMs` by `nowMs` (market time):
    /// then it is closed at market (`max_hold`).
    public static func isPastMaxHold(openedAtMs: Int64, nowMs: Int64, maxHoldMs: Int64) -> Bool {
        nowMs - openedAtMs >= maxHoldMs
    }

    /// Whether the market at `mid` is already past a trigger (a venue refuses such an order,
    /// Binance -2021): a SELL stop or a BUY take-profit triggers at or below its price, a BUY
    /// stop or a SELL take-profit at or above.
    public static func isPast(_ trigger: Decimal, stop: Bool, side: Side, mid: Decimal) -> Bool {
        let triggersBelow = stop == (side == .sell)
        return triggersBelow ? mid <= trigger : mid >= trigger
    }
}
