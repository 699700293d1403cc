import Foundation
import HedgeCore

/// Why the simulated venue refuses an order, with the code Binance USD-M gives for the same
/// refusal, so callers handle the sim's rejections exactly as the real venue's.
///
/// Reasons come from two places: the checks here, which run before the engine sees the order
/// (filters, mandatory prices, post-only against the quoted book), and the engine's own
/// rejections (`margin_insufficient`, `invalid_quantity`, …).
enum SimRejection {
    /// Binance USD-M code and message for a rejection reason; nil code for reasons Binance has no
    /// code for.
    static func error(for reason: String) -> ExchangeError {
        if reason == "would_immediately_trigger" { return .triggerAlreadyPassed(reason) }
        let code: Int? = switch reason {
        case "margin_insufficient": -2019
        case "post_only_would_cross": -5022
        case "price_required", "stop_price_required": -1102
        case "quantity_not_on_step": -1111
        case "invalid_price": -4001
        case "price_above_maximum": -4002
        case "invalid_quantity": -4003
        case "quantity_below_minimum": -4004
        case "quantity_above_maximum": -4005
        case "price_below_minimum": -4013
        case "price_not_on_tick": -4014
        case "position_side_required_in_hedge_mode", "position_side_not_allowed_in_one_way_mode": -4061
        case "notional_below_minimum": -4164
        default: nil
        }
        return .orderRejected(code: code, reason: reason)
    }

    /// The first rule `request` breaks before it reaches the engine, or nil.
    ///
    /// - Parameters:
    ///   - filters: the symbol's trading rules.
    ///   - book: the quoted book, when the symbol has traded (post-only and market notional use it).
    ///   - reduces: whether the order can only shrink a leg (exempt from the minimum notional, as
    ///     on Binance).
    static func check(_ request: VenueOrderRequest, filters: VenueFilters, book: BookTop?, reduces: Bool) -> String? {
        guard request.quantity.isFinite, request.quantity > 0 else { return "invalid_quantity" }
        let lot = filters.lotFilter(for: request.type == .limit ? .limit : .market)
        if lot.stepSize > 0, request.quantity.rounded(toMultipleOf: lot.stepSize, .down) != request.quantity {
            return "quantity_not_on_step"
        }
        if request.quantity < lot.minQty { return "quantity_below_minimum" }
        if lot.maxQty > 0, request.quantity > lot.maxQty { return "quantity_above_maximum" }
        var referencePrice: Decimal?
        switch request.type {
        case .limit:
            guard let price = request.price else { return "price_required" }
            if let reason = priceRule(price, filters.price) { return reason }
            referencePrice = price
            if request.timeInForce == .gtx, let book {
                let crosses = request.side == .buy ? price >= book.askPrice : price <= book.bidPrice
                if crosses { return "post_only_would_cross" }
            }
        case .stopMarket, .takeProfitMarket:
            guard let stopPrice = request.stopPrice else { return "stop_price_required" }
            if let reason = priceRule(stopPrice, filters.price) { return reason }
            referencePrice = stopPrice
            // As Binance: a trigger the market is already past is refused, not filled at once.
            if let book, book.isValid, Self.isPast(stopPrice, type: request.type, side: request.side, mid: book.mid) {
                return "would_immediately_trigger"
            }
        case .market:
            referencePrice = book?.mid
        }
        if !reduces, filters.minNotional > 0, let referencePrice, request.quantity * referencePrice < filters.minNotional {
            return "notional_below_minimum"
        }
        return nil
    }

    /// Whether the market at `mid` is already past a trigger: a SELL stop or a BUY take-profit
    /// triggers at or below its price, a BUY stop or a SELL take-profit at or above.
    static func isPast(_ trigger: Decimal, type: VenueOrderType, side: Side, mid: Decimal) -> Bool {
        ExitPlan.isPast(trigger, stop: type == .stopMarket, side: side, mid: mid)
    }

    private static func priceRule(_ price: Decimal, _ filter: PriceFilter) -> String? {
        guard price.isFinite, price > 0 else { return "invalid_price" }
        if filter.tickSize > 0, price.rounded(toMultipleOf: filter.tickSize, .down) != price { return "price_not_on_tick" }
        if price < filter.minPrice { return "price_below_minimum" }
        if filter.maxPrice > 0, price > filter.maxPrice { return "price_above_maximum" }
        return nil
    }
}
