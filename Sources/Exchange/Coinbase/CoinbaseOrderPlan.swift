import Foundation
import HedgeCore

/// How a Hedge order becomes a Coinbase spot order (`POST /orders` body):
///
/// | Hedge order | Coinbase `order_configuration` |
/// |---|---|
/// | MARKET BUY | `market_market_ioc.quote_size` = quantity × best ask, rounded up to the quote increment |
/// | MARKET SELL | `market_market_ioc.base_size` |
/// | LIMIT GTC / GTX (post-only) | `limit_limit_gtc` with `post_only` |
/// | LIMIT IOC | `sor_limit_ioc` |
/// | STOP_MARKET / TAKE_PROFIT_MARKET | `stop_limit_stop_limit_gtc`: Coinbase spot has no stop-market, so the limit sits `stopLimitAllowance` past the trigger |
///
/// Spot has no short legs: an order for the short side is refused here, before anything is sent.
public enum CoinbaseOrderPlan {
    public static let stopDown = "STOP_DIRECTION_STOP_DOWN"
    public static let stopUp = "STOP_DIRECTION_STOP_UP"

    /// How far past the trigger a stop's limit price is set (1 %): wide enough that a stop fills
    /// in a fast market, bounded so it never sells at any price.
    public static let stopLimitAllowance: Decimal = 0.01

    /// The body for `request`. `bestAsk` prices a market buy's quote size; `filters` round the
    /// stop's limit price to the tick; `quoteIncrement` rounds the quote size.
    static func body(for request: VenueOrderRequest, bestAsk: Decimal?, filters: VenueFilters?,
                     quoteIncrement: Decimal) throws(ExchangeError) -> CoinbaseWire.CreateOrder {
        if request.positionSide == .short {
            throw .notAllowed("\(request.symbol) is spot: there are no short legs (order \(request.clientOrderId))")
        }
        guard request.quantity > 0 else { throw .orderRejected(code: nil, reason: "quantity must be positive") }
        var configuration = CoinbaseWire.OrderConfiguration()
        let size = request.quantity.venueString
        switch request.type {
        case .market:
            if request.side == .buy {
                guard let bestAsk, bestAsk > 0 else {
                    throw .notAllowed("a market buy on \(request.symbol) is sized in USD and no best ask is known")
                }
                let quote = (request.quantity * bestAsk).rounded(toMultipleOf: quoteIncrement, .up)
                configuration.market_market_ioc = .init(quote_size: quote.venueString)
            } else {
                configuration.market_market_ioc = .init(base_size: size)
            }
        case .limit:
            guard let price = request.price else { throw .orderRejected(code: nil, reason: "a limit order needs a price") }
            if request.timeInForce == .ioc {
                configuration.sor_limit_ioc = .init(base_size: size, limit_price: price.venueString)
            } else {
                configuration.limit_limit_gtc = .init(base_size: size, limit_price: price.venueString, post_only: request.timeInForce == .gtx)
            }
        case .stopMarket, .takeProfitMarket:
            guard let trigger = request.stopPrice else { throw .orderRejected(code: nil, reason: "a stop needs a stop price") }
            // A stop loss triggers against the position (down for a sell), a take-profit with it.
            let falls = (request.type == .stopMarket) == (request.side == .sell)
            let direction: RoundingDirection = request.side == .sell ? .down : .up
            let offset = trigger * stopLimitAllowance
            var limit = request.side == .sell ? trigger - offset : trigger + offset
            limit = filters?.roundPrice(limit, direction) ?? limit
            configuration.stop_limit_stop_limit_gtc = .init(base_size: size, limit_price: limit.venueString,
                                                            stop_price: trigger.venueString, stop_direction: falls ? stopDown : stopUp)
        }
        return CoinbaseWire.CreateOrder(client_order_id: request.clientOrderId, product_id: request.symbol,
                                        side: request.side.rawValue, order_configuration: configuration)
    }
}
