import Foundation
import HedgeCore

/// Wire → venue types. Every decimal is parsed exactly (`Decimal(venueString:)`); a field that
/// does not parse fails the call with `malformedResponse` naming it.
extension BinanceWire.ExchangeInfo {
    /// Trading rules of every symbol in status TRADING. A symbol whose filters are missing or
    /// inconsistent is left out (it cannot be traded safely) rather than failing the whole call.
    func venueFilters() -> [String: VenueFilters] {
        var result: [String: VenueFilters] = [:]
        for symbol in symbols where symbol.status == "TRADING" {
            let byType = Dictionary(symbol.filters.map { ($0.filterType, $0) }, uniquingKeysWith: { first, _ in first })
            guard let price = byType["PRICE_FILTER"], let lot = byType["LOT_SIZE"],
                  let tick = price.tickSize, let minPrice = price.minPrice, let maxPrice = price.maxPrice,
                  let step = lot.stepSize, let minQty = lot.minQty, let maxQty = lot.maxQty else { continue }
            let market = byType["MARKET_LOT_SIZE"]
            let filters = VenueFilters(
                symbol: symbol.symbol, tickSize: tick, minPrice: minPrice, maxPrice: maxPrice,
                stepSize: step, minQty: minQty, maxQty: maxQty,
                marketStepSize: market?.stepSize, marketMinQty: market?.minQty, marketMaxQty: market?.maxQty,
                minNotional: byType["MIN_NOTIONAL"]?.notional ?? "0")
            if let filters { result[symbol.symbol] = filters }
        }
        return result
    }

    /// The published limits, for the rate limiter.
    var limits: BinanceRateLimits {
        var limits = BinanceRateLimits.defaults
        for limit in rateLimits {
            switch (limit.rateLimitType, limit.interval, limit.intervalNum) {
            case ("REQUEST_WEIGHT", "MINUTE", 1): limits.weightPerMinute = limit.limit
            case ("ORDERS", "SECOND", 10): limits.ordersPer10Seconds = limit.limit
            case ("ORDERS", "MINUTE", 1): limits.ordersPerMinute = limit.limit
            default: break
            }
        }
        return limits
    }
}

extension BinanceWire.Kline {
    func bar(context: String) throws(ExchangeError) -> Bar {
        Bar(openTimeMs: openTime,
            open: try WireDecoding.double(open, field: "open", context: context),
            high: try WireDecoding.double(high, field: "high", context: context),
            low: try WireDecoding.double(low, field: "low", context: context),
            close: try WireDecoding.double(close, field: "close", context: context),
            volume: try WireDecoding.double(volume, field: "volume", context: context))
    }
}

extension BinanceWire.BookTicker {
    func bookTop(context: String) throws(ExchangeError) -> BookTop {
        BookTop(bidPrice: try WireDecoding.decimal(bidPrice, field: "bidPrice", context: context),
                bidQuantity: try WireDecoding.decimal(bidQty, field: "bidQty", context: context),
                askPrice: try WireDecoding.decimal(askPrice, field: "askPrice", context: context),
                askQuantity: try WireDecoding.decimal(askQty, field: "askQty", context: context))
    }
}

extension BinanceWire.PremiumIndex {
    func markPrice(context: String) throws(ExchangeError) -> MarkPrice {
        MarkPrice(symbol: symbol, markPrice: try WireDecoding.decimal(markPrice, field: "markPrice", context: context),
                  fundingRate: try WireDecoding.double(lastFundingRate, field: "lastFundingRate", context: context),
                  nextFundingTimeMs: nextFundingTime, timeMs: time)
    }
}

extension BinanceWire.Account {
    func snapshot(timeMs: Int64, context: String) throws(ExchangeError) -> AccountSnapshot {
        let wallet = try WireDecoding.double(totalWalletBalance, field: "totalWalletBalance", context: context)
        let unrealized = try WireDecoding.double(totalUnrealizedProfit, field: "totalUnrealizedProfit", context: context)
        return AccountSnapshot(
            walletUSD: wallet,
            equityUSD: try WireDecoding.double(totalMarginBalance, field: "totalMarginBalance", context: context),
            unrealizedPnlUSD: unrealized,
            marginUSD: try WireDecoding.double(totalInitialMargin, field: "totalInitialMargin", context: context),
            availableUSD: try WireDecoding.double(availableBalance, field: "availableBalance", context: context),
            timeMs: updateTime.flatMap { $0 > 0 ? $0 : nil } ?? timeMs)
    }
}

extension BinanceWire.PositionRisk {
    /// The open leg this row describes, or nil when flat. One-way rows (`BOTH`) map to the side
    /// of the amount's sign.
    func position(context: String) throws(ExchangeError) -> VenuePosition? {
        let amount = try WireDecoding.decimal(positionAmt, field: "positionAmt", context: context)
        guard amount != 0 else { return nil }
        let side: PositionSide = switch positionSide {
        case "LONG": .long
        case "SHORT": .short
        default: amount > 0 ? .long : .short
        }
        return VenuePosition(
            symbol: symbol, side: side, quantity: amount < 0 ? -amount : amount,
            entryPrice: try WireDecoding.decimal(entryPrice, field: "entryPrice", context: context),
            markPrice: try WireDecoding.decimal(markPrice, field: "markPrice", context: context),
            unrealizedPnlUSD: try WireDecoding.double(unRealizedProfit, field: "unRealizedProfit", context: context),
            leverage: leverage.flatMap(Double.init) ?? 0)
    }
}

extension BinanceWire.Order {
    func venueOrder(context: String) throws(ExchangeError) -> VenueOrder {
        guard let side = Side(rawValue: side) else { throw .malformedResponse("\(context): side \(side)") }
        guard let type = VenueOrderType(rawValue: origType ?? type) ?? VenueOrderType(rawValue: type) else {
            throw .malformedResponse("\(context): order type \(type) is not one Hedge places")
        }
        guard let status = BinanceOrderStatus.venueStatus(status) else { throw .malformedResponse("\(context): status \(status)") }
        let price = try price.map { (p) throws(ExchangeError) in try WireDecoding.decimal(p, field: "price", context: context) }
        let average = try avgPrice.map { (p) throws(ExchangeError) in try WireDecoding.decimal(p, field: "avgPrice", context: context) }
        let filled = try WireDecoding.decimal(executedQty, field: "executedQty", context: context)
        return VenueOrder(
            orderId: String(orderId), clientOrderId: clientOrderId, symbol: symbol, side: side,
            positionSide: positionSide.flatMap(PositionSide.init(rawValue:)), type: type, status: status,
            quantity: try WireDecoding.decimal(origQty, field: "origQty", context: context),
            price: price.flatMap { $0 == 0 ? nil : $0 }, filledQuantity: filled,
            averagePrice: filled > 0 ? average.flatMap { $0 == 0 ? nil : $0 } : nil,
            updateTimeMs: updateTime ?? time ?? 0)
    }
}

extension BinanceWire.UserTrade {
    /// The fill; `clientOrderId` is not in Binance's trade rows, so the caller supplies it when it
    /// knows the order (empty otherwise). Commission in USDT/USDC/BUSD counts as USD.
    func venueFill(clientOrderId: String, context: String) throws(ExchangeError) -> VenueFill {
        guard let side = Side(rawValue: side) else { throw .malformedResponse("\(context): side \(side)") }
        let commissionValue = try WireDecoding.decimal(commission.hasPrefix("-") ? String(commission.dropFirst()) : commission,
                                                          field: "commission", context: context)
        return VenueFill(
            tradeId: String(id), orderId: String(orderId), clientOrderId: clientOrderId, symbol: symbol, side: side,
            positionSide: positionSide.flatMap(PositionSide.init(rawValue:)),
            quantity: try WireDecoding.decimal(qty, field: "qty", context: context),
            price: try WireDecoding.decimal(price, field: "price", context: context),
            feeUSD: commissionValue, liquidity: maker ? .maker : .taker,
            realizedPnlUSD: try WireDecoding.decimal(realizedPnl, field: "realizedPnl", context: context),
            timeMs: time)
    }
}

/// Binance order statuses → Hedge's. `EXPIRED_IN_MATCH` (self-trade prevention) is an expiry;
/// `NEW_INSURANCE` and `NEW_ADL` (a liquidation taken by the insurance fund or an
/// auto-deleverage, not yet filled) are new orders.
enum BinanceOrderStatus {
    static func venueStatus(_ status: String) -> OrderStatus? {
        if let status = OrderStatus(rawValue: status) { return status }
        switch status {
        case "EXPIRED_IN_MATCH": return .expired
        case "NEW_INSURANCE", "NEW_ADL": return .new
        default: return nil
        }
    }
}
