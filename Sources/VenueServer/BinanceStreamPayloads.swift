import Foundation
import HedgeCore
import HedgeExchange

/// Binance USD-M WebSocket event shapes of the sim venue's events, key for key as in Binance's
/// samples: market streams (kline, bookTicker, markPriceUpdate, aggTrade) and user data
/// (ORDER_TRADE_UPDATE, ACCOUNT_UPDATE).
enum BinanceStreamPayloads {
    /// A closed kline (`"x":true`): the sim replays closed bars only.
    static func kline(_ bar: Bar, symbol: String, interval: String, intervalMs: Int64) -> BinanceJSON {
        let closeTime = bar.openTimeMs + intervalMs - 1
        return .object([
            ("e", .string("kline")), ("E", .int(closeTime + 1)), ("s", .string(symbol)),
            ("k", .object([
                ("t", .int(bar.openTimeMs)), ("T", .int(closeTime)), ("s", .string(symbol)), ("i", .string(interval)),
                ("f", .int(0)), ("L", .int(0)), ("o", BinancePayloads.price(bar.open)), ("c", BinancePayloads.price(bar.close)),
                ("h", BinancePayloads.price(bar.high)), ("l", BinancePayloads.price(bar.low)), ("v", BinancePayloads.price(bar.volume)),
                ("n", .int(0)), ("x", .bool(true)), ("q", BinancePayloads.price(bar.volume * bar.close)),
                ("V", .string("0")), ("Q", .string("0")), ("B", .string("0")),
            ])),
        ])
    }

    static func bookTicker(_ book: BookTop, symbol: String, timeMs: Int64, updateId: Int64) -> BinanceJSON {
        .object([
            ("e", .string("bookTicker")), ("u", .int(updateId)), ("E", .int(timeMs)), ("T", .int(timeMs)), ("s", .string(symbol)),
            ("b", .decimal(book.bidPrice)), ("B", .decimal(book.bidQuantity)), ("a", .decimal(book.askPrice)), ("A", .decimal(book.askQuantity)),
        ])
    }

    static func markPrice(_ mark: MarkPrice) -> BinanceJSON {
        .object([
            ("e", .string("markPriceUpdate")), ("E", .int(mark.timeMs)), ("s", .string(mark.symbol)),
            ("p", .decimal(mark.markPrice)), ("i", .decimal(mark.markPrice)), ("P", .decimal(mark.markPrice)),
            ("r", .string((Decimal(shortestRepresentationOf: mark.fundingRate) ?? 0).venueString)), ("T", .int(mark.nextFundingTimeMs)),
        ])
    }

    /// One synthetic aggregate trade per bar, at its close, for its volume.
    static func aggTrade(_ bar: Bar, symbol: String, timeMs: Int64, tradeId: Int64) -> BinanceJSON {
        .object([
            ("e", .string("aggTrade")), ("E", .int(timeMs)), ("s", .string(symbol)), ("a", .int(tradeId)),
            ("p", BinancePayloads.price(bar.close)), ("q", BinancePayloads.price(bar.volume)), ("f", .int(tradeId)), ("l", .int(tradeId)),
            ("T", .int(timeMs)), ("m", .bool(bar.close < bar.open)),
        ])
    }

    /// `ORDER_TRADE_UPDATE` of an order update; `x` is TRADE when a fill caused it.
    static func orderUpdate(_ order: VenueOrder, fill: VenueFill?, details: LoopbackOrderDetails?) -> BinanceJSON {
        let time = fill?.timeMs ?? order.updateTimeMs
        let execution = fill != nil ? "TRADE" : order.status == .partiallyFilled || order.status == .filled ? "TRADE" : order.status.rawValue
        return .object([
            ("e", .string("ORDER_TRADE_UPDATE")), ("E", .int(time)), ("T", .int(time)),
            ("o", .object([
                ("s", .string(order.symbol)), ("c", .string(order.clientOrderId)), ("S", .string(order.side.rawValue)),
                ("o", .string(order.type.rawValue)), ("f", .string(details?.timeInForce ?? "GTC")), ("q", .decimal(order.quantity)),
                ("p", .decimal(order.price ?? 0)), ("ap", .decimal(order.averagePrice ?? 0)), ("sp", .decimal(details?.stopPrice ?? 0)),
                ("x", .string(execution)), ("X", .string(order.status.rawValue)), ("i", .int(Int64(order.orderId) ?? 0)),
                ("l", .decimal(fill?.quantity ?? 0)), ("z", .decimal(order.filledQuantity)), ("L", .decimal(fill?.price ?? 0)),
                ("N", .string("USDT")), ("n", .decimal(fill?.feeUSD ?? 0)), ("T", .int(time)),
                ("t", .int(fill.flatMap { Int64($0.tradeId) } ?? 0)), ("b", .string("0")), ("a", .string("0")),
                ("m", .bool(fill?.liquidity == .maker)), ("R", .bool(details?.reduceOnly ?? false)), ("wt", .string("CONTRACT_PRICE")),
                ("ot", .string(order.type.rawValue)), ("ps", .string(order.positionSide?.rawValue ?? "BOTH")), ("cp", .bool(false)),
                ("rp", .decimal(fill?.realizedPnlUSD ?? 0)), ("pP", .bool(false)), ("si", .int(0)), ("ss", .int(0)),
                ("V", .string("EXPIRE_MAKER")), ("pm", .string("NONE")), ("gtd", .int(0)),
            ])),
        ])
    }

    /// `ACCOUNT_UPDATE` with the USDT balance and every open leg.
    static func accountUpdate(_ account: AccountSnapshot, positions: [VenuePosition]) -> BinanceJSON {
        .object([
            ("e", .string("ACCOUNT_UPDATE")), ("E", .int(account.timeMs)), ("T", .int(account.timeMs)),
            ("a", .object([
                ("m", .string("ORDER")),
                ("B", .array([.object([("a", .string("USDT")), ("wb", .fixed(account.walletUSD, places: 8)),
                                       ("cw", .fixed(account.walletUSD, places: 8)), ("bc", .string("0"))])])),
                ("P", .array(positions.map { position in
                    .object([
                        ("s", .string(position.symbol)), ("pa", .decimal(BinancePayloads.positionAmount(position))),
                        ("ep", .decimal(position.entryPrice)), ("bep", .decimal(position.entryPrice)), ("cr", .string("0")),
                        ("up", .fixed(position.unrealizedPnlUSD, places: 8)), ("mt", .string("cross")), ("iw", .string("0")),
                        ("ps", .string(position.side.rawValue)),
                    ])
                })),
            ])),
        ])
    }
}
