/// The simulated venue's matching and accounting: orders in, fills, positions, margin, funding
/// and NAV out. Pure and deterministic: the same calls in the same order give the same events.
/// The backtest drives it bar by bar; `SimExchange` wraps it for the daemon.
///
/// Orders are judged against the bars that arrive after them: an order submitted after bar t
/// closed first meets bar t+1 (a market order fills at its open plus slippage). Money is in USD
/// (the quote asset), quantities in contracts; `Double` throughout because this is a simulation.
public struct MatchingEngine: Sendable {
    public var configuration: MatchingConfiguration { ledger.configuration }
    private var ledger: EngineLedger
    private var books: [String: SymbolBook] = [:]
    private var nextOrderId: Int64 = 1
    /// What the account started with (deposits), for the accounting identity.
    public let initialWalletUSD: Double

    public init(configuration: MatchingConfiguration = .default, initialWalletUSD: Double) {
        ledger = EngineLedger(configuration: configuration, walletUSD: initialWalletUSD)
        self.initialWalletUSD = initialWalletUSD
    }

    // MARK: Account

    /// Wallet balance: deposits + realized PnL − fees + funding.
    public var walletUSD: Double { ledger.walletUSD }
    public var realizedPnlUSD: Double { ledger.realizedPnlUSD }
    public var feesUSD: Double { ledger.feesUSD }
    public var fundingUSD: Double { ledger.fundingUSD }

    /// NAV = wallet + unrealized PnL at each symbol's last price.
    public var navUSD: Double {
        ledger.walletUSD + books.values.reduce(0) { total, book in
            guard let price = book.lastPrice else { return total }
            return total + book.long.unrealizedPnl(at: price) + book.short.unrealizedPnl(at: price)
        }
    }

    /// Σ |notional| of open legs at last prices.
    public var grossExposureUSD: Double {
        books.values.reduce(0) { total, book in
            guard let price = book.lastPrice else { return total }
            return total + (book.long.quantity + book.short.quantity) * price
        }
    }

    /// Initial margin of open legs.
    public var usedMarginUSD: Double {
        books.values.reduce(0) { $0 + $1.long.margin + $1.short.margin }
    }

    public func leg(_ symbol: String, _ side: PositionSide) -> PositionLeg {
        books[symbol]?[side] ?? PositionLeg(side: side)
    }

    /// Every open leg, sorted by symbol then side.
    public var openLegs: [(symbol: String, leg: PositionLeg)] {
        books.keys.sorted().flatMap { symbol -> [(symbol: String, leg: PositionLeg)] in
            guard let book = books[symbol] else { return [] }
            return [book.long, book.short].filter(\.isOpen).map { (symbol, $0) }
        }
    }

    public func lastPrice(_ symbol: String) -> Double? { books[symbol]?.lastPrice }

    /// Working orders of `symbol` in submission order.
    public func openOrders(_ symbol: String) -> [SimOrder] { books[symbol]?.orders ?? [] }

    // MARK: Orders

    /// Leverage for `symbol`'s future entries (Binance: per-symbol setting).
    public mutating func setLeverage(_ leverage: Double, for symbol: String) {
        let fresh = newBook(symbol)
        books[symbol, default: fresh].leverage = max(1, leverage)
    }

    /// Accepts or rejects an order. Rejections: a non-positive or non-finite quantity or price, a
    /// leg missing in hedge mode (or present in one-way mode), a duplicate client order id among
    /// working orders, or an opening order whose initial margin exceeds the free margin.
    public mutating func submit(_ request: SimOrderRequest, atMs timeMs: Int64) -> [EngineEvent] {
        var order = SimOrder(orderId: nextOrderId, request: request, status: .new, filledQuantity: 0,
                             filledNotional: 0, submittedAtMs: timeMs, hasSeenBar: false)
        nextOrderId += 1
        if let reason = rejection(for: order) {
            order.status = .rejected
            return [.order(order, reason: reason)]
        }
        let fresh = newBook(request.symbol)
        books[request.symbol, default: fresh].orders.append(order)
        return [.order(order, reason: nil)]
    }

    /// Cancels a working order by client order id. Unknown or finished orders give a rejection
    /// reason (Binance -2011 "Unknown order sent").
    public mutating func cancel(clientOrderId: String, symbol: String) -> [EngineEvent] {
        guard let index = books[symbol]?.orders.firstIndex(where: {
            $0.request.clientOrderId == clientOrderId && !$0.status.isTerminal
        }) else { return [] }
        ledger.events = []
        books[symbol]?.cancel(at: index, reason: "canceled_by_client", ledger: &ledger)
        books[symbol]?.pruneTerminalOrders()
        return takeEvents()
    }

    // MARK: Time

    /// Runs `bar` of `symbol` against its orders and legs and returns what happened.
    public mutating func process(bar: Bar, symbol: String) -> [EngineEvent] {
        ledger.events = []
        // The ledger and the book are different stored properties: no exclusivity overlap.
        if books[symbol] == nil { books[symbol] = newBook(symbol) }
        books[symbol]?.process(bar: bar, ledger: &ledger)
        return takeEvents()
    }

    /// Settles one funding interval on `symbol` at `markPrice`: longs pay `rate` × notional to
    /// shorts when the rate is positive, and receive it when negative.
    public mutating func applyFunding(symbol: String, rate: Double, markPrice: Double, timeMs: Int64) -> [EngineEvent] {
        guard let book = books[symbol] else { return [] }
        var events: [EngineEvent] = []
        for leg in [book.long, book.short] where leg.isOpen {
            let amount = -leg.direction * rate * leg.quantity * markPrice
            ledger.settleFunding(amount)
            events.append(.funding(symbol: symbol, positionSide: leg.side, rate: rate, amountUSD: amount, timeMs: timeMs))
        }
        return events
    }

    /// Closes every open leg at its symbol's last price (a taker fill, no slippage) and cancels
    /// every working order: the end of a backtest.
    public mutating func closeAll(reason: String, timeMs: Int64) -> [EngineEvent] {
        ledger.events = []
        for symbol in books.keys.sorted() {
            guard var book = books[symbol] else { continue }
            books[symbol] = nil  // keep the book uniquely referenced while it changes
            for i in book.orders.indices where !book.orders[i].status.isTerminal {
                book.cancel(at: i, reason: reason, ledger: &ledger)
            }
            book.pruneTerminalOrders()
            if let price = book.lastPrice {
                for side in [PositionSide.long, .short] where book[side].isOpen {
                    book.forceClose(side, price: price, reason: reason, timeMs: timeMs, orderId: nextOrderId, ledger: &ledger)
                    nextOrderId += 1
                }
                book.pruneTerminalOrders()
            }
            books[symbol] = book
        }
        return takeEvents()
    }

    // MARK: Internals

    private func newBook(_ symbol: String) -> SymbolBook {
        SymbolBook(symbol: symbol, leverage: ledger.configuration.defaultLeverage)
    }

    private mutating func takeEvents() -> [EngineEvent] {
        let events = ledger.events
        ledger.events = []
        return events
    }

    private func rejection(for order: SimOrder) -> String? {
        let request = order.request
        guard request.quantity.isFinite, request.quantity > 0 else { return "invalid_quantity" }
        switch request.type {
        case .limit(let p), .stopMarket(let p), .takeProfitMarket(let p):
            guard p.isFinite, p > 0 else { return "invalid_price" }
        case .market: break
        }
        switch configuration.positionMode {
        case .hedge where request.positionSide == nil: return "position_side_required_in_hedge_mode"
        case .oneWay where request.positionSide != nil: return "position_side_not_allowed_in_one_way_mode"
        default: break
        }
        let book = books[request.symbol]
        if book?.orders.contains(where: { $0.request.clientOrderId == request.clientOrderId }) == true {
            return "duplicate_client_order_id"
        }
        guard !order.reduces(mode: configuration.positionMode), let price = referencePrice(order, book: book) else { return nil }
        let leverage = book?.leverage ?? configuration.defaultLeverage
        let required = request.quantity * price / leverage
        let reserved = books.values.reduce(0.0) { total, book in
            total + book.orders.filter { !$0.reduces(mode: configuration.positionMode) && !$0.status.isTerminal }
                .reduce(0.0) { $0 + $1.remainingQuantity * (referencePrice($1, book: book) ?? 0) / book.leverage }
        }
        let free = navUSD - usedMarginUSD - reserved
        return required > free ? "margin_insufficient" : nil
    }

    private func referencePrice(_ order: SimOrder, book: SymbolBook?) -> Double? {
        switch order.request.type {
        case .limit(let p), .stopMarket(let p), .takeProfitMarket(let p): p
        case .market: book?.lastPrice
        }
    }
}
