import AsyncHTTPClient
import Foundation
import HedgeCore
import Logging

/// Coinbase Advanced Trade spot behind `ExchangeClient`: REST through `CoinbaseRESTClient`, market
/// and user data over reconnecting WebSockets (`CoinbaseAdvancedClient+Streams`).
///
/// Spot semantics: holdings are long legs (`positions()` lists every currency held with a USD
/// product), NAV is cash (USD, USDC at par) plus holdings at the mid price, there is no leverage
/// (`setLeverage` answers 1) and no funding; an order for a short leg is refused before it is
/// sent (`CoinbaseOrderPlan`).
///
/// Orders: every order carries the caller's `clientOrderId` as `client_order_id`. Coinbase
/// refuses a second order with an id it has seen (`DUPLICATE_CLIENT_ORDER_ID`, naming the first),
/// so when a placement's outcome is unknown the adapter asks for the order by that id first, and
/// only an order that would rest on the book is ever sent again (`placeOrder`). In `dryRun` no
/// order endpoint is called.
public struct CoinbaseAdvancedClient: ExchangeClient {
    public enum OrderPolicy: Sendable { case dryRun, send }

    public var venueName: String { "coinbase" }
    public let rest: CoinbaseRESTClient
    public let marketStreamURL: String
    public let userStreamURL: String
    public let orderPolicy: OrderPolicy
    let settings: CoinbaseSettings
    let clock: any Clock<Duration>
    let logger: Logger
    let memory = CoinbaseMemory()
    /// The `level2` books of the products the market stream follows.
    let localBooks = CoinbaseLocalBooks()
    let stats = VenueStreamStats()
    let drops = DropCounter()
    let skips = DropCounter()
    let gaps = DropCounter()
    let marketBufferSize: Int
    /// Bar interval of the market stream: Coinbase's `candles` channel streams five-minute
    /// candles, so the daemon trades five-minute bars on Coinbase (warm-up reads the same).
    public let barInterval: String

    /// Whether requests are signed: without a key (dry-run), market data comes from the public
    /// `/market/…` endpoints.
    var hasKey: Bool { rest.credentials != nil }
    var marketData: String { hasKey ? "" : "/market" }

    /// Currencies counted as cash at par in NAV.
    public static let cashCurrencies: Set<String> = ["USD", "USDC"]

    public init(restURL: String, marketStreamURL: String, userStreamURL: String, credentials: CoinbaseCredentials?,
                orderPolicy: OrderPolicy, settings: CoinbaseSettings, http: HTTPClient, clock: any Clock<Duration> = ContinuousClock(),
                wallClockMs: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
                marketBufferSize: Int = 1024, barInterval: String = "5m", logger: Logger = Logger(label: "hedge.exchange.coinbase")) {
        rest = CoinbaseRESTClient(baseURL: restURL, credentials: credentials, settings: settings, http: http, clock: clock,
                                  wallClockMs: wallClockMs, logger: logger)
        self.marketStreamURL = marketStreamURL
        self.userStreamURL = userStreamURL
        self.orderPolicy = orderPolicy
        self.settings = settings
        self.clock = clock
        self.marketBufferSize = max(1, marketBufferSize)
        self.barInterval = barInterval
        self.logger = logger
    }

    /// An HTTP client for exchange traffic (connect timeout from settings; the read timeout only
    /// backs up the request timeout the REST client enforces on its own clock).
    public static func makeHTTPClient(settings: CoinbaseSettings) -> HTTPClient {
        VenueHTTP.makeClient(connectTimeout: settings.connectTimeout, requestTimeout: settings.requestTimeout)
    }

    /// Measures the clock offset and reads the products; call before trading.
    public func prepare() async throws(ExchangeError) {
        try await rest.syncTime()
        _ = try await exchangeInfo()
    }

    public var droppedMarketEvents: Int { drops.value }

    public func health() async -> VenueHealth {
        var health = await rest.health()
        health.reconnects = stats.snapshot
        health.unreadableMessages = skips.value
        return health
    }

    // MARK: Reference and market data

    /// Every online spot product (`GET /products?product_type=SPOT`), with its raw row for
    /// universe discovery.
    public func products() async throws(ExchangeError) -> [CoinbaseProduct] {
        let context = "GET /products"
        let data = try await rest.send("GET", marketData + "/products", query: [("product_type", "SPOT")], context: context,
                                       authenticated: hasKey)
        let rows = try WireDecoding.decode(CoinbaseWire.Products.self, from: data, context: context).products
        var rules: [String: CoinbaseMemory.ProductRules] = [:]
        var products: [CoinbaseProduct] = []
        for row in rows where row.product_type == nil || row.product_type == "SPOT" {
            let filters = try row.venueFilters(context: context)
            let quoteIncrement = try WireDecoding.decimal(row.quote_increment, field: "quote_increment", context: context)
            rules[row.product_id] = .init(filters: filters, quoteIncrement: quoteIncrement, tradable: row.isTradable)
            products.append(CoinbaseProduct(id: row.product_id, baseCurrency: row.base_currency_id ?? "",
                                            quoteCurrency: row.quote_currency_id ?? "", tradable: row.isTradable,
                                            quoteVolume24h: (try? row.quoteVolume24h(context: context)) ?? 0,
                                            price: row.price.flatMap { Double($0) } ?? 0, filters: filters))
        }
        memory.setProducts(rules)
        return products
    }

    public func exchangeInfo() async throws(ExchangeError) -> [String: VenueFilters] {
        var filters: [String: VenueFilters] = [:]
        for product in try await products() where product.tradable { filters[product.id] = product.filters }
        return filters
    }

    /// Coinbase's candle granularity for a Hedge interval.
    static func granularity(_ interval: String) -> (name: String, seconds: Int64)? {
        switch interval {
        case "1m": ("ONE_MINUTE", 60)
        case "5m": ("FIVE_MINUTE", 300)
        case "15m": ("FIFTEEN_MINUTE", 900)
        case "30m": ("THIRTY_MINUTE", 1800)
        case "1h": ("ONE_HOUR", 3600)
        case "2h": ("TWO_HOUR", 7200)
        case "6h": ("SIX_HOUR", 21_600)
        case "1d": ("ONE_DAY", 86_400)
        default: nil
        }
    }

    /// Coinbase returns at most 350 candles per request.
    static let maxCandles = 350

    public func klines(symbol: String, interval: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        guard let granularity = Self.granularity(interval) else { throw .notAllowed("Coinbase has no \(interval) candles") }
        let context = "GET /products/\(symbol)/candles"
        let count = Int64(min(max(1, limit), Self.maxCandles))
        let nowSeconds = await rest.venueNowMs() / 1000
        // The window ends at the start of the forming candle: only closed candles come back.
        let end = nowSeconds - nowSeconds % granularity.seconds
        let start = end - count * granularity.seconds
        let data = try await rest.send("GET", marketData + "/products/\(symbol)/candles",
                                       query: [("start", String(start)), ("end", String(end)), ("granularity", granularity.name)],
                                       context: context, symbol: symbol, authenticated: hasKey)
        var bars: [Bar] = []
        for candle in try WireDecoding.decode(CoinbaseWire.Candles.self, from: data, context: context).candles {
            let bar = try candle.bar(context: context)
            // (Our own numbers on the right: a venue's time near Int64.max cannot overflow the check.)
            if bar.openTimeMs <= end * 1000 - granularity.seconds * 1000 { bars.append(bar) }
        }
        bars.sort { $0.openTimeMs < $1.openTimeMs }
        return Array(bars.suffix(limit))
    }

    public func recentBars(symbol: String, limit: Int) async throws(ExchangeError) -> [Bar] {
        try await klines(symbol: symbol, interval: barInterval, limit: limit)
    }

    /// Best bid and ask of several products in one request (`GET /best_bid_ask`).
    public func bestBidAsk(symbols: [String]) async throws(ExchangeError) -> [String: BookTop] {
        guard !symbols.isEmpty else { return [:] }
        guard hasKey else {
            // `best_bid_ask` is private: without a key, the public book's top level per product.
            var tops: [String: BookTop] = [:]
            for symbol in symbols {
                let depth = try await depth(symbol: symbol, limit: 1)
                if let bid = depth.bids.first, let ask = depth.asks.first {
                    tops[symbol] = BookTop(bidPrice: bid.price, bidQuantity: bid.quantity, askPrice: ask.price, askQuantity: ask.quantity)
                }
            }
            return tops
        }
        let context = "GET /best_bid_ask"
        let data = try await rest.send("GET", "/best_bid_ask", query: symbols.map { ("product_ids", $0) }, context: context)
        var tops: [String: BookTop] = [:]
        for book in try WireDecoding.decode(CoinbaseWire.BestBidAsk.self, from: data, context: context).pricebooks
        where !book.bids.isEmpty && !book.asks.isEmpty {
            tops[book.product_id] = try book.bookTop(context: context)
        }
        return tops
    }

    public func bookTicker(symbol: String) async throws(ExchangeError) -> BookTop {
        guard let top = try await bestBidAsk(symbols: [symbol])[symbol] else { throw .unknownSymbol(symbol) }
        return top
    }

    /// From the market stream's `level2` book when it follows `symbol`, else `GET /product_book`.
    public func depth(symbol: String, limit: Int) async throws(ExchangeError) -> OrderBookDepth {
        if let local = localBooks.depth(symbol, limit: limit) { return local }
        let context = "GET /product_book \(symbol)"
        let data = try await rest.send("GET", marketData + "/product_book", query: [("product_id", symbol), ("limit", String(limit))],
                                       context: context, symbol: symbol, authenticated: hasKey)
        return try WireDecoding.decode(CoinbaseWire.ProductBook.self, from: data, context: context).pricebook.depth(context: context)
    }

    public func quoteVolume24h(symbol: String) async throws(ExchangeError) -> Double {
        let context = "GET /products/\(symbol)"
        let data = try await rest.send("GET", marketData + "/products/\(symbol)", context: context, symbol: symbol, authenticated: hasKey)
        return try WireDecoding.decode(CoinbaseWire.Product.self, from: data, context: context).quoteVolume24h(context: context)
    }

    /// Spot has no mark price: the mid of the best bid and ask stands in, with no funding.
    public func markPrice(symbol: String) async throws(ExchangeError) -> MarkPrice {
        let top = try await bookTicker(symbol: symbol)
        return MarkPrice(symbol: symbol, markPrice: (top.bidPrice + top.askPrice) / 2, fundingRate: 0, nextFundingTimeMs: 0,
                         timeMs: await rest.venueNowMs())
    }

    // MARK: Account

    /// Every wallet (`GET /accounts`, all pages).
    func wallets() async throws(ExchangeError) -> [CoinbaseWire.Account] {
        var cursor: String?
        var wallets: [CoinbaseWire.Account] = []
        for _ in 0..<50 {
            var query = [("limit", "250")]
            if let cursor { query.append(("cursor", cursor)) }
            let data = try await rest.send("GET", "/accounts", query: query, context: "GET /accounts")
            let page = try WireDecoding.decode(CoinbaseWire.Accounts.self, from: data, context: "GET /accounts")
            wallets += page.accounts
            guard page.has_next == true, let next = page.cursor, !next.isEmpty else { return wallets }
            cursor = next
        }
        throw .malformedResponse("GET /accounts: more than 50 pages")
    }

    /// Holdings per currency (available + hold), zero balances left out.
    func holdings() async throws(ExchangeError) -> [String: (total: Decimal, available: Decimal)] {
        var holdings: [String: (total: Decimal, available: Decimal)] = [:]
        for wallet in try await wallets() {
            let context = "GET /accounts \(wallet.currency)"
            let available = try WireDecoding.decimal(wallet.available_balance.value, field: "available_balance", context: context)
            let hold = try WireDecoding.decimal(wallet.hold?.value ?? "0", field: "hold", context: context)
            guard available + hold > 0 else { continue }
            let previous = holdings[wallet.currency] ?? (0, 0)
            holdings[wallet.currency] = (previous.total + available + hold, previous.available + available)
        }
        return holdings
    }

    public func account() async throws(ExchangeError) -> AccountSnapshot {
        let holdings = try await holdings()
        let assets = holdings.keys.filter { !Self.cashCurrencies.contains($0) }.sorted()
        let tops = try await bestBidAsk(symbols: assets.map { "\($0)-USD" })
        var cash: Decimal = 0, available: Decimal = 0, assetsValue: Decimal = 0
        for (currency, balance) in holdings {
            if Self.cashCurrencies.contains(currency) {
                cash += balance.total
                available += balance.available
            } else if let top = tops["\(currency)-USD"] {
                assetsValue += balance.total * (top.bidPrice + top.askPrice) / 2
            }
        }
        let nav = cash + assetsValue
        return AccountSnapshot(walletUSD: cash.analyticsDouble, equityUSD: nav.analyticsDouble, unrealizedPnlUSD: 0, marginUSD: 0,
                               availableUSD: available.analyticsDouble, timeMs: await rest.venueNowMs())
    }

    /// Each non-cash holding with a USD product, as a long leg at the mid price. Left out: dust
    /// below the product's minimum order size, and holdings whose product is not trading (neither
    /// can be sold nor protected). A trading product without a best bid/ask fails the read: a
    /// holding is never reported flat because its price was missing for a moment.
    public func positions() async throws(ExchangeError) -> [VenuePosition] {
        if !memory.hasProducts { _ = try await products() }
        let holdings = try await holdings()
        let symbols = holdings.keys.filter { !Self.cashCurrencies.contains($0) }.map { "\($0)-USD" }
            .filter { memory.product($0)?.tradable ?? false }.sorted()
        let tops = try await bestBidAsk(symbols: symbols)
        var positions: [VenuePosition] = []
        for symbol in symbols {
            guard let currency = symbol.split(separator: "-").first, let quantity = holdings[String(currency)]?.total else { continue }
            if let rules = memory.product(symbol), quantity < rules.filters.lot.minQty { continue }
            guard let top = tops[symbol] else {
                throw .malformedResponse("GET /best_bid_ask: no best bid/ask for \(symbol), which the account holds")
            }
            let mid = (top.bidPrice + top.askPrice) / 2
            positions.append(VenuePosition(symbol: symbol, side: .long, quantity: quantity, entryPrice: mid, markPrice: mid,
                                           unrealizedPnlUSD: 0, leverage: 1))
        }
        return positions
    }

    /// Spot has no leverage: nothing is sent and 1 is the answer.
    public func setLeverage(symbol: String, leverage: Int) async throws(ExchangeError) -> Int { 1 }
}

/// A spot product as universe discovery sees it.
public struct CoinbaseProduct: Sendable, Hashable {
    public var id: String
    public var baseCurrency: String
    public var quoteCurrency: String
    /// Online and accepting new orders.
    public var tradable: Bool
    public var quoteVolume24h: Double
    public var price: Double
    public var filters: VenueFilters
}
