import Foundation
import HedgeCore
import HedgeExchange

/// Public market data: exchangeInfo, klines, tickers, depth, premium index.
extension LoopbackResponder {
    func exchangeInfo() async throws -> LoopbackReply {
        let filters = try await services.exchange.exchangeInfo()
        let now = await services.state.serverTimeMs()
        let symbols = filters.keys.sorted().compactMap { filters[$0] }.map(Self.symbolInfo)
        return .ok(.object([
            ("timezone", .string("UTC")),
            ("serverTime", .int(now)),
            ("futuresType", .string("U_MARGINED")),
            ("rateLimits", .array([
                Self.rateLimit("REQUEST_WEIGHT", "MINUTE", 1, services.weightLimitPerMinute),
                Self.rateLimit("ORDERS", "MINUTE", 1, services.orderLimitPerMinute),
                Self.rateLimit("ORDERS", "SECOND", 10, services.orderLimitPer10Seconds),
            ])),
            ("exchangeFilters", .array([])),
            ("assets", .array([.object([("asset", .string("USDT")), ("marginAvailable", .bool(true)), ("autoAssetExchange", .string("-10000"))])])),
            ("symbols", .array(symbols)),
        ]))
    }

    private static func rateLimit(_ type: String, _ interval: String, _ number: Int, _ limit: Int) -> BinanceJSON {
        .object([("rateLimitType", .string(type)), ("interval", .string(interval)), ("intervalNum", .int(number)), ("limit", .int(limit))])
    }

    /// One symbol of exchangeInfo, shaped as the real capture's, from the sim's trading rules.
    private static func symbolInfo(_ filters: VenueFilters) -> BinanceJSON {
        let base = filters.symbol.hasSuffix("USDT") ? String(filters.symbol.dropLast(4)) : filters.symbol
        let market = filters.marketLot ?? filters.lot
        let maxPrice = filters.price.maxPrice > 0 ? filters.price.maxPrice : 10_000_000
        let maxQty = filters.lot.maxQty > 0 ? filters.lot.maxQty : 100_000_000
        return .object([
            ("symbol", .string(filters.symbol)), ("pair", .string(filters.symbol)), ("contractType", .string("PERPETUAL")),
            ("deliveryDate", .int(4_133_404_800_000)), ("onboardDate", .int(1_569_398_400_000)), ("status", .string("TRADING")),
            ("maintMarginPercent", .string("2.5000")), ("requiredMarginPercent", .string("5.0000")),
            ("baseAsset", .string(base)), ("quoteAsset", .string("USDT")), ("marginAsset", .string("USDT")),
            ("pricePrecision", .int(Self.places(filters.price.tickSize))), ("quantityPrecision", .int(Self.places(filters.lot.stepSize))),
            ("baseAssetPrecision", .int(8)), ("quotePrecision", .int(8)), ("underlyingType", .string("COIN")),
            ("underlyingSubType", .array([])), ("triggerProtect", .string("0.0500")), ("liquidationFee", .string("0.020000")),
            ("marketTakeBound", .string("0.30")), ("maxMoveOrderLimit", .int(1000)),
            ("filters", .array([
                .object([("filterType", .string("PRICE_FILTER")), ("tickSize", .decimal(filters.price.tickSize)),
                         ("minPrice", .decimal(filters.price.minPrice)), ("maxPrice", .decimal(maxPrice))]),
                .object([("filterType", .string("LOT_SIZE")), ("maxQty", .decimal(maxQty)),
                         ("minQty", .decimal(filters.lot.minQty)), ("stepSize", .decimal(filters.lot.stepSize))]),
                .object([("filterType", .string("MARKET_LOT_SIZE")), ("maxQty", .decimal(market.maxQty > 0 ? market.maxQty : maxQty)),
                         ("minQty", .decimal(market.minQty)), ("stepSize", .decimal(market.stepSize))]),
                .object([("filterType", .string("MAX_NUM_ORDERS")), ("limit", .int(200))]),
                .object([("filterType", .string("MAX_NUM_ALGO_ORDERS")), ("limit", .int(10))]),
                .object([("filterType", .string("MIN_NOTIONAL")), ("notional", .decimal(filters.minNotional))]),
                .object([("filterType", .string("PERCENT_PRICE")), ("multiplierUp", .string("1.0500")),
                         ("multiplierDown", .string("0.9500")), ("multiplierDecimal", .string("4"))]),
            ])),
            ("orderTypes", .array(["LIMIT", "MARKET", "STOP_MARKET", "TAKE_PROFIT_MARKET"].map { .string($0) })),
            ("timeInForce", .array(["GTC", "IOC", "GTX"].map { .string($0) })),
            ("permissionSets", .array([.string("GRID"), .string("COPY")])),
        ])
    }

    /// Decimal places of a tick or step (0.10 → 1, 0.001 → 3, 1 → 0).
    static func places(_ increment: Decimal) -> Int {
        let text = increment.venueString
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    func klines(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let symbol = try request.require("symbol")
        let interval = try request.require("interval")
        guard let intervalMs = MarketDataFile.intervalMs(Substring(interval)) else {
            throw LoopbackReplyError(reply: .error(status: 400, code: -1120, message: "Invalid interval."))
        }
        let limit = min(1500, max(1, Int(try request.int("limit") ?? 500)))
        let start = try request.int("startTime")
        let end = try request.int("endTime")
        let bars: [Bar]
        do {
            bars = try await services.exchange.klines(symbol: symbol, interval: interval, limit: 1500)
        } catch {
            // Matching the typed error by pattern here crashes the 6.3 compiler (SIL ownership).
            if case .notAllowed = error {
                throw LoopbackReplyError(reply: .error(status: 400, code: -1120, message: "Invalid interval."))
            }
            throw error
        }
        var selected = bars.filter { bar in
            (start.map { bar.openTimeMs >= $0 } ?? true) && (end.map { bar.openTimeMs <= $0 } ?? true)
        }
        selected = start != nil ? Array(selected.prefix(limit)) : Array(selected.suffix(limit))
        return .ok(.array(selected.map { BinancePayloads.kline($0, intervalMs: intervalMs) }))
    }

    /// The symbols to answer for: the one asked, or every symbol with market data.
    private func symbols(_ request: LoopbackRequest) async throws -> (list: [String], single: Bool) {
        if let symbol = request.value("symbol") { return ([symbol], true) }
        let filters = try await services.exchange.exchangeInfo()
        return (filters.keys.sorted(), false)
    }

    /// Runs `body` per symbol; for the all-symbols form skips symbols without market data yet.
    private func perSymbol(_ request: LoopbackRequest, _ body: (String) async throws(ExchangeError) -> BinanceJSON) async throws -> LoopbackReply {
        let (list, single) = try await symbols(request)
        if single { return .ok(try await body(list[0])) }
        var rows: [BinanceJSON] = []
        for symbol in list {
            if let row = try? await body(symbol) { rows.append(row) }
        }
        return .ok(.array(rows))
    }

    func bookTicker(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let exchange = services.exchange
        let now = await services.state.serverTimeMs()
        return try await perSymbol(request) { symbol throws(ExchangeError) in
            let book = try await exchange.bookTicker(symbol: symbol)
            return .object([
                ("symbol", .string(symbol)), ("bidPrice", .decimal(book.bidPrice)), ("bidQty", .decimal(book.bidQuantity)),
                ("askPrice", .decimal(book.askPrice)), ("askQty", .decimal(book.askQuantity)), ("time", .int(now)),
                ("lastUpdateId", .int(await exchange.nowMs)),
            ])
        }
    }

    func depth(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let symbol = try request.require("symbol")
        let depth = try await services.exchange.depth(symbol: symbol, limit: 20)
        let now = await services.state.serverTimeMs()
        return .ok(.object([
            ("lastUpdateId", .int(await services.exchange.nowMs)), ("E", .int(now)), ("T", .int(now)),
            ("bids", .array(depth.bids.map { .array([.decimal($0.price), .decimal($0.quantity)]) })),
            ("asks", .array(depth.asks.map { .array([.decimal($0.price), .decimal($0.quantity)]) })),
        ]))
    }

    func premiumIndex(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let exchange = services.exchange
        return try await perSymbol(request) { symbol throws(ExchangeError) in
            let mark = try await exchange.markPrice(symbol: symbol)
            return .object([
                ("symbol", .string(symbol)), ("markPrice", .decimal(mark.markPrice)), ("indexPrice", .decimal(mark.markPrice)),
                ("estimatedSettlePrice", .decimal(mark.markPrice)),
                ("lastFundingRate", .string((Decimal(shortestRepresentationOf: mark.fundingRate) ?? 0).venueString)),
                ("interestRate", .string("0.00010000")), ("nextFundingTime", .int(mark.nextFundingTimeMs)), ("time", .int(mark.timeMs)),
            ])
        }
    }

    func tickerPrice(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let exchange = services.exchange
        return try await perSymbol(request) { symbol throws(ExchangeError) in
            let mark = try await exchange.markPrice(symbol: symbol)
            return .object([("symbol", .string(symbol)), ("price", .decimal(mark.markPrice)), ("time", .int(mark.timeMs))])
        }
    }

    /// The 24 h statistics over the bars replayed in the last day of venue time.
    func ticker24hr(_ request: LoopbackRequest) async throws -> LoopbackReply {
        let exchange = services.exchange
        return try await perSymbol(request) { symbol throws(ExchangeError) in
            let (bars, intervalMs) = try await Self.replayedBars(exchange, symbol: symbol)
            guard let last = bars.last else { throw .notAllowed("no market data for \(symbol) yet") }
            let dayStart = last.openTimeMs + intervalMs - 86_400_000
            let day = bars.filter { $0.openTimeMs >= dayStart }
            let open = day.first?.open ?? last.open
            let volume = day.reduce(0) { $0 + $1.volume }
            let quoteVolume = day.reduce(0) { $0 + $1.volume * $1.close }
            // The sim's rolling day, extrapolated while its replay is younger than a day.
            let dayQuoteVolume = try await exchange.quoteVolume24h(symbol: symbol)
            return .object([
                ("symbol", .string(symbol)), ("priceChange", BinancePayloads.price(last.close - open)),
                ("priceChangePercent", BinancePayloads.price(open > 0 ? ((last.close - open) / open * 10_000).rounded() / 100 : 0)),
                ("weightedAvgPrice", BinancePayloads.price(volume > 0 ? quoteVolume / volume : last.close)),
                ("lastPrice", BinancePayloads.price(last.close)), ("lastQty", .string("0")), ("openPrice", BinancePayloads.price(open)),
                ("highPrice", BinancePayloads.price(day.map(\.high).max() ?? last.high)),
                ("lowPrice", BinancePayloads.price(day.map(\.low).min() ?? last.low)),
                ("volume", BinancePayloads.price(volume)), ("quoteVolume", BinancePayloads.price(dayQuoteVolume)),
                ("openTime", .int(day.first?.openTimeMs ?? last.openTimeMs)), ("closeTime", .int(last.openTimeMs + intervalMs - 1)),
                ("firstId", .int(0)), ("lastId", .int(0)), ("count", .int(day.count)),
            ])
        }
    }

    /// The bars the sim has replayed for `symbol` and their interval (the sim serves only the
    /// interval it replays, so the common ones are tried in turn).
    static func replayedBars(_ exchange: SimExchange, symbol: String) async throws(ExchangeError) -> ([Bar], Int64) {
        for interval in ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d"] {
            do {
                let bars = try await exchange.klines(symbol: symbol, interval: interval, limit: 1500)
                return (bars, MarketDataFile.intervalMs(Substring(interval)) ?? 60_000)
            } catch .notAllowed {
                continue
            }
        }
        throw .notAllowed("no market data for \(symbol) yet")
    }
}
