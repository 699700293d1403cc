import Foundation
import HedgeCore
import HedgeExchange
import Logging

/// Coinbase spot accounting and orders over the sim venue (a futures engine in hedge mode):
///
/// - a holding is the sim's long leg; USD is the sim's wallet less what the holdings cost at
///   their entry price (wallet + unrealized = cash + holdings at the mark, the same NAV);
/// - a buy needs the USD (price × size plus the taker fee) not already held by open buys, a sell
///   the base not already held by open sells: otherwise `INSUFFICIENT_FUND`, as on Coinbase;
/// - there is no short: every order goes to the sim's long leg;
/// - a stop-limit is placed in the sim as a stop-market at its trigger (the sim has no
///   stop-limit); a falling trigger is a stop, a rising one a take-profit.
struct CoinbaseLoopbackBroker: Sendable {
    let exchange: SimExchange
    let orders: CoinbaseLoopbackOrders
    let state: LoopbackVenueState
    let takerFeeBps: Double
    let logger: Logger

    struct Balances: Sendable {
        var usdAvailable: Decimal
        var usdHold: Decimal
        /// Base currency → (available, hold).
        var base: [String: (available: Decimal, hold: Decimal)]
    }

    /// Cash and holdings as Coinbase's accounts show them.
    func balances() async throws(ExchangeError) -> Balances {
        let account = try await exchange.account()
        let legs = try await exchange.positions().filter { $0.side == .long }
        let open = try await exchange.openOrders(symbol: nil)
        var cost: Decimal = 0
        var base: [String: (available: Decimal, hold: Decimal)] = [:]
        for symbol in try await exchange.exchangeInfo().keys {
            guard let product = CoinbaseLoopbackProducts.productId(simSymbol: symbol) else { continue }
            base[CoinbaseLoopbackProducts.baseCurrency(productId: product)] = (0, 0)
        }
        for leg in legs {
            guard let product = CoinbaseLoopbackProducts.productId(simSymbol: leg.symbol) else { continue }
            cost += leg.quantity * leg.entryPrice
            base[CoinbaseLoopbackProducts.baseCurrency(productId: product)] = (leg.quantity, 0)
        }
        var usdHold: Decimal = 0
        for order in open {
            let remaining = order.quantity - order.filledQuantity
            guard let product = CoinbaseLoopbackProducts.productId(simSymbol: order.symbol) else { continue }
            if order.side == .buy {
                usdHold += remaining * (order.price ?? 0)
            } else {
                let currency = CoinbaseLoopbackProducts.baseCurrency(productId: product)
                if let held = base[currency] { base[currency] = (max(0, held.available - remaining), held.hold + remaining) }
            }
        }
        let cash = (Decimal(string: String(account.walletUSD)) ?? 0) - cost
        return Balances(usdAvailable: max(0, cash - usdHold), usdHold: usdHold, base: base)
    }

    /// A checked order request: the sim request and how Coinbase will describe it.
    struct Plan: Sendable {
        var request: VenueOrderRequest
        var configurationKey: String
        var configuration: [(String, BinanceJSON)]
        var quoteSize: Decimal?
        /// Price the funds check uses (limit, trigger, or best ask/bid for a market order).
        var checkPrice: Decimal
    }

    /// Why an order body was refused: Coinbase's failure reason and message.
    struct Refusal: Error, Sendable {
        var reason: String
        var message: String
        var httpStatus = 200
    }

    /// Reads a `POST /orders` (or preview) body into a plan, or the refusal Coinbase would give.
    func plan(_ body: [String: Any], clientOrderId: String) async throws(Refusal) -> Plan {
        guard let productId = body["product_id"] as? String, let symbol = CoinbaseLoopbackProducts.simSymbol(productId: productId),
              let filters = try? await exchange.exchangeInfo()[symbol] else {
            throw Refusal(reason: "INVALID_PRODUCT_ID", message: "Invalid product_id")
        }
        guard let sideText = body["side"] as? String, let side = Side(rawValue: sideText) else {
            throw Refusal(reason: "INVALID_SIDE", message: "Invalid side")
        }
        guard let configurations = body["order_configuration"] as? [String: Any], configurations.count == 1,
              let (key, raw) = configurations.first, let fields = raw as? [String: Any] else {
            throw Refusal(reason: "UNSUPPORTED_ORDER_CONFIGURATION", message: "order_configuration must have exactly one member")
        }
        func decimal(_ name: String) throws(Refusal) -> Decimal? {
            guard let value = fields[name] else { return nil }
            guard let text = value as? String, let number = Decimal(venueString: text), number > 0 else {
                throw Refusal(reason: "INVALID_REQUEST", message: "\(name) must be a positive decimal string", httpStatus: 400)
            }
            return number
        }
        func onGrid(_ value: Decimal, _ step: Decimal, _ reason: String) throws(Refusal) {
            guard value.rounded(toMultipleOf: step, .down) == value else { throw Refusal(reason: reason, message: "\(reason): \(value.venueString)") }
        }
        let book = try? await exchange.bookTicker(symbol: symbol)
        let echo: [(String, BinanceJSON)] = fields.keys.sorted().compactMap { name in
            if let text = fields[name] as? String { return (name, .string(text)) }
            if let flag = fields[name] as? Bool { return (name, .bool(flag)) }
            return nil
        }
        var request = VenueOrderRequest(clientOrderId: clientOrderId, symbol: symbol, side: side, positionSide: .long, type: .market, quantity: 0)
        var quoteSize: Decimal?
        var checkPrice: Decimal = side == .buy ? book?.askPrice ?? 0 : book?.bidPrice ?? 0
        switch key {
        case "market_market_ioc":
            if let quote = try decimal("quote_size") {
                guard side == .buy, let ask = book?.askPrice, ask > 0 else {
                    throw Refusal(reason: "INVALID_REQUEST", message: "quote_size is for market buys with a quoted book", httpStatus: 400)
                }
                try onGrid(quote, 0.01, "INVALID_QUOTE_SIZE_PRECISION")
                quoteSize = quote
                request.quantity = (quote / ask).rounded(toMultipleOf: filters.lot.stepSize, .down)
            } else if let size = try decimal("base_size") {
                request.quantity = size
            } else {
                throw Refusal(reason: "INVALID_REQUEST", message: "market_market_ioc needs quote_size or base_size", httpStatus: 400)
            }
        case "limit_limit_gtc", "sor_limit_ioc":
            guard let size = try decimal("base_size"), let price = try decimal("limit_price") else {
                throw Refusal(reason: "INVALID_REQUEST", message: "\(key) needs base_size and limit_price", httpStatus: 400)
            }
            try onGrid(price, filters.price.tickSize, "INVALID_PRICE_PRECISION")
            request.type = .limit
            request.quantity = size
            request.price = price
            request.timeInForce = key == "sor_limit_ioc" ? .ioc : (fields["post_only"] as? Bool == true ? .gtx : .gtc)
            checkPrice = price
        case "stop_limit_stop_limit_gtc":
            guard let size = try decimal("base_size"), let limit = try decimal("limit_price"), let stop = try decimal("stop_price"),
                  let direction = fields["stop_direction"] as? String,
                  direction == CoinbaseOrderPlan.stopDown || direction == CoinbaseOrderPlan.stopUp else {
                throw Refusal(reason: "INVALID_REQUEST", message: "stop_limit_stop_limit_gtc needs base_size, limit_price, stop_price and stop_direction", httpStatus: 400)
            }
            try onGrid(stop, filters.price.tickSize, "INVALID_PRICE_PRECISION")
            try onGrid(limit, filters.price.tickSize, "INVALID_PRICE_PRECISION")
            let last = book.map { ($0.bidPrice + $0.askPrice) / 2 } ?? stop
            // A trigger the market is already past would fire at once.
            if direction == CoinbaseOrderPlan.stopDown, stop >= last {
                throw Refusal(reason: "PREVIEW_STOP_PRICE_ABOVE_LAST_TRADE_PRICE", message: "Stop price is above the last trade price")
            }
            if direction == CoinbaseOrderPlan.stopUp, stop <= last {
                throw Refusal(reason: "PREVIEW_STOP_PRICE_BELOW_LAST_TRADE_PRICE", message: "Stop price is below the last trade price")
            }
            request.type = (direction == CoinbaseOrderPlan.stopDown) == (side == .sell) ? .stopMarket : .takeProfitMarket
            request.quantity = size
            request.stopPrice = stop
            checkPrice = limit
        default:
            throw Refusal(reason: "UNSUPPORTED_ORDER_CONFIGURATION", message: "\(key) is not served by the loopback venue")
        }
        try onGrid(request.quantity, filters.lot.stepSize, "INVALID_SIZE_PRECISION")
        if request.quantity < filters.lot.minQty || request.quantity <= 0 {
            throw Refusal(reason: "INVALID_SIZE_TOO_SMALL", message: "size \(request.quantity.venueString) is below base_min_size \(filters.lot.minQty.venueString)")
        }
        return Plan(request: request, configurationKey: key, configuration: echo, quoteSize: quoteSize, checkPrice: checkPrice)
    }

    /// `INSUFFICIENT_FUND` when the account cannot pay for `plan`.
    func checkFunds(_ plan: Plan) async throws(Refusal) {
        guard let balances = try? await balances() else { return }
        if plan.request.side == .buy {
            let cost = plan.quoteSize ?? plan.request.quantity * plan.checkPrice
            let needed = cost * (1 + Decimal(takerFeeBps) / 10_000)
            if needed > balances.usdAvailable {
                throw Refusal(reason: "INSUFFICIENT_FUND", message: "Insufficient balance in source account")
            }
        } else {
            let currency = CoinbaseLoopbackProducts.baseCurrency(productId: CoinbaseLoopbackProducts.productId(simSymbol: plan.request.symbol) ?? "")
            if plan.request.quantity > balances.base[currency]?.available ?? 0 {
                throw Refusal(reason: "INSUFFICIENT_FUND", message: "Insufficient balance in source account")
            }
        }
    }

    /// The fees and fill count of an order, from the sim's fills.
    func feesAndFills(_ order: VenueOrder) async -> (fees: Decimal, fills: Int) {
        guard order.filledQuantity > 0, let trades = try? await exchange.userTrades(symbol: order.symbol, sinceMs: 0) else { return (0, 0) }
        let own = trades.filter { $0.orderId == order.orderId }
        return (own.reduce(0) { $0 + $1.feeUSD }, own.count)
    }
}
