import Foundation
import HedgeCore
import HedgeExchange

/// Binance USD-M REST shapes of the sim venue's values, key for key as in Binance's samples
/// (decimals as strings, ids and times as numbers).
enum BinancePayloads {
    /// An order as `GET /fapi/v1/order` (with `time`) or `POST`/`DELETE` (with `cumQty`) report it.
    static func order(_ order: VenueOrder, details: LoopbackOrderDetails?, includeTime: Bool, includeCumQty: Bool) -> BinanceJSON {
        let executed = order.filledQuantity
        let average = order.averagePrice ?? 0
        var members: [(String, BinanceJSON)] = [
            ("avgPrice", executed > 0 ? .decimal(average) : .string("0.00")),
            ("clientOrderId", .string(order.clientOrderId)),
        ]
        if includeCumQty { members.append(("cumQty", .decimal(executed))) }
        members += [
            ("cumQuote", .decimal(executed * average)),
            ("executedQty", .decimal(executed)),
            ("orderId", .int(Int64(order.orderId) ?? 0)),
            ("origQty", .decimal(order.quantity)),
            ("origType", .string(order.type.rawValue)),
            ("price", .decimal(order.price ?? 0)),
            ("reduceOnly", .bool(details?.reduceOnly ?? false)),
            ("side", .string(order.side.rawValue)),
            ("positionSide", .string(order.positionSide?.rawValue ?? "BOTH")),
            ("status", .string(order.status.rawValue)),
            ("stopPrice", .decimal(details?.stopPrice ?? 0)),
            ("closePosition", .bool(false)),
            ("symbol", .string(order.symbol)),
        ]
        if includeTime { members.append(("time", .int(details?.createdAtMs ?? order.updateTimeMs))) }
        members += [
            ("timeInForce", .string(details?.timeInForce ?? "GTC")),
            ("type", .string(order.type.rawValue)),
            ("updateTime", .int(order.updateTimeMs)),
            ("workingType", .string(details?.workingType ?? "CONTRACT_PRICE")),
            ("priceProtect", .bool(false)),
            ("priceMatch", .string("NONE")),
            ("selfTradePreventionMode", .string("EXPIRE_MAKER")),
            ("goodTillDate", .int(0)),
        ]
        return .object(members)
    }

    /// One fill as `GET /fapi/v1/userTrades` reports it.
    static func trade(_ fill: VenueFill) -> BinanceJSON {
        .object([
            ("buyer", .bool(fill.side == .buy)),
            ("commission", .decimal(fill.feeUSD)),
            ("commissionAsset", .string("USDT")),
            ("id", .int(Int64(fill.tradeId) ?? 0)),
            ("maker", .bool(fill.liquidity == .maker)),
            ("orderId", .int(Int64(fill.orderId) ?? 0)),
            ("price", .decimal(fill.price)),
            ("qty", .decimal(fill.quantity)),
            ("quoteQty", .decimal(fill.price * fill.quantity)),
            ("realizedPnl", .decimal(fill.realizedPnlUSD)),
            ("side", .string(fill.side.rawValue)),
            ("positionSide", .string(fill.positionSide?.rawValue ?? "BOTH")),
            ("symbol", .string(fill.symbol)),
            ("time", .int(fill.timeMs)),
        ])
    }

    /// The signed amount Binance reports for a leg: negative for SHORT.
    static func positionAmount(_ position: VenuePosition) -> Decimal {
        position.side == .short ? -position.quantity : position.quantity
    }

    /// Initial margin of a leg at its leverage, USD.
    static func initialMargin(_ position: VenuePosition) -> Double {
        position.leverage > 0 ? position.notionalUSD / position.leverage : position.notionalUSD
    }

    /// The USDT asset entry of `/fapi/v2/account` (`marginAvailable` only in v2).
    static func accountAsset(_ account: AccountSnapshot, v2: Bool) -> BinanceJSON {
        var members: [(String, BinanceJSON)] = [
            ("asset", .string("USDT")),
            ("walletBalance", .fixed(account.walletUSD, places: 8)),
            ("unrealizedProfit", .fixed(account.unrealizedPnlUSD, places: 8)),
            ("marginBalance", .fixed(account.equityUSD, places: 8)),
            ("maintMargin", .fixed(0.0, places: 8)),
            ("initialMargin", .fixed(account.marginUSD, places: 8)),
            ("positionInitialMargin", .fixed(account.marginUSD, places: 8)),
            ("openOrderInitialMargin", .fixed(0.0, places: 8)),
            ("crossWalletBalance", .fixed(account.walletUSD, places: 8)),
            ("crossUnPnl", .fixed(account.unrealizedPnlUSD, places: 8)),
            ("availableBalance", .fixed(account.availableUSD, places: 8)),
            ("maxWithdrawAmount", .fixed(account.availableUSD, places: 8)),
        ]
        if v2 { members.append(("marginAvailable", .bool(true))) }
        members.append(("updateTime", .int(account.timeMs)))
        return .object(members)
    }

    /// `GET /fapi/v2/account` (`v2`) or `/fapi/v3/account`.
    static func account(_ account: AccountSnapshot, positions: [VenuePosition], v2: Bool) -> BinanceJSON {
        var members: [(String, BinanceJSON)] = []
        if v2 {
            members += [("feeTier", .int(0)), ("feeBurn", .bool(false)), ("canTrade", .bool(true)), ("canDeposit", .bool(true)),
                        ("canWithdraw", .bool(true)), ("updateTime", .int(0)), ("multiAssetsMargin", .bool(false)), ("tradeGroupId", .int(-1))]
        }
        members += [
            ("totalInitialMargin", .fixed(account.marginUSD, places: 8)),
            ("totalMaintMargin", .fixed(0.0, places: 8)),
            ("totalWalletBalance", .fixed(account.walletUSD, places: 8)),
            ("totalUnrealizedProfit", .fixed(account.unrealizedPnlUSD, places: 8)),
            ("totalMarginBalance", .fixed(account.equityUSD, places: 8)),
            ("totalPositionInitialMargin", .fixed(account.marginUSD, places: 8)),
            ("totalOpenOrderInitialMargin", .fixed(0.0, places: 8)),
            ("totalCrossWalletBalance", .fixed(account.walletUSD, places: 8)),
            ("totalCrossUnPnl", .fixed(account.unrealizedPnlUSD, places: 8)),
            ("availableBalance", .fixed(account.availableUSD, places: 8)),
            ("maxWithdrawAmount", .fixed(account.availableUSD, places: 8)),
            ("assets", .array([accountAsset(account, v2: v2)])),
        ]
        let legs: [BinanceJSON] = positions.map { position in
            let margin = initialMargin(position)
            if v2 {
                return .object([
                    ("symbol", .string(position.symbol)),
                    ("initialMargin", .fixed(margin, places: 8)),
                    ("maintMargin", .fixed(0.0, places: 8)),
                    ("unrealizedProfit", .fixed(position.unrealizedPnlUSD, places: 8)),
                    ("positionInitialMargin", .fixed(margin, places: 8)),
                    ("openOrderInitialMargin", .string("0")),
                    ("leverage", .string(Decimal(shortestRepresentationOf: position.leverage)?.venueString ?? "1")),
                    ("isolated", .bool(false)),
                    ("entryPrice", .decimal(position.entryPrice)),
                    ("maxNotional", .string("250000")),
                    ("bidNotional", .string("0")),
                    ("askNotional", .string("0")),
                    ("positionSide", .string(position.side.rawValue)),
                    ("positionAmt", .decimal(positionAmount(position))),
                    ("updateTime", .int(account.timeMs)),
                ])
            }
            return .object([
                ("symbol", .string(position.symbol)),
                ("positionSide", .string(position.side.rawValue)),
                ("positionAmt", .decimal(positionAmount(position))),
                ("unrealizedProfit", .fixed(position.unrealizedPnlUSD, places: 8)),
                ("isolatedMargin", .fixed(0.0, places: 8)),
                ("notional", .fixed(position.notionalUSD * (position.side == .short ? -1 : 1), places: 8)),
                ("isolatedWallet", .string("0")),
                ("initialMargin", .fixed(margin, places: 8)),
                ("maintMargin", .fixed(0.0, places: 8)),
                ("updateTime", .int(account.timeMs)),
            ])
        }
        members.append(("positions", .array(legs)))
        return .object(members)
    }

    /// One row of `/fapi/v2/balance` and `/fapi/v3/balance`.
    static func balance(_ account: AccountSnapshot) -> BinanceJSON {
        .array([.object([
            ("accountAlias", .string("loopback")),
            ("asset", .string("USDT")),
            ("balance", .fixed(account.walletUSD, places: 8)),
            ("crossWalletBalance", .fixed(account.walletUSD, places: 8)),
            ("crossUnPnl", .fixed(account.unrealizedPnlUSD, places: 8)),
            ("availableBalance", .fixed(account.availableUSD, places: 8)),
            ("maxWithdrawAmount", .fixed(account.availableUSD, places: 8)),
            ("marginAvailable", .bool(true)),
            ("updateTime", .int(account.timeMs)),
        ])])
    }

    /// One row of `/fapi/v2/positionRisk` (`v2`) or `/fapi/v3/positionRisk`, for a leg or for an
    /// empty side (`position` nil) of `symbol` at `markPrice`.
    static func positionRisk(symbol: String, side: String, position: VenuePosition?, leverage symbolLeverage: Int, markPrice: Decimal,
                             timeMs: Int64, v2: Bool) -> BinanceJSON {
        let amount = position.map(positionAmount) ?? 0
        let entry = position?.entryPrice ?? 0
        let pnl = position?.unrealizedPnlUSD ?? 0
        let notional = (position?.notionalUSD ?? 0) * (position?.side == .short ? -1 : 1)
        let margin = position.map(initialMargin) ?? 0
        let leverage = position.flatMap { Decimal(shortestRepresentationOf: $0.leverage)?.venueString } ?? String(symbolLeverage)
        if v2 {
            return .object([
                ("entryPrice", .decimal(entry)), ("breakEvenPrice", .decimal(entry)), ("marginType", .string("cross")),
                ("isAutoAddMargin", .string("false")), ("isolatedMargin", .fixed(0.0, places: 8)), ("leverage", .string(leverage)),
                ("liquidationPrice", .string("0")), ("markPrice", .decimal(markPrice)), ("maxNotionalValue", .string("250000")),
                ("positionAmt", .decimal(amount)), ("notional", .fixed(notional, places: 8)), ("isolatedWallet", .string("0")),
                ("symbol", .string(symbol)), ("unRealizedProfit", .fixed(pnl, places: 8)), ("positionSide", .string(side)),
                ("updateTime", .int(position == nil ? 0 : timeMs)),
            ])
        }
        return .object([
            ("symbol", .string(symbol)), ("positionSide", .string(side)), ("positionAmt", .decimal(amount)),
            ("entryPrice", .decimal(entry)), ("breakEvenPrice", .decimal(entry)), ("markPrice", .decimal(markPrice)),
            ("unRealizedProfit", .fixed(pnl, places: 8)), ("liquidationPrice", .string("0")), ("isolatedMargin", .string("0")),
            ("notional", .fixed(notional, places: 8)), ("marginAsset", .string("USDT")), ("isolatedWallet", .string("0")),
            ("initialMargin", .fixed(margin, places: 8)), ("maintMargin", .fixed(0.0, places: 8)),
            ("positionInitialMargin", .fixed(margin, places: 8)), ("openOrderInitialMargin", .string("0")), ("adl", .int(0)),
            ("bidNotional", .string("0")), ("askNotional", .string("0")), ("updateTime", .int(timeMs)),
        ])
    }

    /// A kline row: open time, OHLCV as strings, close time, quote volume, trades, taker volumes.
    static func kline(_ bar: Bar, intervalMs: Int64) -> BinanceJSON {
        .array([
            .int(bar.openTimeMs), price(bar.open), price(bar.high), price(bar.low), price(bar.close), price(bar.volume),
            .int(bar.openTimeMs + intervalMs - 1), price(bar.volume * bar.close), .int(0), .string("0"), .string("0"), .string("0"),
        ])
    }

    /// A bar's `Double` as Binance's decimal string (shortest round-trip form).
    static func price(_ value: Double) -> BinanceJSON {
        .string((Decimal(shortestRepresentationOf: value) ?? 0).venueString)
    }
}
