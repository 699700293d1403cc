/// The simulated venue's matching and accounting: orders in, fills, positions, margin, funding
/// and NAV out. Pure and deterministic: the same calls in the same order give the same events.
/// The backtest drives it bar by bar; `SimExchange` wraps it for the daemon.
///
/// Orders are judged against the bars that arrive after them: an order submitted after bar t
/// closed first meets bar t+1 (a market order fills at its open plus slippage). Money is in USD
/// (the quote asset), quantities in contracts; `Double` throughout because this is a simulation.
public struct MatchingEngine: Sendable {
    public var configuration: MatchingConfiguration { ledger.configuration }

    /// Changes the share of a bar's volume one order may fill (partial fills from the next bar
    /// on); clamped to (0, 1].
    public mutating func setParticipation(_ participation: Double) {
        ledger.configuration.participation = min(1, max(participation, .leastNonzeroMagnitude))
    }
    private var ledger: EngineLedger
    /// Books in first-seen order, so every sum over them runs in the same order on every run
    /// (dictionary order changes between processes, and float sums depend on order).
    private var books: [SymbolBook] = []
    private var bookIndex: [String: Int] = [:]
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
        // Indexed loops, not closures over copies: this runs once per bar time in the backtest.
        // Fields read in place: calling a method on a leg copied it (its tag holds strings), and
        // the backtest asks for NAV after every bar (risk observes it as the daemon does).
        var total = ledger.walletUSD
        for index in books.indices {
            guard let price = books[index].lastPrice else { continue }
            let long = books[index].long.quantity, short = books[index].short.quantity
            if long > 0 { total += (price - books[index].long.entryPrice) * long }
            if short > 0 { total += (books[index].short.entryPrice - price) * short }
        }
        return total
    }

    /// Σ |notional| of open legs at last prices.
    public var grossExposureUSD: Double {
        var total = 0.0
        for index in books.indices {
            guard let price = books[index].lastPrice else { continue }
            total += (books[index].long.quantity + books[index].short.quantity) * price
        }
        return total
    }

    /// Initial margin of open legs.
    public var usedMarginUSD: Double {
        books.reduce(0) { $0 + $1.long.margin + $1.short.margin }
    }

    public func leg(_ symbol: String, _ side: PositionSide) -> PositionLeg {
        bookIndex[symbol].map { books[$0][side] } ?? PositionLeg(side: side)
    }

    /// Every open leg, sorted by symbol then side.
    public var openLegs: [(symbol: String, leg: PositionLeg)] {
        books.sorted { $0.symbol < $1.symbol }.flatMap { book in
            [book.long, book.short].filter(\.isOpen).map { (book.symbol, $0) }
        }
    }

    public func lastPrice(_ symbol: String) -> Double? { bookIndex[symbol].flatMap { books[$0].lastPrice } }

    /// Working orders of `symbol` in submission order.
    public func openOrders(_ symbol: String) -> [SimOrder] { bookIndex[symbol].map { books[$0].orders } ?? [] }

    // MARK: Orders

    /// Leverage for `symbol`'s future entries (Binance: per-symbol setting).
    public mutating func setLeverage(_ leverage: Double, for symbol: String) {
        books[indexOfBook(symbol)].leverage = max(1, leverage)
    }

    /// `symbol`'s leverage setting (the default for a symbol never traded).
    public func leverage(for symbol: String) -> Double {
        bookIndex[symbol].map { books[$0].leverage } ?? configuration.defaultLeverage
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
        books[indexOfBook(request.symbol)].orders.append(order)
        return [.order(order, reason: nil)]
    }

    /// Cancels a working order by client order id. Unknown or finished orders give a rejection
    /// reason (Binance -2011 "Unknown order sent").
    public mutating func cancel(clientOrderId: String, symbol: String) -> [EngineEvent] {
        guard let bookAt = bookIndex[symbol], let index = books[bookAt].orders.firstIndex(where: {
            $0.request.clientOrderId == clientOrderId && !$0.status.isTerminal
        }) else { return [] }
        ledger.events = []
        books[bookAt].cancel(at: index, reason: "canceled_by_client", ledger: &ledger)
        books[bookAt].pruneTerminalOrders()
        return takeEvents()
    }

    // MARK: Time

    /// Runs `bar` of `symbol` against its orders and legs and returns what happened.
    public mutating func process(bar: Bar, symbol: String) -> [EngineEvent] {
        process(bar: bar, slot: slot(for: symbol))
    }

    /// A stable handle for `symbol` (created on first use) that skips the name lookup on hot paths.
    public mutating func slot(for symbol: String) -> SymbolSlot {
        SymbolSlot(index: indexOfBook(symbol))
    }

    /// `process(bar:symbol:)` for a symbol already resolved to its slot.
    public mutating func process(bar: Bar, slot: SymbolSlot) -> [EngineEvent] {
        ledger.events = []
        // The ledger and the book are different stored properties: no exclusivity overlap.
        books[slot.index].process(bar: bar, ledger: &ledger)
        return takeEvents()
    }

    /// Settles one funding interval on `symbol` at `markPrice`: longs pay `rate` × notional to
    /// shorts when the rate is positive, and receive it when negative.
    public mutating func applyFunding(symbol: String, rate: Double, markPrice: Double, timeMs: Int64) -> [EngineEvent] {
        guard let index = bookIndex[symbol] else { return [] }
        let book = books[index]
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
        for index in books.indices.sorted(by: { books[$0].symbol < books[$1].symbol }) {
            for i in books[index].orders.indices where !books[index].orders[i].status.isTerminal {
                books[index].cancel(at: i, reason: reason, ledger: &ledger)
            }
            books[index].pruneTerminalOrders()
            if let price = books[index].lastPrice {
                for side in [PositionSide.long, .short] where books[index][side].isOpen {
                    books[index].forceClose(side, price: price, reason: reason, timeMs: timeMs, orderId: nextOrderId, ledger: &ledger)
                    nextOrderId += 1
                }
                books[index].pruneTerminalOrders()
            }
        }
        return takeEvents()
    }

    // MARK: Internals

    /// The index of `symbol`'s book, creating it on first use.
    private mutating func indexOfBook(_ symbol: String) -> Int {
        if let index = bookIndex[symbol] { return index }
        books.append(SymbolBook(symbol: symbol, leverage: ledger.configuration.defaultLeverage))
        bookIndex[symbol] = books.count - 1
        return books.count - 1
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
        let book = bookIndex[request.symbol].map { books[$0] }
        if book?.orders.contains(where: { $0.request.clientOrderId == request.clientOrderId }) == true {
            return "duplicate_client_order_id"
        }
        guard !order.reduces(mode: configuration.positionMode), let price = referencePrice(order, book: book) else { return nil }
        let leverage = book?.leverage ?? configuration.defaultLeverage
        let required = request.quantity * price / leverage
        let reserved = books.reduce(0.0) { total, book in
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

/// A symbol resolved to its place in one `MatchingEngine` (valid for that engine only).
public struct SymbolSlot: Sendable, Hashable {
    let index: Int
}
